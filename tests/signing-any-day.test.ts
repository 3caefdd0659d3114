// Signing on any day, a release day included: a release freezes its text and its list as they stood,
// never who may sign afterwards (lifecycle issue, points 1, 4 and 5).
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSite, ReleasedSignatoryError, type Letter } from "../src/index.ts";
import { currentList, latestPossibleDate, versionList } from "../src/load/version-lists.ts";
import { releaseLetter } from "../src/tools/release.ts";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

const TODAY = new Date().toISOString().slice(0, 10);
const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function site(): Promise<string> {
  const root = join(await tempDir(), "site");
  await cp(fixture("lifecycle"), root, { recursive: true });
  return root;
}

const signatories = (root: string) => join(root, "letters/keep-it-open/signatories");

async function letterOf(root: string): Promise<{ letter: Letter; problems: string[] }> {
  const { site, problems } = await loadSite(root);
  return { letter: site?.letters[0] as Letter, problems: problems.filter((p) => p.severity === "error").map((p) => p.format()) };
}

const names = (list: { entries: { signatory: { name: string }; signedVersion?: number }[] }) =>
  list.entries.map((e) => (e.signedVersion ? `${e.signatory.name} (v${e.signedVersion})` : e.signatory.name));

describe("signing on a release day", () => {
  it("a signature dated the release day passes the check and is listed on the current version, not the frozen list", async () => {
    const root = await site();
    await releaseLetter(root, "keep-it-open", { date: TODAY });
    await writeFile(join(signatories(root), "bob-brown.yaml"), `name: Bob Brown\nsigned: ${TODAY}\nversion: 1\n`);
    const { letter, problems } = await letterOf(root);
    expect(problems).toEqual([]);
    expect(names(currentList(letter))).toContain("Bob Brown");
    expect(names(versionList(letter, 1))).not.toContain("Bob Brown");
  });

  it("after a second release the same day, the new signature is recorded by version 2 and no message names version 1", async () => {
    const root = await site();
    await releaseLetter(root, "keep-it-open", { date: TODAY });
    await writeFile(join(signatories(root), "bob-brown.yaml"), `name: Bob Brown\nsigned: ${TODAY}\n`);
    const letterFile = join(root, "letters/keep-it-open/letter.md");
    await writeFile(letterFile, `${await readFile(letterFile, "utf8")}\nA third paragraph.\n`);
    const result = await releaseLetter(root, "keep-it-open", { date: TODAY });
    expect(result).toMatchObject({ version: 2, added: 1 });
    const { letter, problems } = await letterOf(root);
    expect(problems).toEqual([]);
    // He signed while version 1 was the text on the page, and version 2 says so.
    expect(names(versionList(letter, 2))).toContain("Bob Brown (v1)");
    expect(names(versionList(letter, 1)).join()).not.toContain("Bob Brown");
    expect(letter.releases[1]!.added).toEqual([{ id: expect.any(String), read: 1 }]);
  });

  it("a signature without signed: is fine and belongs to the version current when it appears", async () => {
    const root = await site();
    await releaseLetter(root, "keep-it-open", { date: "2026-11-25" });
    await writeFile(join(signatories(root), "no-date.yaml"), "name: No Date\n");
    const { letter, problems } = await letterOf(root);
    expect(problems).toEqual([]);
    expect(names(currentList(letter))).toContain("No Date");
  });
});

describe("dates and versions a signer writes", () => {
  it("accepts tomorrow (UTC), for signers ahead of UTC, and refuses any later date with its line", async () => {
    const root = await site();
    await writeFile(join(signatories(root), "kiri.yaml"), `name: Kiri Tane\nsigned: ${latestPossibleDate()}\n`);
    expect((await letterOf(root)).problems).toEqual([]);
    await writeFile(join(signatories(root), "kiri.yaml"), `name: Kiri Tane\nsigned: ${daysFromToday(3)}\n`);
    const { problems } = await letterOf(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/kiri\.yaml:1:1: error: "Kiri Tane" has signed: \d{4}-\d\d-\d\d, a date still to come/);
  });

  it("refuses a version: that is not released", async () => {
    const root = await site();
    await releaseLetter(root, "keep-it-open", { date: TODAY });
    await writeFile(join(signatories(root), "zed.yaml"), "name: Zed Zero\nversion: 2\n");
    const { problems } = await loadSite(root);
    const problem = problems.find((p) => p instanceof ReleasedSignatoryError)!;
    expect(problem.format()).toMatch(/zed\.yaml:1:1: error: "Zed Zero" read version 2, which is not released \(the latest is version 1\)/);
  });

  it("a signer who read an older version is marked with it on the current page", async () => {
    const root = await site();
    await releaseLetter(root, "keep-it-open", { date: "2026-11-25" });
    const letterFile = join(root, "letters/keep-it-open/letter.md");
    await writeFile(letterFile, `${await readFile(letterFile, "utf8")}\nA third paragraph.\n`);
    await releaseLetter(root, "keep-it-open", { date: "2026-11-26" });
    await writeFile(join(signatories(root), "late.yaml"), "name: Late Reader\nversion: 1\n");
    const { letter } = await letterOf(root);
    expect(names(currentList(letter))).toContain("Late Reader (v1)");
  });
});

describe("corrections after a release", () => {
  it("release writes an id into every entry it records, so a spelling fix in a list file passes the check", async () => {
    const root = await site();
    await releaseLetter(root, "keep-it-open", { date: "2026-11-25" });
    const list = join(signatories(root), "founders.yaml");
    const written = await readFile(list, "utf8");
    expect(written).toMatch(/^# The coalition's founding members/); // comments kept
    expect(written).toMatch(/- name: Tab Person\n {2}affiliation: Open Rights\n {2}id: s[0-9a-f]{11}\n/);
    await writeFile(list, written.replace("Tab Person", "Tab Persson"));
    const { letter, problems } = await letterOf(root);
    expect(problems).toEqual([]);
    expect(names(versionList(letter, 1))).toContain("Tab Persson");
  });

  it("a copied id is refused: one id names one signature", async () => {
    const root = await site();
    await releaseLetter(root, "keep-it-open", { date: "2026-11-25" });
    const id = /id: (\S+)/.exec(await readFile(join(signatories(root), "ada-lovelace.yaml"), "utf8"))![1];
    await writeFile(join(signatories(root), "mallory.yaml"), `name: Mallory\nid: ${id}\n`);
    const { problems } = await letterOf(root);
    expect(problems.join("\n")).toMatch(/mallory\.yaml:1:1: error: "Mallory" has the id s[0-9a-f]+, which .*ada-lovelace\.yaml:1 already has/);
  });
});

describe("releases people can live with", () => {
  async function twoVersions(editorial: boolean, reconfirmed?: string) {
    const root = await site();
    await releaseLetter(root, "keep-it-open", { date: "2026-11-25" });
    if (reconfirmed) await writeFile(join(signatories(root), "ada-lovelace.yaml"), `${await readFile(join(signatories(root), "ada-lovelace.yaml"), "utf8")}reconfirmed: ${reconfirmed}\n`);
    const letterFile = join(root, "letters/keep-it-open/letter.md");
    await writeFile(letterFile, (await readFile(letterFile, "utf8")).replace("alike.", "alike, every day."));
    await releaseLetter(root, "keep-it-open", { date: "2026-11-28", editorial });
    return (await letterOf(root)).letter;
  }

  it("an editorial release carries every signature over without a 'signed version 1' mark", async () => {
    const letter = await twoVersions(true);
    expect(letter.releases[1]!.editorial).toBe(true);
    expect(names(versionList(letter, 2))).toEqual(["Ada Lovelace", "Tab Person", "Open Group"]);
    expect(names(currentList(letter))).toEqual(["Ada Lovelace", "Tab Person", "Open Group"]);
  });

  it("a release that changes the meaning marks who signed the older text", async () => {
    const letter = await twoVersions(false);
    expect(names(currentList(letter))).toEqual(["Ada Lovelace (v1)", "Tab Person (v1)", "Open Group (v1)"]);
  });

  it("reconfirming on the release day counts for the version released that day", async () => {
    const letter = await twoVersions(false, "2026-11-28");
    expect(names(versionList(letter, 2))).toEqual(["Ada Lovelace", "Tab Person (v1)", "Open Group (v1)"]);
  });
});

describe("records written before ids", () => {
  async function pledgeCopy() {
    const root = join(await tempDir(), "versioned");
    await cp(fixture("versioned"), root, { recursive: true });
    return root;
  }
  const lists = (letter: Letter) => [1, 2, 3].map((n) => names(versionList(letter, n))).concat([names(currentList(letter))]);

  it("check warns about them, and check --fix converts them without changing any list or text hash", async () => {
    const root = await pledgeCopy();
    const before = (await letterOf(root)).letter;
    const warned = await runScript("check.ts", ["--root", root]);
    expect(warned.stderr).toMatch(/versions\/1\/signatories\.txt:1:1: warning: This release record names signatories instead of their ids/);
    const fixed = await runScript("check.ts", ["--root", root, "--fix"]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain("versions/1/signatories.txt: converted to ids");
    const record = await readFile(join(root, "letters/pledge/versions/2/signatories.txt"), "utf8");
    expect(record.split("\n").slice(1, -1)).toEqual([expect.stringMatching(/^s[0-9a-f]{11} 1$/)]); // Erin read version 1
    const after = await letterOf(root);
    expect(after.problems).toEqual([]);
    expect(lists(after.letter)).toEqual(lists(before));
    expect(after.letter.releases.map((r) => r.textSha256)).toEqual(before.releases.map((r) => r.textSha256));
    expect((await runScript("check.ts", ["--root", root])).stderr).not.toContain("names signatories");
  });

  it("after the conversion a name in a list file can be corrected; before it, the check says to run --fix", async () => {
    const root = await pledgeCopy();
    const list = join(root, "letters/pledge/signatories/early-list.yaml");
    const original = await readFile(list, "utf8");
    await writeFile(list, original.replace("Carol Chen", "Carole Chen"));
    const refused = await loadSite(root);
    expect(refused.problems.find((p) => p instanceof ReleasedSignatoryError)?.hint).toContain("npm run check -- --fix first");
    await writeFile(list, original);
    await runScript("check.ts", ["--root", root, "--fix"]);
    await writeFile(list, (await readFile(list, "utf8")).replace("Carol Chen", "Carole Chen"));
    const { letter, problems } = await letterOf(root);
    expect(problems).toEqual([]);
    expect(names(versionList(letter, 1))).toContain("Carole Chen");
  });
});
