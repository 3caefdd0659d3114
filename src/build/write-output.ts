// Writing generated files (search indexes, bundled scripts, PDFs) straight into the output folder, for
// files that gain nothing from a template and would only slow Eleventy down by the thousand.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { InternalError } from "../model/errors.ts";

export interface OutputFile {
  /** Site-relative URL, e.g. /<slug>/search/meta.json. */
  url: string;
  content: string | Uint8Array | (() => string);
}

export async function writeFiles(output: string, files: readonly OutputFile[]): Promise<void> {
  const root = resolve(output);
  const folders = new Set<string>();
  for (const file of files) {
    const path = resolve(join(root, file.url));
    // URLs are built from slugs and numbers, never from signatory data; refuse anything else anyway.
    // An assertion: a URL leaving the output is a bug, not a user's mistake.
    if (!path.startsWith(root + sep)) throw new InternalError(`Refusing to write ${file.url} outside ${output}.`);
    const folder = dirname(path);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    await writeFile(path, typeof file.content === "function" ? file.content() : file.content);
  }
}
