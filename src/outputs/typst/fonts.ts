// The fonts every PDF is typeset in, as static TTFs from npm (Typst loads TTF/OTF only, so the WOFF2 files
// the web pages use would be silently ignored). Only these files reach the compiler, so a PDF never
// depends on the fonts a machine happens to have. The layout lists the families in this order: each
// character comes from the first family that has it, so Latin, Greek and Cyrillic always come from
// Source Serif 4 and the others only fill in the scripts it lacks.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { MissingFontError } from "../../model/errors.ts";
import { CodePointSet, readCmap } from "./cmap.ts";

const require = createRequire(import.meta.url);

export interface FontFamily {
  /** The family name the Typst layout asks for (the fonts' own name table says so). */
  name: string;
  /** The npm package that ships the files, pinned in package.json. */
  package: string;
  /** Files inside the package: every face the layout uses (regular, italic, bold) that the family has. */
  files: string[];
  /** What the family is there for, as the README and error messages say it. */
  scripts: string;
}

export const FONT_FAMILIES: readonly FontFamily[] = [
  {
    name: "Source Serif 4",
    package: "@expo-google-fonts/source-serif-4",
    files: [
      "400Regular/SourceSerif4_400Regular.ttf",
      "400Regular_Italic/SourceSerif4_400Regular_Italic.ttf",
      "700Bold/SourceSerif4_700Bold.ttf",
      "700Bold_Italic/SourceSerif4_700Bold_Italic.ttf",
    ],
    scripts: "Latin, Greek, Cyrillic",
  },
  // Amiri rather than Noto Naskh Arabic: both are Naskh serif faces that sit well beside Source Serif,
  // but Noto Naskh draws the dots of letters as separate marks, which text extraction (pdftotext,
  // copy and paste, screen readers) turns into doubled letters; Amiri's text comes out as written.
  // It also covers Persian, Urdu, Pashto, Sindhi and Uyghur, and has an italic.
  {
    name: "Amiri",
    package: "@expo-google-fonts/amiri",
    files: [
      "400Regular/Amiri_400Regular.ttf",
      "400Regular_Italic/Amiri_400Regular_Italic.ttf",
      "700Bold/Amiri_700Bold.ttf",
      "700Bold_Italic/Amiri_700Bold_Italic.ttf",
    ],
    scripts: "Arabic",
  },
  // A serif Hebrew with vowel points (niqqud). It has no italic: Typst then uses the upright face.
  {
    name: "Frank Ruhl Libre",
    package: "@expo-google-fonts/frank-ruhl-libre",
    files: ["400Regular/FrankRuhlLibre_400Regular.ttf", "700Bold/FrankRuhlLibre_700Bold.ttf"],
    scripts: "Hebrew",
  },
];

/** The family names in fallback order, as the layout's `text(font: ...)` receives them. */
export const FONT_NAMES: readonly string[] = FONT_FAMILIES.map((f) => f.name);

/** Absolute paths of every font file, family by family. */
export const FONT_FILES: readonly string[] = FONT_FAMILIES.flatMap((f) => f.files.map((file) => join(packageDir(f.package), file)));

export interface Fonts {
  blobs: Buffer[];
  /** Code points the PDF can print: those every face of at least one family has a glyph for. */
  coverage: CodePointSet;
  /** Part of the cache key: new font files must give new PDFs. */
  version: string;
}

let loaded: Fonts | undefined;

/** Reads the font files once per process. */
export function loadFonts(): Fonts {
  if (loaded) return loaded;
  const blobs: Buffer[] = [];
  let coverage = new CodePointSet([]);
  const versions: string[] = [];
  for (const family of FONT_FAMILIES) {
    const dir = packageDir(family.package);
    const faces = family.files.map((file) => {
      try {
        return readFileSync(join(dir, file));
      } catch (error) {
        throw new MissingFontError(`The PDF font ${join(dir, file)} is missing.`, { hint: `Run "npm ci" to install ${family.package}.`, cause: error });
      }
    });
    blobs.push(...faces);
    // A character counts as covered only if every face has it: bold or italic text must not lose it.
    coverage = coverage.union(faces.map((face) => readCmap(face)).reduce((a, b) => a.intersect(b)));
    const { version } = require(`${family.package}/package.json`) as { version: string };
    versions.push(`${family.package}@${version} ${family.files.map((f) => basename(f)).join(" ")}`);
  }
  loaded = { blobs, coverage, version: versions.join("; ") };
  return loaded;
}

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

// Spaces, controls and invisible formatting characters need no glyph (joiners, bidi marks, soft hyphens).
const NEEDS_NO_GLYPH = /[\s\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

/** Each character of `text` that none of the fonts has, once, in order: what Typst would print as a box. */
export function uncoveredCharacters(text: string): string[] {
  const { coverage } = loadFonts();
  return [...new Set([...text].filter((ch) => !NEEDS_NO_GLYPH.test(ch) && !coverage.has(ch.codePointAt(0)!)))];
}
