// A letter signed by 10,000 people still gives a PDF: generated here (no big fixture in the repository).
import { describe, expect, it } from "vitest";
import { renderPdf, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { columnText, pdfFile, pdfLayout } from "./helpers/pdf.ts";

const COUNT = 10_000;

function bigLetter(): PdfDocument {
  const entries = Array.from({ length: COUNT }, (_, i) => ({
    name: `Signatory ${String(i + 1).padStart(5, "0")} Žofie Ωμέγα`,
    role: i % 3 === 0 ? `Professor, University number ${i + 1} of a very long name that needs two lines` : i % 3 === 1 ? "Researcher" : undefined,
  }));
  return {
    slug: "big",
    lang: "cs",
    title: "A letter with ten thousand signatories",
    date: "2024-03-01",
    dateText: "1. března 2024",
    to: ["The Minister"],
    salutation: "Dear Minister,",
    body: "We ask you to protect encryption.[^1]\n\n[^1]: <https://example.org/a/b>\n",
    docId: "big",
    signatories: {
      heading: "Signatories",
      note: "Affiliations for identification only.",
      groups: [
        { heading: "Organisations", entries: entries.slice(0, COUNT / 2) },
        { heading: "Individuals", entries: entries.slice(COUNT / 2) },
      ],
    },
    metadata: { author: "Test", keywords: [] },
    paper: "a4",
    source: "letters/big/letter.md",
  };
}

describe(`a letter with ${COUNT.toLocaleString("en")} signatories`, () => {
  it("renders every signatory over many pages, in order, with balanced columns on the last page", async () => {
    const started = performance.now();
    const { bytes, pages, warnings } = await renderPdf(bigLetter(), { cache: false });
    const seconds = (performance.now() - started) / 1000;
    expect(warnings).toEqual([]);
    expect(pages).toBeGreaterThan(80);
    // Generous: about 2 s on a 2-core machine, which is noisy.
    expect(seconds).toBeLessThan(30);

    const file = await pdfFile(bytes);
    const layout = await pdfLayout(file);
    // Read as a person does: page by page, left column then right column.
    const text = layout.map((page) => columnText(page)).join("\n").replace(/\s+/g, " ");
    const numbers = [...text.matchAll(/Signatory (\d{5})/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
    expect(text).toContain("Individuals");

    const last = layout.at(-1)!;
    const note = last.lines.find((l) => l.text.startsWith("Affiliations"));
    const list = last.lines.filter((l) => l.yMax < (note?.yMin ?? Infinity));
    const bottom = (side: (x: number) => boolean) => Math.max(...list.filter((l) => side(l.xMin)).map((l) => l.yMax));
    expect(Math.abs(bottom((x) => x < last.width / 2) - bottom((x) => x >= last.width / 2))).toBeLessThan(25);
  });
});
