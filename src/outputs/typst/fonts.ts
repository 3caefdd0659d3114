// The fonts every PDF is typeset in, as static TTFs from npm (Typst loads TTF/OTF only, so the WOFF2 files
// the web pages use would be silently ignored). Only these files reach the compiler, so a PDF never
// depends on the fonts a machine happens to have. The layout lists the families in this order: each
// character comes from the first family that has it, so Latin, Greek and Cyrillic always come from
// Source Serif 4 and the others only fill in the scripts it lacks.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { DistinctCharacters } from "../../common/distinct-characters.ts";
import { InternalError, MissingFontError } from "../../model/errors.ts";
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
  /**
   * For the Han families, which share most characters but draw them the way their readers learnt them:
   * the languages (BCP 47 prefixes) that want this family tried first.
   */
  hanFor?: readonly string[];
}

/** The regular and bold faces of a Google Fonts family as @expo-google-fonts ships them (no italics). */
const uprightFaces = (prefix: string) => [`400Regular/${prefix}_400Regular.ttf`, `700Bold/${prefix}_700Bold.ttf`];

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
  // The scripts of South and South-East Asia, the Caucasus and Ethiopia: Noto's serif where npm has it
  // as TTF, its sans otherwise (Tamil, Thai, Armenian, Georgian, Ethiopic have no serif TTF on npm).
  // None has an italic; Typst then uses the upright face, as their typography does.
  { name: "Noto Serif Devanagari", package: "@expo-google-fonts/noto-serif-devanagari", files: uprightFaces("NotoSerifDevanagari"), scripts: "Devanagari" },
  { name: "Noto Serif Bengali", package: "@expo-google-fonts/noto-serif-bengali", files: uprightFaces("NotoSerifBengali"), scripts: "Bengali" },
  { name: "Noto Sans Tamil", package: "@expo-google-fonts/noto-sans-tamil", files: uprightFaces("NotoSansTamil"), scripts: "Tamil" },
  { name: "Noto Serif Telugu", package: "@expo-google-fonts/noto-serif-telugu", files: uprightFaces("NotoSerifTelugu"), scripts: "Telugu" },
  { name: "Noto Sans Thai", package: "@expo-google-fonts/noto-sans-thai", files: uprightFaces("NotoSansThai"), scripts: "Thai" },
  { name: "Noto Sans Armenian", package: "@expo-google-fonts/noto-sans-armenian", files: uprightFaces("NotoSansArmenian"), scripts: "Armenian" },
  { name: "Noto Sans Georgian", package: "@expo-google-fonts/noto-sans-georgian", files: uprightFaces("NotoSansGeorgian"), scripts: "Georgian" },
  { name: "Noto Sans Ethiopic", package: "@expo-google-fonts/noto-sans-ethiopic", files: uprightFaces("NotoSansEthiopic"), scripts: "Ethiopic" },
  // Han, kana and Hangul: Noto Serif CJK in its four regional forms. Each covers most of the others'
  // characters, drawn the way its own readers learnt them, so a document tries its own language's
  // family first (see fontFamiliesFor); these are also the largest files (8 to 15 MB a face), which only
  // documents that use them load.
  { name: "Noto Serif SC", package: "@expo-google-fonts/noto-serif-sc", files: uprightFaces("NotoSerifSC"), scripts: "Han (Simplified Chinese)", hanFor: ["zh", "zh-CN", "zh-SG", "zh-Hans"] },
  { name: "Noto Serif TC", package: "@expo-google-fonts/noto-serif-tc", files: uprightFaces("NotoSerifTC"), scripts: "Han (Traditional Chinese)", hanFor: ["zh-TW", "zh-HK", "zh-MO", "zh-Hant"] },
  { name: "Noto Serif JP", package: "@expo-google-fonts/noto-serif-jp", files: uprightFaces("NotoSerifJP"), scripts: "Japanese kana and kanji", hanFor: ["ja"] },
  { name: "Noto Serif KR", package: "@expo-google-fonts/noto-serif-kr", files: uprightFaces("NotoSerifKR"), scripts: "Korean Hangul and hanja", hanFor: ["ko"] },
];

/** The family names in the default fallback order. */
export const FONT_NAMES: readonly string[] = FONT_FAMILIES.map((f) => f.name);

/** Absolute paths of every font file, family by family. */
export const FONT_FILES: readonly string[] = FONT_FAMILIES.flatMap((f) => f.files.map((file) => join(packageDir(f.package), file)));

interface LoadedFamily {
  /** Code points every face of the family has a glyph for: bold or italic text must not lose one. */
  coverage: CodePointSet;
  version: string;
}

export interface Fonts {
  /** Code points the PDF can print: those every face of at least one family has a glyph for. */
  coverage: CodePointSet;
  /** Every family's package, version and files. */
  version: string;
}

const families = new Map<string, LoadedFamily>();

function readFaces(family: FontFamily): Buffer[] {
  const dir = packageDir(family.package);
  return family.files.map((file) => {
    try {
      return readFileSync(join(dir, file));
    } catch (error) {
      throw new MissingFontError(`The PDF font ${join(dir, file)} is missing.`, { hint: `Run "npm ci" to install ${family.package}.`, cause: error });
    }
  });
}

// Only the character maps are kept: the faces themselves (100 MB with the Han families) go to the
// compiler, which keeps its own copy, so holding them here too would double every process's memory.
function loadFamily(family: FontFamily): LoadedFamily {
  let loaded = families.get(family.name);
  if (loaded) return loaded;
  const coverage = readFaces(family).map((face) => readCmap(face)).reduce((a, b) => a.intersect(b));
  const { version } = require(`${family.package}/package.json`) as { version: string };
  loaded = { coverage, version: `${family.package}@${version} ${family.files.map((f) => basename(f)).join(" ")}` };
  families.set(family.name, loaded);
  return loaded;
}

let all: Fonts | undefined;

/** What every font together can print, read once per process: what check compares text against. */
export function loadFonts(): Fonts {
  if (all) return all;
  const loaded = FONT_FAMILIES.map(loadFamily);
  all = { coverage: loaded.map((f) => f.coverage).reduce((a, b) => a.union(b)), version: loaded.map((f) => f.version).join("; ") };
  return all;
}

/** Every face's bytes, for a compiler (read anew: the compiler copies them). */
export function fontBlobs(): Buffer[] {
  return FONT_FAMILIES.flatMap(readFaces);
}

/**
 * The families in the order a document in `lang` tries them: the fixed order above, except that among
 * the Han families the language's own comes first; a document in another language that writes kana
 * (a Japanese name on a French letter) tries Japanese first, so its ideographs match its kana.
 */
function familyOrder(lang: string, text: string): FontFamily[] {
  const han = FONT_FAMILIES.filter((f) => f.hanFor);
  const own = (f: FontFamily) => f.hanFor!.some((tag) => lang === tag || lang.toLowerCase().startsWith(`${tag.toLowerCase()}-`));
  // zh-TW before zh: the most specific tag wins.
  const byLanguage = [...han].sort((a, b) => longestMatch(b, lang) - longestMatch(a, lang)).find(own);
  // Hangul needs no such rule: only the Korean family has it, so it comes from there whatever the order.
  const byText = /\p{Script=Hira}|\p{Script=Kana}/u.test(text) ? "ja" : undefined;
  const first = byLanguage ?? han.find((f) => byText && f.hanFor!.includes(byText));
  return [...FONT_FAMILIES.filter((f) => !f.hanFor), ...(first ? [first] : []), ...han.filter((f) => f !== first)];
}

function longestMatch(family: FontFamily, lang: string): number {
  const lower = lang.toLowerCase();
  return Math.max(0, ...family.hanFor!.filter((tag) => lower === tag.toLowerCase() || lower.startsWith(`${tag.toLowerCase()}-`)).map((tag) => tag.length));
}

/**
 * Which family prints each character of `text`, for a document in `lang`: the first family (in the
 * language's order) that covers it. Characters that need no glyph or that no family covers are left out.
 * The families come in the order the document tries them.
 */
export function charactersByFamily(lang: string, text: string): Map<string, Set<number>> {
  const order = familyOrder(lang, text);
  const byFamily = new Map<FontFamily, Set<number>>();
  // The text is every name of a letter: megabytes at 100,000 names, with few distinct characters.
  new DistinctCharacters().add(text, (cp) => {
    if (NEEDS_NO_GLYPH.test(String.fromCodePoint(cp))) return;
    const family = order.find((f) => coverageOf(f).has(cp));
    if (!family) return;
    let set = byFamily.get(family);
    if (!set) byFamily.set(family, (set = new Set()));
    set.add(cp);
  });
  return new Map(order.filter((f) => byFamily.has(f)).map((f) => [f.name, byFamily.get(f)!]));
}

/**
 * The families a document needs, in the order it tries them: those that print at least one character
 * of `text`, and the first family always, as the text's default. Only these reach the layout and the
 * cache key, so a new font for another script changes no PDF that does not use it.
 */
export function fontFamiliesFor(lang: string, text: string): string[] {
  const used = charactersByFamily(lang, text);
  const first = FONT_FAMILIES[0]!.name;
  return [first, ...[...used.keys()].filter((name) => name !== first)];
}

/** The family names in the order a document in `lang` writing `text` tries them, all of them. */
export function familyNamesInOrder(lang: string, text = ""): string[] {
  return familyOrder(lang, text).map((f) => f.name);
}

/** The files of a family, as absolute paths, in the order of its `files`. */
export function familyFiles(name: string): string[] {
  const family = FONT_FAMILIES.find((f) => f.name === name);
  if (!family) throw new InternalError(`No font family "${name}" in FONT_FAMILIES.`);
  return family.files.map((file) => join(packageDir(family.package), file));
}

/** A family's package, version and files, for cache keys. */
export function familyVersion(name: string): string {
  return fontsVersion([name]);
}

function coverageOf(family: FontFamily): CodePointSet {
  return loadFamily(family).coverage;
}

/** The cache-key part for a document set in these families: their packages, versions and files. */
export function fontsVersion(names: readonly string[]): string {
  return names.map((name) => loadFamily(FONT_FAMILIES.find((f) => f.name === name)!).version).join("; ");
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
