// PDFs typeset in parallel worker threads are the same bytes as PDFs typeset in this thread, with the
// same shipped fonts only.
import { describe, expect, it } from "vitest";
import { renderPdf, runPdfJobs, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { MIN_PDFS_FOR_WORKERS, MIN_WORK_FOR_WORKERS, workerCount, worthWorkers } from "../src/outputs/pdf/pool.ts";
import { pdfFile, pdfFonts } from "./helpers/pdf.ts";

const doc = (i: number): PdfDocument => ({
  slug: `letter-${i}`, lang: "en", title: `Letter number ${i}`, date: "2024-03-01", dateText: "1 March 2024", to: ["The Minister"],
  body: `Paragraph ${i} with *emphasis*.[^1]\n\n[^1]: <https://example.org/${i}>`, docId: `letter-${i}`,
  signatories: { heading: "Signatories", groups: [{ entries: [{ name: `Signer ${i}`, role: "Role, Organisation" }] }] },
  metadata: { author: "Test", keywords: [] }, paper: "a4", source: `letters/letter-${i}/letter.md`,
});

describe("typesetting in worker threads", () => {
  it("gives the same bytes as typesetting in this thread", { timeout: 120_000 }, async () => {
    const docs = Array.from({ length: MIN_PDFS_FOR_WORKERS + 2 }, (_, i) => doc(i));
    const pooled = await runPdfJobs(docs.map((d) => ({ path: `${d.slug}.pdf`, doc: d })), { cache: false, workers: 2 });
    for (const [i, d] of docs.entries()) {
      const alone = await renderPdf(d, { cache: false });
      expect(Buffer.from(pooled[i]!.bytes).equals(Buffer.from(alone.bytes)), d.slug).toBe(true);
    }
    const fonts = await pdfFonts(await pdfFile(pooled[0]!.bytes));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^SourceSerif4-/);
  });
});

describe("when PDFs go to worker threads", () => {
  it("keeps a few short PDFs in this thread, where starting a worker would cost more than it saves", () => {
    expect(worthWorkers(2, 20_000)).toBe(false);
    expect(worthWorkers(MIN_PDFS_FOR_WORKERS - 1, 20_000 * (MIN_PDFS_FOR_WORKERS - 1))).toBe(false);
  });

  it("uses workers for many PDFs, or for two long ones such as a 100,000-name letter and its released version", () => {
    expect(worthWorkers(MIN_PDFS_FOR_WORKERS, 16 * 5_000)).toBe(true);
    expect(worthWorkers(2, 2 * 12_000_000)).toBe(true);
    expect(worthWorkers(2, MIN_WORK_FOR_WORKERS)).toBe(true);
  });

  it("never starts a worker for a single PDF, however long, when this thread would wait for it anyway", () => {
    expect(worthWorkers(1, 50 * MIN_WORK_FOR_WORKERS)).toBe(false);
    expect(workerCount(1, 2)).toBe(0);
  });

  it("gives a single long PDF a worker when this thread renders pages meanwhile, never a short one", () => {
    expect(worthWorkers(1, MIN_WORK_FOR_WORKERS, true)).toBe(true);
    expect(workerCount(1, 2, true)).toBe(1);
    expect(worthWorkers(1, 20_000, true)).toBe(false);
    expect(worthWorkers(0, 0, true)).toBe(false);
    // One core, or workers turned off: never.
    expect(workerCount(1, 1, true)).toBe(0);
    expect(workerCount(1, 0, true)).toBe(0);
    expect(workerCount(5, 2, true)).toBe(2);
  });
});
