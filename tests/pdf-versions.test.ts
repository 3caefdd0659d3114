// Every version's PDF says which version it is, on every page and in its metadata; and a build typesets
// only the PDFs whose content changed.
import { createHash } from "node:crypto";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../src/model/hash.ts";
import { renderPdf, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { pdfFile, pdfInfo, pdfLayout, pdfText, squash } from "./helpers/pdf.ts";
import { buildFixture, fixture, runScript, tempDir } from "./helpers/site.ts";

// The versioned fixture's releases (versions.yaml) as a reader sees them printed.
const RELEASES = [
  { version: 1, date: "2024-01-10", printed: "January 10, 2024" },
  { version: 2, date: "2024-02-01", printed: "February 1, 2024" },
  { version: 3, date: "2024-03-01", printed: "March 1, 2024" },
];

describe("the version in a PDF", () => {
  let site: string;
  beforeAll(async () => {
    site = await buildFixture("versioned");
  });

  it("is printed in the footer of every version's PDF, with its release date, beside the page number", async () => {
    for (const { version, printed } of RELEASES) {
      const file = join(site, `pledge/v${version}/pledge-v${version}.pdf`);
      const pages = await pdfLayout(file);
      expect(pages.length).toBe(Number((await pdfInfo(file)).Pages));
      pages.forEach((page, i) => {
        const footer = page.lines.filter((l) => l.yMin > page.height * 0.9);
        const label = footer.find((l) => l.text === `Version ${version} · released ${printed}`);
        const number = footer.find((l) => l.text === `${i + 1} / ${pages.length}`);
        expect(label, `page ${i + 1} of v${version}`).toBeDefined();
        expect(number, `page ${i + 1} of v${version}`).toBeDefined();
        expect(Math.abs(label!.yMin - number!.yMin)).toBeLessThan(2); // on one line
      });
    }
  });

  it("is in every version's metadata: Subject and keywords", async () => {
    for (const { version, date, printed } of RELEASES) {
      const info = await pdfInfo(join(site, `pledge/v${version}/pledge-v${version}.pdf`));
      expect(info.Subject).toBe(`Version ${version} · released ${printed}`);
      expect(info.Keywords!.split(", ")).toEqual(expect.arrayContaining([`version ${version}`, `released ${date}`]));
    }
  });

  it("is the latest release on the current page's PDF", async () => {
    const file = join(site, "pledge/pledge.pdf");
    expect(await pdfText(file, 1)).toContain("Version 3 · released March 1, 2024");
    expect((await pdfInfo(file)).Subject).toBe("Version 3 · released March 1, 2024");
  });

  it("is written in the page's language in a translation", async () => {
    const translated = await buildFixture("translated");
    const file = join(translated, "appeal/v1/fr/appeal-v1-fr.pdf");
    expect(await pdfText(file, 1)).toContain("Version 1 · publiée le 1 mai 2024");
    expect((await pdfInfo(file)).Subject).toBe("Version 1 · publiée le 1 mai 2024");
  });

  it("is on every page of a long letter", async () => {
    const doc: PdfDocument = {
      slug: "long",
      lang: "en",
      title: "A long letter",
      date: "2024-06-01",
      dateText: "1 June 2024",
      to: [],
      body: Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}. ${"We ask for open standards. ".repeat(12)}`).join("\n\n"),
      docId: "long",
      signatories: { heading: "Signatories", groups: [{ entries: [{ name: "Anna" }] }] },
      footer: "Version 7 · released 1 June 2024",
      metadata: { author: "Test", keywords: [] },
      paper: "a4",
      source: "letters/long/letter.md",
    };
    const { bytes, pages } = await renderPdf(doc, { cache: false });
    expect(pages).toBeGreaterThan(2);
    const file = await pdfFile(bytes);
    for (let page = 1; page <= pages; page++) {
      const text = await pdfText(file, page);
      expect(text).toContain("Version 7 · released 1 June 2024");
      // The thin spaces of "1 / 5" may or may not come out as spaces: compare without them.
      expect(squash(text)).toContain(`${page}/${pages}`);
    }
  });
});

describe("typesetting only what changed", () => {
  /** What a build says about its PDFs: "PDF: 4 file(s), 1 typeset, 3 reused from the cache." */
  const counts = (stdout: string) => {
    const match = /PDF: (\d+) file\(s\), (\d+) typeset, (\d+) reused from the cache\./.exec(stdout);
    expect(match, stdout).not.toBeNull();
    return { files: Number(match![1]), typeset: Number(match![2]), reused: Number(match![3]) };
  };
  const PDFS = ["pledge/pledge.pdf", "pledge/v1/pledge-v1.pdf", "pledge/v2/pledge-v2.pdf", "pledge/v3/pledge-v3.pdf"];
  const hashes = async (site: string) =>
    Object.fromEntries(await Promise.all(PDFS.map(async (p) => [p, createHash("sha256").update(await readFile(join(site, p))).digest("hex")])));
  // By content: a build marks the cache files it reads by their modification time (tests/cache-marks.test.ts).
  const cacheFiles = async (cache: string) =>
    Object.fromEntries(await Promise.all((await readdir(cache)).map(async (f) => [f, sha256(await readFile(join(cache, f)))])));

  let root: string;
  let cache: string;
  const build = async () => {
    const output = join(await tempDir(), "site");
    const result = await runScript("build.ts", ["--root", root, "--output", output], { OPEN_LETTERS_PDF_CACHE: cache });
    expect(result.code, result.stderr).toBe(0);
    return { output, ...counts(result.stdout) };
  };

  beforeAll(async () => {
    root = join(await tempDir(), "root");
    cache = join(await tempDir(), "cache");
    await cp(fixture("versioned"), root, { recursive: true });
  });

  it("typesets a page and the release it shows once when they are the same document, and serves the same bytes under both names", async () => {
    const output = join(await tempDir(), "site");
    const result = await runScript("build.ts", ["--root", fixture("basic"), "--output", output], { OPEN_LETTERS_PDF_CACHE: join(await tempDir(), "cold") });
    expect(result.code, result.stderr).toBe(0);
    // Two letters, each with its current page and its one release: four files, two documents.
    expect(counts(result.stdout)).toEqual({ files: 4, typeset: 2, reused: 2 });
    for (const slug of ["first-letter", "second-letter"]) {
      const [page, release] = await Promise.all([readFile(join(output, `${slug}/${slug}.pdf`)), readFile(join(output, `${slug}/v1/${slug}-v1.pdf`))]);
      expect(page.equals(release), slug).toBe(true);
    }
  });

  it("typesets every PDF once, then nothing on a second build, and re-typesets only the PDFs whose list changed", async () => {
    const first = await build();
    expect(first).toMatchObject({ files: 4, typeset: 4, reused: 0 });
    const before = await hashes(first.output);
    const cached = await cacheFiles(cache);

    const second = await build();
    expect(second).toMatchObject({ files: 4, typeset: 0, reused: 4 });
    expect(await hashes(second.output)).toEqual(before);
    expect(await cacheFiles(cache)).toEqual(cached); // nothing new, nothing changed

    // Frank Fischer signed on 15 February 2024: he is on version 3 and on the current list, not before.
    const frank = join(root, "letters/pledge/signatories/frank-fischer.yaml");
    await writeFile(frank, `${await readFile(frank, "utf8")}affiliation: Fischer Institute\n`);
    const third = await build();
    expect(third).toMatchObject({ files: 4, typeset: 2, reused: 2 });
    const after = await hashes(third.output);
    const changed = PDFS.filter((p) => after[p] !== before[p]);
    expect(changed).toEqual(["pledge/pledge.pdf", "pledge/v3/pledge-v3.pdf"]);
    expect(await pdfText(join(third.output, "pledge/v3/pledge-v3.pdf"))).toContain("Fischer Institute");
  });
});
