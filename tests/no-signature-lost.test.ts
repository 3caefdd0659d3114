// No signature lost: over a generated letter with two versions, a long list and withdrawals, every
// signatory who has not withdrawn appears exactly once in the list pages, the PDF, the search records,
// the JSON and the CSV of the current version, and no withdrawn one appears anywhere.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { recordEditions } from "../src/tools/editions.ts";
import { releaseLetter } from "../src/tools/release.ts";
import { pdfText } from "./helpers/pdf.ts";
import { readPage, runScript, tempDir } from "./helpers/site.ts";

const COUNT = 1_200; // over the default list_threshold (500), so the list is paginated
// Names with no hyphenation point and no name inside another ("Qx0012" never contains "Qx001" + boundary).
const name = (i: number) => `Qx${String(i).padStart(4, "0")}z Vbn`;
const withdrawn = new Set([3, 500, 1_199]);

let site: string;
beforeAll(async () => {
  const root = await tempDir();
  const dir = join(root, "letters/many");
  await mkdir(join(dir, "signatories"), { recursive: true });
  await writeFile(join(root, "letters/site.yaml"), "title: Many\n");
  await writeFile(join(dir, "letter.md"), "---\ntitle: Many\ndate: 2024-01-01\n---\n\nText.\n");
  const entry = (i: number, signed?: string) => `- name: ${name(i)}\n  type: ${i % 7 === 0 ? "organization" : "individual"}\n  country: ${["BE", "FR", "KE"][i % 3]}\n${signed ? `  signed: ${signed}\n` : ""}`;
  await writeFile(join(dir, "signatories/first.yaml"), Array.from({ length: 800 }, (_, i) => entry(i)).join(""));
  await releaseLetter(root, "many", { date: "2024-01-01" });
  await writeFile(join(dir, "letter.md"), "---\ntitle: Many\ndate: 2024-01-01\n---\n\nText, corrected.\n");
  await writeFile(join(dir, "signatories/second.yaml"), Array.from({ length: COUNT - 800 }, (_, i) => entry(800 + i, "2024-02-01")).join(""));
  await releaseLetter(root, "many", { date: "2024-03-01" });
  // Withdrawals after the releases, as in life: the files stay, with a date, and the released
  // versions' PDFs get a new edition without the names (what npm run withdraw records).
  for (const file of ["first.yaml", "second.yaml"]) {
    const path = join(dir, "signatories", file);
    let yaml = await readFile(path, "utf8");
    for (const i of withdrawn) yaml = yaml.replace(`- name: ${name(i)}\n`, `- name: ${name(i)}\n  withdrawn: 2024-04-01\n`);
    await writeFile(path, yaml);
  }
  await recordEditions(root, "many", { date: "2024-04-01" });
  site = join(await tempDir(), "site");
  const result = await runScript("build.ts", ["--root", root, "--output", site]);
  expect(result.code, result.stderr).toBe(0);
});

function countEach(haystack: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const m of haystack.matchAll(/Qx(\d{4})z/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  return counts;
}

function expectEachOnce(counts: Map<number, number>, where: string): void {
  for (let i = 0; i < COUNT; i++) {
    expect(counts.get(i) ?? 0, `${name(i)} in ${where}`).toBe(withdrawn.has(i) ? 0 : 1);
  }
}

async function filesUnder(dir: string, suffix: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f));
}

describe("no signature lost", () => {
  it("in the paginated list pages of the current version", async () => {
    const pages = await filesUnder(join(site, "many/signatories"), "index.html");
    expect(pages.length).toBeGreaterThan(1);
    let all = "";
    for (const page of pages) {
      const doc = await readPage(site, page.slice(site.length + 1));
      all += [...doc.querySelectorAll(".signatory-name")].map((e) => e.textContent).join("\n");
    }
    expectEachOnce(countEach(all), "the list pages");
  });

  it("in the current PDF", async () => {
    const text = await pdfText(join(site, "many/many.pdf"));
    expectEachOnce(countEach(text), "the PDF");
  });

  it("in the search records", async () => {
    const records = await filesUnder(join(site, "many/search/records"), ".json");
    let all = "";
    for (const file of records) all += (JSON.parse(await readFile(file, "utf8")) as [string, string][]).map(([n]) => n).join("\n");
    expectEachOnce(countEach(all), "the search records");
  });

  it("in signatories.json and signatories.csv", async () => {
    const json = JSON.parse(await readFile(join(site, "many/signatories.json"), "utf8")) as { signatories: { name: string }[] };
    expectEachOnce(countEach(json.signatories.map((s) => s.name).join("\n")), "signatories.json");
    const csv = await readFile(join(site, "many/signatories.csv"), "utf8");
    expectEachOnce(countEach(csv), "signatories.csv");
  });

  it("and version 1 lists only its own 800, minus withdrawals", async () => {
    expect(existsSync(join(site, "many/v1/signatories/index.html"))).toBe(true);
    const text = await pdfText(join(site, "many/v1/many-v1.pdf"));
    const counts = countEach(text);
    for (let i = 0; i < COUNT; i++) expect(counts.get(i) ?? 0, name(i)).toBe(i < 800 && !withdrawn.has(i) ? 1 : 0);
  });
});
