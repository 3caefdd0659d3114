// Web fonts for the scripts a site writes beyond Latin, Greek, Cyrillic and Vietnamese (which Source Serif
// 4 covers from @fontsource's ready-made subsets, see eleventy/fonts.ts): the PDF's own font files, cut down to
// the characters the site's pages use and compressed to WOFF2, each announced with the `unicode-range`
// of exactly those characters. A browser downloads a file only for a page that uses one of them, so a
// Japanese page fetches a few hundred kilobytes of Noto Serif JP instead of 8 MB, a Latin page nothing,
// and every page looks the same on every machine, with no request to a font service.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import subsetFont from "subset-font";
import { sha256 } from "../model/hash.ts";
import { markUsed } from "../load/parse-cache.ts";
import { charactersByFamily, familyFiles, familyNamesInOrder, familyVersion, FONT_FAMILIES } from "./typst/fonts.ts";

/** The family the pages get from @fontsource rather than from here. */
const LATIN_FAMILY = FONT_FAMILIES[0]!.name;

/** What the browser falls back to after our families: the same as the stylesheet's. */
const GENERIC_STACK = ['Charter', '"Bitstream Charter"', '"Sitka Text"', "Cambria", "Georgia", "serif"];

export interface WebFontFile {
  /** Site-relative URL, under /assets/fonts/. */
  url: string;
  content: Uint8Array;
}

export interface WebFonts {
  /** @font-face rules and the font stacks (the `--serif` property, per language where it differs). */
  css: string;
  files: WebFontFile[];
}

interface Face {
  file: string;
  weight: 400 | 700;
  style: "normal" | "italic";
}

/**
 * The fonts for pages whose text is given per language (a page's <html lang>): each family gets the
 * characters it prints first on some page, as the PDF would choose them. Deterministic: the same text
 * gives the same files, names and CSS.
 */
export async function webFonts(
  textByLang: ReadonlyMap<string, string>,
  cacheDir: string,
  { outputDir = "/assets/fonts", servedElsewhere = () => false }: { outputDir?: string; servedElsewhere?: (codePoint: number) => boolean } = {},
): Promise<WebFonts> {
  const chars = new Map<string, Set<number>>();
  const langs = [...textByLang.keys()].sort();
  for (const lang of langs) {
    for (const [family, set] of charactersByFamily(lang, textByLang.get(lang)!)) {
      const all = chars.get(family) ?? new Set<number>();
      // Source Serif 4's usual characters come from @fontsource's subsets; the rare rest (a symbol, an
      // alphabet those subsets leave out) from a subset of the PDF's own file, like the other families.
      for (const cp of set) if (family !== LATIN_FAMILY || !servedElsewhere(cp)) all.add(cp);
      if (all.size) chars.set(family, all);
    }
  }
  const families = FONT_FAMILIES.map((f) => f.name).filter((name) => chars.has(name));
  const rules: string[] = [];
  const files: WebFontFile[] = [];
  for (const family of families) {
    const codePoints = [...chars.get(family)!].sort((a, b) => a - b);
    const text = String.fromCodePoint(...codePoints);
    const range = unicodeRange(codePoints);
    for (const face of faces(family)) {
      const content = await subset(face.file, family, text, cacheDir);
      const url = `${outputDir}/${slug(family)}-${face.weight}${face.style === "italic" ? "-italic" : ""}-${sha256(content).slice(0, 10)}.woff2`;
      files.push({ url, content });
      rules.push(`@font-face {
  font-family: "${family}";
  font-style: ${face.style};
  font-weight: ${face.weight};
  font-display: swap;
  src: url("${relativeTo(outputDir, url)}") format("woff2");
  unicode-range: ${range};
}`);
    }
  }
  // One stack per order in which the pages' languages try the families (Han as each language writes it).
  const stack = (lang: string) => [LATIN_FAMILY, ...familyNamesInOrder(lang).filter((name) => name !== LATIN_FAMILY && families.includes(name))];
  const base = stack("en");
  const own = langs.filter((lang) => stack(lang).join() !== base.join());
  const css = [
    ...rules,
    `:root { --serif: ${[...base.map(quote), ...GENERIC_STACK].join(", ")}; }`,
    ...own.map((lang) => `:lang(${lang}) { --serif: ${[...stack(lang).map(quote), ...GENERIC_STACK].join(", ")}; }`),
  ].join("\n");
  return { css, files };
}

/** The faces the PDF uses, by weight and style, read from the file names (`400Regular_Italic`). */
function faces(family: string): Face[] {
  return familyFiles(family).map((file) => {
    const name = basename(file);
    return { file, weight: /_700/.test(name) ? 700 : 400, style: /Italic/.test(name) ? "italic" : "normal" };
  });
}

async function subset(file: string, family: string, text: string, cacheDir: string): Promise<Uint8Array> {
  const key = sha256(JSON.stringify([familyVersion(family), basename(file), text]));
  const cached = join(cacheDir, `${key}.woff2`);
  if (existsSync(cached)) {
    markUsed(cached);
    return readFile(cached);
  }
  // harfbuzz's subsetter keeps what the characters need to shape (conjuncts, ligatures, marks).
  const bytes = await subsetFont(readFileSync(file), text, { targetFormat: "woff2" });
  await mkdir(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  await writeFile(partial, bytes);
  await rename(partial, cached);
  return bytes;
}

/** "U+3042-3044, U+65E5": code points as CSS ranges. */
export function unicodeRange(sorted: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const hex = (n: number) => n.toString(16).toUpperCase();
    parts.push(i === j ? `U+${hex(sorted[i]!)}` : `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}`);
    i = j + 1;
  }
  return parts.join(", ");
}

const slug = (family: string) => family.toLowerCase().replace(/[^a-z0-9]+/g, "-");
const quote = (family: string) => `"${family}"`;
// fonts.css lives in /assets/, its files in /assets/fonts/: URLs relative to the stylesheet keep a path prefix working.
const relativeTo = (dir: string, url: string) => `${dir.split("/").at(-1)}/${url.slice(dir.length + 1)}`;
