// renderPdf(document) → PDF bytes, page count and warnings, through the disk cache. A PdfDocument
// describes one PDF (see document.ts); the same call serves every letter, version and language.
import { cacheKey, DEFAULT_CACHE_DIR, readCached, writeCached } from "./cache.ts";
import { COMPILER_VERSION, compilePdf, PDF_OPTIONS, PDF_POSTPROCESSING, TypstError } from "../typst/compile.ts";
import type { PdfDocument } from "./document.ts";
import { fontsVersion, loadFonts } from "../typst/fonts.ts";
import { InternalError, type MissingGlyphError, type UncoveredScriptError } from "../../model/errors.ts";
import { missingGlyphWarnings, uncoveredScriptError } from "./glyphs.ts";
import { layoutData, layoutOf } from "./layout.ts";
import type { Compile } from "./pool.ts";
import { oncePer } from "../../common/once-per.ts";

export interface RenderOptions {
  /** Folder of cached PDFs; false to always typeset (default .cache/pdf in the working directory). */
  cache?: string | false;
  /** Typesets (default: in this thread); runPdfJobs passes a worker pool's. */
  compile?: Compile;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
  /** Build warnings, each naming the file and the text concerned. */
  warnings: string[];
  /** True when the bytes came from the cache instead of being typeset. */
  cached: boolean;
}

/** A PDF could not be typeset. Names the document's source file. A bug: letters reach Typst as data. */
export class PdfError extends InternalError {}

/** Throws UncoveredScriptError when the letter's own text needs a script no PDF font covers. */
export async function renderPdf(doc: PdfDocument, options: RenderOptions = {}): Promise<RenderedPdf> {
  const problems = documentProblems(doc);
  if (problems.error) throw problems.error;
  const json = layoutJson(doc);
  // Printed as check prints them (file:line:col: warning: ...), so the two say the same.
  const warnings = problems.warnings.map((w) => w.format());
  const dir = options.cache === undefined ? DEFAULT_CACHE_DIR : options.cache;
  const layout = layoutOf(doc);
  const key = pdfInputKey(doc);
  const hit = dir ? await readCached(dir, key) : undefined;
  if (hit) return { ...hit, warnings: [...warnings, ...typstWarnings(doc, hit.warnings)], cached: true };

  let compiled;
  try {
    compiled = options.compile ? await options.compile(layout, { data: json }) : compilePdf(layout, { data: json });
  } catch (error) {
    if (!(error instanceof TypstError)) throw error;
    throw new PdfError(
      `${doc.source}: error: the PDF of "${doc.slug}" could not be typeset (${error.message}). ` +
        "This is a bug in open-letters, not in the letter: please report it with this message.",
      { cause: error },
    );
  }
  if (dir) await writeCached(dir, key, compiled);
  return { bytes: compiled.bytes, pages: compiled.pages, warnings: [...warnings, ...typstWarnings(doc, compiled.warnings)], cached: false };
}

// Everything that decides the bytes: the layout, the letter, the font files, the compiler, its options and
// what is done to its output (mark-info.ts).
const inputKey = (layout: string, json: string, fontsVersion: string) => cacheKey([layout, json, fontsVersion, COMPILER_VERSION, JSON.stringify(PDF_OPTIONS), ...PDF_POSTPROCESSING]);

/**
 * The hash of everything that decides a PDF's bytes, found without typesetting: an edition records it, so
 * `check` knows when a released PDF would change (a withdrawal, a new layout, font or Typst version).
 */
export function pdfInputKey(doc: PdfDocument): string {
  return inputKey(layoutOf(doc), layoutJson(doc), fontsVersion(layoutData(doc).font));
}

// What Typst is handed, and the warnings and error of a document: each found once per document (a build
// asks for the problems in the gate and again before typesetting, and for the JSON to key and to typeset).
const layoutJson = oncePer((doc: PdfDocument) => JSON.stringify(layoutData(doc)));

function typstWarnings(doc: PdfDocument, messages: string[]): string[] {
  return messages.map((m) => `${doc.source}: warning: typesetting the PDF of "${doc.slug}": ${m}`);
}

/** The error renderPdf would throw for this document because of its script, without typesetting it. */
export function scriptProblem(doc: PdfDocument): UncoveredScriptError | undefined {
  return uncoveredScriptError(doc, layoutData(doc), loadFonts().coverage);
}

/** What renderPdf would throw and warn about for this document, found without typesetting it. */
export const documentProblems = oncePer((doc: PdfDocument): { error?: UncoveredScriptError; warnings: MissingGlyphError[] } => {
  const data = layoutData(doc);
  const { coverage } = loadFonts();
  return { error: uncoveredScriptError(doc, data, coverage), warnings: missingGlyphWarnings(doc, data, coverage) };
});
