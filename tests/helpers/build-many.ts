// Run by tests/gate-property.test.ts in its own process (Eleventy loads .eleventy.ts through tsx, which
// vitest's module runner cannot): builds each site root given on the command line with npm run build's
// buildSite, PDFs typeset for real into a cache of the root's own, one after another in one process so
// Eleventy and Typst load once. Prints one JSON line per root: whether it built, and what went wrong.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { OpenLettersError } from "../../src/model/errors.ts";
import { buildSite } from "../../src/tools/build.ts";

for (const root of process.argv.slice(2)) {
  const output = join(root, "_site");
  try {
    const result = await buildSite({ root, output }, { OPEN_LETTERS_PDF_CACHE: join(root, ".pdf-cache"), OPEN_LETTERS_PDF_WORKERS: "0", OPEN_LETTERS_CACHE: "0" });
    const pdfs = (await readdir(output, { recursive: true })).filter((f) => f.endsWith(".pdf"));
    console.log(JSON.stringify({ root, ok: true, letters: result.letters, pdfs: pdfs.length }));
  } catch (error) {
    const left = (await readdir(root)).filter((name) => name.startsWith("_site."));
    console.log(JSON.stringify({
      root, ok: false, user: error instanceof OpenLettersError, error: error instanceof OpenLettersError ? error.format() : String((error as Error).stack ?? error),
      left, output: existsSync(output),
    }));
  }
}
