// Eleventy plugin: social cards. A PNG card per letter page, every version and language included
// (src/card.ts, cached by content hash), and the Open Graph / Twitter meta that point at it (src/data/social.ts).
import { renderCard } from "../card.ts";
import { letterFiles } from "../data/files.ts";
import { cardContent, socialMeta } from "../data/social.ts";
import type { LetterPage } from "../pages.ts";
import type { SiteConfig } from "../types.ts";
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
