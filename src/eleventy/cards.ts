// Stage eleventy/: the Eleventy plugins, the only code that knows Eleventy. Takes finished view models and
// outputs; gives templates their global data and writes the generated files.
//
// Eleventy plugin: social cards. A PNG card per letter page, every version and language included
// (src/outputs/card.ts, cached by content hash), and the Open Graph / Twitter meta that point at it (src/outputs/data/social.ts).
import { renderCard } from "../outputs/card.ts";
import { letterFiles } from "../outputs/data/files.ts";
import { cardContent, socialMeta } from "../outputs/data/social.ts";
import type { LetterPage } from "../view/letter-page.ts";
import type { SiteConfig } from "../model/types.ts";
import { addGeneratedFile, type GeneratedFilesConfig } from "./generated.ts";

export interface CardsOptions {
  pathPrefix: string;
  /** Where rendered cards are kept between builds, e.g. .cache/cards. */
  cacheDir: string;
}

interface CardsConfig extends GeneratedFilesConfig {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

export default function cardsPlugin(eleventyConfig: CardsConfig, options: CardsOptions): void {
  addGeneratedFile(eleventyConfig, "letter-card", {
    pagination: { data: "letterPages", alias: "letter" },
    permalink: (data) => letterFiles(data.letter as LetterPage).card,
    generate: async (data) => (await renderCard(cardContent(data.letter as LetterPage, data.site as SiteConfig), options.cacheDir)).png,
  });

  // For the layout: `letter | socialMeta(site, page.url)`, a list of {attribute, key, content}; [] off letter pages.
  eleventyConfig.addFilter("socialMeta", (letter: LetterPage | undefined, site: SiteConfig, pageUrl: string) =>
    letter ? socialMeta(letter, site, { siteUrl: site.url, pathPrefix: options.pathPrefix }, pageUrl) : []);
}
