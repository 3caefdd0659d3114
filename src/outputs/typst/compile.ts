// The Typst compiler, in-process through @myriaddreamin/typst-ts-node-compiler: one warm instance per
// process (creating it costs more than typesetting a letter), fed only the fonts from fonts.ts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import { InternalError } from "../../model/errors.ts";
import { fontBlobs } from "./fonts.ts";
import { MARK_INFO_STEP, withoutDefaultSuspects } from "./mark-info.ts";

const require = createRequire(import.meta.url);
const PACKAGE_NAME = "@myriaddreamin/typst-ts-node-compiler";
/** Part of the cache key: a new compiler may typeset differently. */
export const COMPILER_VERSION = `${PACKAGE_NAME}@${(require(`${PACKAGE_NAME}/package.json`) as { version: string }).version}`;

/**
 * PDF export options, part of the cache key. Tagged PDF (the structure screen readers follow) is Typst's
 * default and kept on purpose: it costs about a quarter more bytes for a short letter (64 kB against
 * 49 kB) and much more for long lists (2.3 MB against 0.4 MB at 10,000 names), but makes the PDF usable
 * with a screen reader.
 */
export const PDF_OPTIONS = { pdfTags: true } as const;

/** What is done to Typst's bytes after export (mark-info.ts), part of the cache key like PDF_OPTIONS. */
export const PDF_POSTPROCESSING = [MARK_INFO_STEP] as const;

/** Typst reported an error. Our layout is constant and letters reach it as data, so this is a bug. */
export class TypstError extends InternalError {}

export interface Compiled {
  bytes: Uint8Array;
  pages: number;
  /** Typst's own warnings (e.g. a layout that did not converge). */
  warnings: string[];
}

let compiler: NodeCompiler | undefined;

export function typstCompiler(): NodeCompiler {
  compiler ??= withoutSystemFonts(() => NodeCompiler.create({ fontArgs: [{ fontBlobs: fontBlobs() }] }));
  return compiler;
}

/** Typesets `source`, which reads `inputs` as sys.inputs, into PDF bytes. Throws TypstError on errors. */
export function compilePdf(source: string, inputs: Record<string, string>): Compiled {
  const typst = typstCompiler();
  try {
    const result = typst.compile({ mainFileContent: source, inputs });
    const document = result.result;
    if (!document || result.hasError()) {
      const errors = result.takeDiagnostics();
      const messages = errors ? (typst.fetchDiagnostics(errors) as Diagnostic[]).filter((d) => !isWarning(d)).map(describe) : [];
      throw new TypstError(messages.join("; ") || "Typst failed without a message.");
    }
    const warnings = result.takeWarnings();
    const bytes = typst.pdf(document, PDF_OPTIONS);
    return {
      bytes: withoutDefaultSuspects(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
      pages: document.numOfPages,
      warnings: warnings ? (typst.fetchDiagnostics(warnings) as Diagnostic[]).map(describe) : [],
    };
  } finally {
    // Typst memoises layouts across compilations; keep what the next ones reuse (shaping, fonts: clearing
    // all of it costs a quarter more CPU) and drop the rest. typst.ts suggests 30 for watch tools, but a
    // build's worker typesets thirty different long documents in a row and kept every one's layout: the
    // 7,000-name letter in 31 languages peaked at 3.3 GB with 30, 2.3 GB with 2, in the same time.
    typst.evictCache(2);
  }
}

/** A diagnostic as typst.ts reports it (severity 1 is an error, 2 a warning). */
interface Diagnostic {
  message?: string;
  severity?: number | string;
  hints?: string[];
}

const isWarning = (d: Diagnostic) => d.severity === 2 || d.severity === "warning";
const describe = (d: Diagnostic) => [d.message ?? JSON.stringify(d), ...(d.hints ?? [])].join(" ");

/**
 * The compiler's font search always adds the machine's fonts, with no option to turn that off
 * (typst.ts issue #893). On Linux it finds them through fontdb, which reads the fontconfig file named by
 * FONTCONFIG_FILE: we point that at a file listing one empty folder while the compiler is created (the
 * search runs only then), so it finds no system font and does not fall back to the default folders.
 * Verified by tests/pdf-fonts.test.ts: a family installed on the machine stays unknown to Typst. On
 * macOS and Windows fontdb ignores fontconfig; there the layout's explicit family with fallback off still
 * keeps every other font out of the PDF.
 */
function withoutSystemFonts<T>(create: () => T): T {
  const restore = pointFontconfigAtNothing();
  try {
    return create();
  } finally {
    restore();
  }
}

/**
 * Sets FONTCONFIG_FILE to a config listing one empty folder, and returns a function that undoes it.
 * Only the main thread can change the process's environment as native code sees it, so the worker pool
 * (pool.ts) calls this in the main thread for as long as its workers create compilers.
 * The one use of the environment under src/ outside build/options.ts: written for a native library
 * and restored, never read as configuration (tests/build-options.test.ts allows it by name).
 */
export function pointFontconfigAtNothing(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "open-letters-fonts-"));
  const empty = join(dir, "no-fonts");
  const config = join(dir, "fonts.conf");
  writeFileSync(config, `<?xml version="1.0"?>\n<fontconfig><dir>${escapeXml(empty)}</dir></fontconfig>\n`);
  const saved = process.env.FONTCONFIG_FILE;
  process.env.FONTCONFIG_FILE = config;
  return () => {
    if (saved === undefined) delete process.env.FONTCONFIG_FILE;
    else process.env.FONTCONFIG_FILE = saved;
    rmSync(dir, { recursive: true, force: true });
  };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
