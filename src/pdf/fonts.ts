// The fonts every PDF is typeset in: Source Serif 4 as static TTFs from npm (Typst loads TTF/OTF only, so
// the WOFF2 files the web pages use would be silently ignored). Only these files reach the compiler, so a
// PDF never depends on the fonts a machine happens to have.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { CodePointSet, readCmap } from "./cmap.ts";

const require = createRequire(import.meta.url);
const PACKAGE_NAME = "@expo-google-fonts/source-serif-4";
const PACKAGE = dirname(require.resolve(`${PACKAGE_NAME}/package.json`));

/** The family name the Typst layout asks for (the fonts' own name table says so). */
export const FONT_FAMILY = "Source Serif 4";

/** Regular, italic, bold and bold italic: everything the layout uses. */
export const FONT_FILES = [
  "400Regular/SourceSerif4_400Regular.ttf",
  "400Regular_Italic/SourceSerif4_400Regular_Italic.ttf",
  "700Bold/SourceSerif4_700Bold.ttf",
  "700Bold_Italic/SourceSerif4_700Bold_Italic.ttf",
].map((file) => join(PACKAGE, file));

export interface Fonts {
  blobs: Buffer[];
  /** Code points every face has a glyph for. */
  coverage: CodePointSet;
  /** Part of the cache key: new font files must give new PDFs. */
  version: string;
}

let loaded: Fonts | undefined;

/** Reads the font files once per process. */
export function loadFonts(): Fonts {
  if (loaded) return loaded;
  const blobs = FONT_FILES.map((file) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`The PDF font ${file} is missing. Run "npm ci" to install ${PACKAGE_NAME}.`, { cause: error });
    }
  });
  const coverage = blobs.map((blob) => readCmap(blob)).reduce((a, b) => a.intersect(b));
  const { version } = require(`${PACKAGE_NAME}/package.json`) as { version: string };
  loaded = { blobs, coverage, version: `${PACKAGE_NAME}@${version} ${FONT_FILES.map((f) => basename(f)).join(" ")}` };
  return loaded;
}
