// Eleventy plugin: what other sites may embed of a letter. /<slug>/badge.svg is written here from the
// embed pages' data (src/view/embed-page.ts); the framable page itself is templates/embed.njk.
import { badgeSvg } from "../outputs/embed-badge.ts";
import type { EmbedPage } from "../view/embed-page.ts";
import { addGeneratedFile, type GeneratedFilesConfig } from "./generated.ts";

export default function embedPlugin(eleventyConfig: GeneratedFilesConfig): void {
  addGeneratedFile(eleventyConfig, "badge", {
    pagination: { data: "embedPages", alias: "embed" },
    permalink: (data) => (data.embed as EmbedPage).badgeUrl,
    generate: (data) => {
      const embed = data.embed as EmbedPage;
      return badgeSvg({ text: embed.countText, label: embed.label, lang: embed.lang, dir: embed.dir });
    },
  });
}
