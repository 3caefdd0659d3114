// Eleventy plugin: self-hosted web fonts (Source Serif 4 from @fontsource), so pages make no request to a
// font service. Only the WOFF2 files of the subsets we declare are copied; browsers fetch a subset only
// when a page uses a character in its unicode-range.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const PACKAGE = dirname(require.resolve("@fontsource/source-serif-4/package.json"));
const SUBSETS = ["latin", "latin-ext", "greek", "cyrillic", "cyrillic-ext"] as const;
const FACES = [
  { weight: 400, style: "normal" },
  { weight: 400, style: "italic" },
  { weight: 700, style: "normal" },
  { weight: 700, style: "italic" },
] as const;
export const FONT_OUTPUT_DIR = "assets/fonts";

interface EleventyConfigLike {
  addPassthroughCopy(copy: Record<string, string>): void;
  addTemplate(path: string, content: string, data: Record<string, unknown>): void;
}

export function fontFaceCss(): string {
  const ranges = JSON.parse(readFileSync(join(PACKAGE, "unicode.json"), "utf8")) as Record<string, string>;
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

export default function fontsPlugin(eleventyConfig: EleventyConfigLike): void {
  const copies: Record<string, string> = {};
  for (const { weight, style } of FACES) {
    for (const subset of SUBSETS) {
      copies[join(PACKAGE, "files", fileName(subset, weight, style))] = `${FONT_OUTPUT_DIR}/${fileName(subset, weight, style)}`;
    }
  }
  eleventyConfig.addPassthroughCopy(copies);
  eleventyConfig.addTemplate("assets/fonts.css.njk", fontFaceCss(), { permalink: "/assets/fonts.css", eleventyExcludeFromCollections: true });
}
