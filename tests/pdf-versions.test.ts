// Every version's PDF says which version it is, on every page and in its metadata.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPdf, type PdfDocument } from "../src/pdf/index.ts";
import { pdfFile, pdfInfo, pdfLayout, pdfText, squash } from "./helpers/pdf.ts";
import { buildFixture } from "./helpers/site.ts";

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
      // pdftotext sometimes joins "1 / 5" into "1/5": compare without spaces.
      expect(squash(text)).toContain(`${page}/${pages}`);
    }
  });
});
