// The reference letter's PDF, read back as a PDF reader does and compared with the text of the PDF that
// was sent on 29 September 2021 (tests/fixtures/reference), not with our own output.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { pdfDocumentFromLetter, renderPdf, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { loadSiteOrThrow } from "../src/load/site.ts";
import { columnText, pdfFile, pdfInfo, pdfLines, pdfText, squash } from "./helpers/pdf.ts";
import { readReference, type ReferenceLetter } from "./helpers/reference.ts";
import { PROJECT, fixture } from "./helpers/site.ts";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("the reference letter's PDF", () => {
  let reference: ReferenceLetter;
  let doc: PdfDocument;
  let bytes: Uint8Array;
  let file: string;
  let pages: number;
  beforeAll(async () => {
    reference = readReference();
    const site = await loadSiteOrThrow(fixture("reference"));
    doc = pdfDocumentFromLetter(site.letters.find((l) => l.slug === "belgium-e2ee")!, site.config);
    const pdf = await renderPdf(doc, { cache: false });
    expect(pdf.warnings).toEqual([]);
    ({ bytes, pages } = pdf);
    file = await pdfFile(bytes);
  });

  it("prints the date, the addressees, the title, the salutation and every paragraph, word for word", async () => {
    const text = squash(await pdfText(file));
    // Superscript footnote numbers sit inside the words they follow; the paragraphs hold no other digits.
    const words = text.replace(/\d/g, "");
    for (const part of [reference.date, ...reference.addressees, reference.title, reference.salutation]) {
      expect(text).toContain(squash(part));
    }
    expect(reference.paragraphs).toHaveLength(6);
    for (const paragraph of reference.paragraphs) {
      expect(/\d/.test(paragraph)).toBe(false);
      expect(words).toContain(squash(paragraph));
    }
  });

  it("prints every footnote URL in full, at the foot of the page that cites it", async () => {
    const raw = readFileSync(join(fixture("reference"), "belgium-e2ee-2021-09-29.txt"), "utf8");
    expect(reference.footnoteUrls).toHaveLength(5);
    for (const [i, url] of reference.footnoteUrls.entries()) {
      const n = i + 1;
      // The words just before <sup>n</sup> in the original: where footnote n is cited.
      const cited = raw.slice(0, raw.indexOf(`<sup>${n}</sup>`)).replace(/<sup>\d+<\/sup>/g, "").replace(/[*\s]+/g, " ").trim().slice(-40);
      const pageOf = async (needle: string) => {
        for (let p = 1; p <= pages; p++) if (squash(await pdfText(file, p)).replace(/\d/g, "").includes(squash(needle).replace(/\d/g, ""))) return p;
        return -1;
      };
      const page = await pageOf(cited);
      expect(page, `footnote ${n} is cited`).toBeGreaterThan(0);
      expect(await pageOf(url), `footnote ${n}'s URL is on the page that cites it`).toBe(page);
      // At the foot: below the last line of the text that cites it.
      const { lines, height } = await pdfLines(file, page);
      const host = squash(new URL(url).host);
      const urlLine = lines.find((l) => squash(l.text).includes(host) && squash(l.text).startsWith(`${n}`));
      expect(urlLine, `footnote ${n} starts with its number`).toBeDefined();
      expect(urlLine!.yMin).toBeGreaterThan(height * 0.6);
    }
  });

  it("breaks a long URL only after a slash", async () => {
    const text = await pdfText(file);
    const longest = reference.footnoteUrls.reduce((a, b) => (a.length > b.length ? a : b));
    const host = new URL(longest).host;
    const start = text.indexOf(host);
    const printed = text.slice(start, start + longest.length + 20);
    // Every line break inside the printed URL follows a "/".
    for (const m of printed.matchAll(/\n/g)) if (squash(printed.slice(0, m.index)).length < squash(longest).length - 8) expect(printed[m.index - 1]).toBe("/");
  });

  it("lists all 49 signatories in order, each name followed by its role and affiliation", async () => {
    expect(reference.signatories).toHaveLength(49);
    let flow = "";
    for (let p = 1; p <= pages; p++) {
      const page = await pdfLines(file, p);
      const heading = page.lines.find((l) => l.text === "Signatories*");
      if (heading || flow) flow += columnText(page, heading ? heading.yMax : 0);
    }
    const text = squash(flow);
    let at = 0;
    for (const line of reference.signatories) {
      // The original prints "Name, role"; the PDF puts the role on its own line under the name.
      const entry = squash(line.replace(", ", ""));
      const found = text.indexOf(entry, at);
      expect(found, line).toBeGreaterThanOrEqual(at);
      at = found + entry.length;
    }
    expect(text).toContain(squash(reference.note));
  });

  it("keeps the diacritics", async () => {
    const text = await pdfText(file);
    for (const word of ["Državljan", "Finkhäuser", "Associação", "Mário", "Técnico"]) expect(text).toContain(word);
  });

  it("sets the signatories in two columns of equal height", async () => {
    const last = await pdfLines(file, pages);
    const heading = last.lines.find((l) => l.text === "Signatories*");
    const note = last.lines.find((l) => l.text.startsWith("*Affiliations"));
    expect(note).toBeDefined();
    const list = last.lines.filter((l) => l.yMin > (heading?.yMax ?? 0) && l.yMax < note!.yMin);
    const bottom = (lines: typeof list) => Math.max(...lines.map((l) => l.yMax));
    const left = list.filter((l) => l.xMin < last.width / 2);
    const right = list.filter((l) => l.xMin >= last.width / 2);
    expect(left.length).toBeGreaterThan(10);
    expect(right.length).toBeGreaterThan(10);
    // Within two lines of each other (an entry is at most three lines tall).
    expect(Math.abs(bottom(left) - bottom(right))).toBeLessThan(25);
  });

  it("numbers the pages n / total", async () => {
    expect(pages).toBe(2);
    // The thin spaces around the slash may or may not come out as spaces.
    for (let p = 1; p <= pages; p++) expect(await pdfText(file, p)).toMatch(new RegExp(`(^|\\n)${p} ?/ ?${pages}\\n`));
  });

  it("carries title, author, keywords, language and the letter's date as metadata, on A4", async () => {
    const info = await pdfInfo(file);
    expect(info.Title).toBe(reference.title);
    expect(info.Author).toBe("Global Encryption Coalition");
    expect(info.Keywords).toContain("open letter");
    expect(info.CreationDate).toMatch(/^2021-09-29/);
    expect(info.ModDate).toMatch(/^2021-09-29/);
    expect(info["Page size"]).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(Buffer.from(bytes).toString("latin1")).toContain("/Lang (en-GB)");
  });

  it("is typeset on US Letter when the site asks for it", async () => {
    const { bytes: letter } = await renderPdf({ ...doc, paper: "us-letter" }, { cache: false });
    expect((await pdfInfo(await pdfFile(letter)))["Page size"]).toMatch(/^612 x 792 pts \(letter\)/);
  });

  it("gives identical bytes for the same input, also in another process", async () => {
    const again = await renderPdf(doc, { cache: false });
    expect(sha256(again.bytes)).toBe(sha256(bytes));
    const run = promisify(execFile);
    const { stdout } = await run(join(PROJECT, "node_modules/.bin/tsx"), [join(PROJECT, "tests/helpers/reference-pdf-hash.ts")], {
      cwd: PROJECT,
      env: { ...process.env, TZ: "Pacific/Kiritimati", LANG: "de_DE.UTF-8" },
    });
    expect(stdout.trim()).toBe(sha256(bytes));
  });

  it("changes when a signatory changes", async () => {
    const groups = structuredClone(doc.signatories.groups);
    groups[0]!.entries[5]!.name = "Blacknight Internet Solutions Limited";
    const changed = await renderPdf({ ...doc, signatories: { ...doc.signatories, groups } }, { cache: false });
    expect(sha256(changed.bytes)).not.toBe(sha256(bytes));
    expect(await pdfText(await pdfFile(changed.bytes))).toContain("Blacknight Internet Solutions Limited");
  });
});
