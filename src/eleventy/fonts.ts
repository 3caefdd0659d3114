// Eleventy plugin: self-hosted web fonts, so pages make no request to a font service and look the same on
// every machine.
// - Latin, Vietnamese, Greek and Cyrillic: Source Serif 4 from @fontsource. Only the WOFF2 files of the subsets we
//   declare are copied; browsers fetch a subset only when a page uses a character in its unicode-range.
// - Every other script: the PDF's fonts, cut down after the build to the characters the pages use
//   (outputs/web-fonts.ts). The pages' text is collected as Eleventy renders them, by language, since
//   the same ideograph is drawn from a different family on a Japanese and on a Chinese page.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { writeFiles } from "../build/write-output.ts";
import { DistinctCharacters } from "../common/distinct-characters.ts";
import { webFonts } from "../outputs/web-fonts.ts";

const require = createRequire(import.meta.url);
const PACKAGE = dirname(require.resolve("@fontsource/source-serif-4/package.json"));
const SUBSETS = ["latin", "latin-ext", "vietnamese", "greek", "cyrillic", "cyrillic-ext"] as const;
const FACES = [
  { weight: 400, style: "normal" },
  { weight: 400, style: "italic" },
  { weight: 700, style: "normal" },
  { weight: 700, style: "italic" },
] as const;
export const FONT_OUTPUT_DIR = "assets/fonts";

interface EleventyConfigLike {
  addPassthroughCopy(copy: Record<string, string>): void;
  addTransform(name: string, transform: (this: { page?: { outputPath?: string | false } }, content: string) => string): void;
  on(event: string, callback: (...args: never[]) => unknown): void;
}

export interface FontsOptions {
  /** Where cut-down fonts are kept between builds. */
  cacheDir: string;
}

const subsetRanges = () => JSON.parse(readFileSync(join(PACKAGE, "unicode.json"), "utf8")) as Record<string, string>;

/** Whether the @fontsource subsets we copy include `codePoint`. */
function inSubsets(): (codePoint: number) => boolean {
  const all = subsetRanges();
  const ranges = SUBSETS.flatMap((subset) => all[subset]!.split(",")).map((part) => {
    const [a, b = a] = part.trim().replace("U+", "").split("-").map((hex) => parseInt(hex, 16));
    return [a!, b!] as const;
  });
  return (cp) => ranges.some(([a, b]) => cp >= a && cp <= b);
}

export function fontFaceCss(): string {
  const ranges = subsetRanges();
  return FACES.flatMap(({ weight, style }) =>
    SUBSETS.map(
      (subset) => `@font-face {
  font-family: "Source Serif 4";
  font-style: ${style};
  font-weight: ${weight};
  font-display: swap;
  src: url("fonts/${fileName(subset, weight, style)}") format("woff2");
  unicode-range: ${ranges[subset]};
}`,
    ),
  ).join("\n");
}

function fileName(subset: string, weight: number, style: string): string {
  return `source-serif-4-${subset}-${weight}-${style}.woff2`;
}

const ASCII = /[\x00-\x7f]+/g;
const PAGE_LANG = /<html[^>]*\slang="([^"]+)"/;

export default function fontsPlugin(eleventyConfig: EleventyConfigLike, options: FontsOptions): void {
  const copies: Record<string, string> = {};
  for (const { weight, style } of FACES) {
    for (const subset of SUBSETS) {
      copies[join(PACKAGE, "files", fileName(subset, weight, style))] = `${FONT_OUTPUT_DIR}/${fileName(subset, weight, style)}`;
    }
  }
  eleventyConfig.addPassthroughCopy(copies);

  /** Characters beyond ASCII (Source Serif's in every language) on the pages rendered, by the page's language. */
  let seen = new Map<string, DistinctCharacters>();
  // An incremental preview renders only the pages that changed: the others' characters still count.
  eleventyConfig.on("eleventy.before", ({ incremental }: { incremental?: boolean }) => {
    if (!incremental) seen = new Map();
  });
  eleventyConfig.addTransform("collect-characters", function (content) {
    const path = this.page?.outputPath;
    if (typeof path !== "string" || !path.endsWith(".html")) return content;
    const lang = PAGE_LANG.exec(content)?.[1] ?? "en";
    let chars = seen.get(lang);
    if (!chars) seen.set(lang, (chars = new DistinctCharacters(0x80)));
    // Stripping ASCII first (one native pass) leaves little to look at on pages of thousands of Latin names.
    chars.add(content.replace(ASCII, ""));
    return content;
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const text = new Map([...seen].map(([lang, chars]) => [lang, chars.text()]));
    const { css, files } = await webFonts(text, options.cacheDir, { outputDir: `/${FONT_OUTPUT_DIR}`, servedElsewhere: inSubsets() });
    await writeFiles(directories.output, [...files, { url: "/assets/fonts.css", content: `${fontFaceCss()}\n${css}\n` }]);
  });
}
