// outputs/pdf/: the PDF writer. Takes LetterDocuments (never view models); gives typeset PDFs, cached by
// content hash.
//
// PDFs on disk, keyed by a SHA-256 of everything that decides their bytes (layout, letter data, fonts,
// compiler), so `build` and `start` typeset only the PDFs whose input changed.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256 } from "../../model/hash.ts";
import { markUsed } from "../../load/parse-cache.ts";

export interface CachedPdf {
  bytes: Uint8Array;
  pages: number;
  /** Typst's warnings when it was typeset, repeated on every build that reuses it. */
  warnings: string[];
}

export const DEFAULT_CACHE_DIR = ".cache/pdf";

export function cacheKey(parts: readonly string[]): string {
  // Lengths first, so ("ab", "c") and ("a", "bc") never collide.
  return sha256(...parts.flatMap((part) => [`${Buffer.byteLength(part)}:`, part]));
}

export async function readCached(dir: string, key: string): Promise<CachedPdf | undefined> {
  try {
    const meta = JSON.parse(await readFile(join(dir, `${key}.json`), "utf8")) as Omit<CachedPdf, "bytes">;
    const bytes = await readFile(join(dir, `${key}.pdf`));
    markUsed(join(dir, `${key}.json`), join(dir, `${key}.pdf`));
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), pages: meta.pages, warnings: meta.warnings };
  } catch {
    return undefined; // missing or damaged: typeset again
  }
}

/** Writes the PDF, then its metadata, each through a rename: an interrupted build leaves no half file. */
let writes = 0;

export async function writeCached(dir: string, key: string, pdf: CachedPdf): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Unique per write: two pages can give the same PDF (same key), typeset at the same time.
  const id = `${process.pid}.${writes++}`;
  const temp = (name: string) => join(dir, `${name}.${id}.tmp`);
  await writeFile(temp(`${key}.pdf`), pdf.bytes);
  await rename(temp(`${key}.pdf`), join(dir, `${key}.pdf`));
  await writeFile(temp(`${key}.json`), JSON.stringify({ pages: pdf.pages, warnings: pdf.warnings }));
  await rename(temp(`${key}.json`), join(dir, `${key}.json`));
}
