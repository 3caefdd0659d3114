// Property tests: arbitrary Unicode in every signatory field is shown exactly as written, printed in the
// PDF when its script has a font, and can never add an element, an attribute or a Typst call.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadFonts } from "../src/outputs/typst/fonts.ts";
import { hasHiddenControls } from "../src/model/schema.ts";
import { normaliseName } from "../src/common/names.ts";
import { pdfText } from "./helpers/pdf.ts";
import { readPage, runScript, tempDir } from "./helpers/site.ts";

/** Any text a schema accepts: non-blank, no control or direction characters. */
const anyText = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 30 })
  .filter((s) => s.trim() !== "" && !hasHiddenControls(s) && !/[\r\n\t\u2028\u2029]/.test(s));

/**
 * Text in Latin, Latin Extended, Greek and Cyrillic that the PDF fonts really have glyphs for (the font
 * lacks a few, such as Ĳ; for those the build warns instead, which the PDF tests check).
 */
const { coverage } = loadFonts();
const coveredChar = fc.oneof(
  fc.integer({ min: 0x21, max: 0x7e }),
  fc.integer({ min: 0xc0, max: 0x17f }),
  fc.integer({ min: 0x391, max: 0x3a9 }).filter((c) => c !== 0x3a2),
  fc.integer({ min: 0x410, max: 0x44f }),
).filter((c) => coverage.has(c)).map((c) => String.fromCodePoint(c));
const coveredText = fc.array(fc.oneof(coveredChar, coveredChar, coveredChar, fc.constant(" ")), { minLength: 1, maxLength: 24 })
  .map((cs) => cs.join("").trim())
  .filter((s) => s !== "");

interface Entry { name: string; title: string; affiliation: string; path: string }

const entries = (field: fc.Arbitrary<string>) =>
  fc.uniqueArray(fc.record({ name: field, title: field, affiliation: field, path: anyText }), {
    minLength: 1, maxLength: 12, selector: (e) => `${normaliseName(e.name)}\u0000${normaliseName(e.affiliation)}`,
  });

async function buildWith(list: Entry[]): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, "letters/p/signatories"), { recursive: true });
  await writeFile(join(root, "letters/site.yaml"), "title: Properties\n");
  await writeFile(join(root, "letters/p/letter.md"), "---\ntitle: P\ndate: 2024-01-01\n---\n\nText.\n");
  // JSON strings are valid YAML double-quoted scalars: the file holds exactly the generated text.
  const yaml = list.map((e) => `- name: ${JSON.stringify(e.name)}\n  title: ${JSON.stringify(e.title)}\n  affiliation: ${JSON.stringify(e.affiliation)}\n  url: ${JSON.stringify(`https://example.org/${encodeURIComponent(e.path)}`)}\n`).join("");
  await writeFile(join(root, "letters/p/signatories/list.yaml"), yaml);
  const { releaseLetter } = await import("../src/tools/release.ts");
  await releaseLetter(root, "p", { date: "2024-01-01" });
  const output = join(await tempDir(), "site");
  const result = await runScript("build.ts", ["--root", root, "--output", output]);
  expect(result.code, result.stderr).toBe(0);
  return output;
}

/** RFC 4180: fields separated by commas, quoted when they hold a comma, quote or line break. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows;
}

/**
 * What a spreadsheet must receive: a cell that would start a formula, after any leading spaces and
 * invisible characters, is prefixed with an apostrophe.
 */
const spreadsheetSafe = (value: string) =>
  (/^[\s\u0000-\u0008\u000E-\u001F\u007F-\u009F\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*[=+\-@\t\r]/u.test(value) ? `'${value}` : value);

const ALLOWED = { a: ["class", "href", "rel"], bdi: ["class"], span: ["class"] } as Record<string, string[]>;

describe("arbitrary signatory fields", () => {
  it("show in the HTML exactly as written, add no element or attribute, and round-trip through JSON and CSV", async () => {
    await fc.assert(
      fc.asyncProperty(entries(anyText), async (list) => {
        const site = await buildWith(list);
        const json = JSON.parse(await readFile(join(site, "p/signatories.json"), "utf8")) as { signatories: Record<string, string>[] };
        expect(json.signatories.map((s) => [s.name, s.title, s.affiliation])).toEqual(list.map((e) => [e.name, e.title, e.affiliation]));
        const [header, ...rows] = parseCsv(await readFile(join(site, "p/signatories.csv"), "utf8"));
        const col = (name: string) => header!.indexOf(name);
        expect(rows.map((r) => [r[col("name")], r[col("title")], r[col("affiliation")]])).toEqual(
          list.map((e) => [e.name, e.title, e.affiliation].map(spreadsheetSafe)),
        );
        const page = await readPage(site, "p/index.html");
        const shown = [...page.querySelectorAll(".signatory")];
        expect(shown).toHaveLength(list.length);
        shown.forEach((li, i) => {
          const e = list[i]!;
          expect(li.querySelector(".signatory-name")!.textContent).toBe(e.name);
          expect(li.querySelector(".signatory-role bdi")!.textContent).toBe(`${e.title}, ${e.affiliation}`);
          expect(li.querySelector("a")!.getAttribute("href")).toBe(`https://example.org/${encodeURIComponent(e.path)}`);
          for (const el of li.querySelectorAll("*")) {
            const tag = el.tagName.toLowerCase();
            expect(Object.keys(ALLOWED), tag).toContain(tag);
            for (const attr of el.getAttributeNames()) expect(ALLOWED[tag], `${tag}[${attr}]`).toContain(attr);
          }
        });
      }),
      { numRuns: 4, seed: 20261126 },
    );
  });

  it("print in the PDF as written, never as Typst markup", { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(entries(coveredText), async (list) => {
        const site = await buildWith(list);
        const pdf = await pdfText(join(site, "p/p.pdf"));
        // Columns wrap long names and hyphenate words: compare without whitespace and line-end hyphens.
        const squash = (s: string) => s.replace(/-\n/g, "").replace(/\s+/g, "");
        for (const e of list) {
          expect(squash(pdf)).toContain(squash(e.name));
          expect(squash(pdf)).toContain(squash(`${e.title}, ${e.affiliation}`));
        }
      }),
      { numRuns: 3, seed: 20261126, endOnFailure: true },
    );
  });
});

