// A released letter whose signatories signed on known days, for the charts: `count` dated signatories
// (seeded, so every run writes the same files) plus a few undated ones and a withdrawn one, released twice
// with `npm run release`. Written to a temporary folder, never committed.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { random } from "./large-letter.ts";
import { runScript, tempDir } from "./site.ts";

export const DATED_SLUG = "dated";
export const RELEASES = ["2024-06-30", "2024-07-15"] as const;
const COUNTRIES = ["BE", "FR", "DE", "NL", "US", "JP", "EG", "BR", "IN", "PL", "ES", "IT", "SE"];

export interface DatedSignatory {
  name: string;
  type: "individual" | "organization";
  country: string;
  signed?: string;
  withdrawn?: string;
}

export interface DatedLetter {
  root: string;
  /** Everyone on the current list, withdrawn left out. */
  listed: DatedSignatory[];
  /** How many of them have no `signed:` date (they count from version 1's release). */
  undated: number;
}

export async function generateDatedLetter(count = 1_000, options: { lang?: string; threshold?: number } = {}): Promise<DatedLetter> {
  const rand = random(17_2024);
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const listed: DatedSignatory[] = [];
  for (let i = 0; i < count; i++) {
    // Skewed towards the first weeks, as a campaign's signatures are.
    const offset = Math.floor(rand() ** 2 * 180);
    listed.push({ name: `Signer ${String(i + 1).padStart(4, "0")}`, type: rand() < 0.2 ? "organization" : "individual", country: COUNTRIES[Math.floor(rand() * COUNTRIES.length)]!, signed: day(offset) });
  }
  const undated: DatedSignatory[] = ["Undated One", "Undated Two", "Undated Three"].map((name) => ({ name, type: "individual", country: "BE" }));
  const withdrawn: DatedSignatory = { name: "Gone Person", type: "individual", country: "FR", signed: "2024-01-05", withdrawn: "2024-02-01" };

  const root = join(await tempDir("open-letters-dated-"), "site");
  const dir = join(root, "letters", DATED_SLUG);
  await mkdir(join(dir, "signatories"), { recursive: true });
  await writeFile(join(root, "letters/site.yaml"), stringify({ title: "Dated fixture", lang: options.lang ?? "en", url: "https://letters.example.org", ...(options.threshold ? { list_threshold: options.threshold } : {}) }));
  const letter = (body: string) => `---\ntitle: Signed on known days\ndate: 2024-01-01\nto:\n  - The Minister\nsummary: A letter whose signatures have dates.\n---\n\n${body}\n`;
  await writeFile(join(dir, "letter.md"), letter("We ask for open standards."));
  await writeFile(join(dir, "signatories/a-dated.yaml"), stringify(listed, { lineWidth: 0 }));
  await writeFile(join(dir, "signatories/b-undated.yaml"), stringify([...undated, withdrawn], { lineWidth: 0 }));
  await release(root, RELEASES[0]);
  await writeFile(join(dir, "letter.md"), letter("We ask for open standards, now."));
  await release(root, RELEASES[1]);
  return { root, listed: [...listed, ...undated], undated: undated.length };
}

async function release(root: string, date: string): Promise<void> {
  const result = await runScript("release.ts", [DATED_SLUG, "--root", root, "--date", date, "--notes", `Release of ${date}`]);
  if (result.code !== 0) throw new Error(`npm run release failed:\n${result.stderr}\n${result.stdout}`);
}
