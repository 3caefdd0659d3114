// Public API of the PDF writer: typeset PDFs of letters with Typst, from the same markdown-it tokens as
// the HTML. Everything else in src/outputs/pdf/ is an implementation detail.
export { pdfDocumentFromLetter, pdfDocumentFromPage, pagePdfPath, pdfPath, withEditionList, type PdfDocument, type PdfEntry, type PdfSignatories } from "./document.ts";
export { documentProblems, renderPdf, pdfInputKey, scriptProblem, PdfError, type RenderOptions, type RenderedPdf } from "./render.ts";
export { letterPdfJob, pagePdfJob, pagePdfJobs, pdfJobProblems, sitePdfProblems, runPdfJobs, sizeText, type PdfJob, type PdfJobProblems, type PdfOutput } from "./jobs.ts";
export { letterPackJobs, packJobs, packPath, qrSvg, type PackJob } from "./pack.ts";
