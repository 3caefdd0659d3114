// Eleventy configuration: a table of contents. Each concern is a plugin from src/eleventy/; the content
// itself is loaded and validated by src/ and reaches the templates as finished data.
// Run through tsx: Eleventy only finds this file with --config=.eleventy.ts (see README).
import { join, relative } from "node:path";
import { HtmlBasePlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { resolveBuildOptions } from "./src/build/options.ts";
import cardsPlugin from "./src/eleventy/cards.ts";
import chartsPlugin from "./src/eleventy/charts.ts";
import contentPlugin from "./src/eleventy/content.ts";
import embedPlugin from "./src/eleventy/embed.ts";
import updatesPlugin from "./src/eleventy/updates.ts";
import feedsPlugin from "./src/eleventy/feeds.ts";
import fontsPlugin from "./src/eleventy/fonts.ts";
import i18nPlugin from "./src/eleventy/i18n.ts";
import markdownPlugin from "./src/eleventy/markdown.ts";
import pdfPlugin from "./src/eleventy/pdf.ts";
import schemasPlugin from "./src/eleventy/schemas.ts";
import scriptsPlugin from "./src/eleventy/scripts.ts";
import securityPlugin from "./src/eleventy/security.ts";
import signatoriesPlugin from "./src/eleventy/signatories.ts";
import { handedSetup, type SiteSetup } from "./src/eleventy/setup.ts";
import { loadSiteConfig } from "./src/load/site-settings.ts";
import { LETTERS_DIR, loadSite } from "./src/load/site.ts";

export default async function (eleventyConfig: UserConfig) {
  // npm run build hands its options and the site it loaded (src/eleventy/setup.ts); under the Eleventy
  // CLI (npm start) this file is the top of the program and resolves them itself. Per configuration
  // load, not per import: one process (a test run) may build several sites.
  const handed = handedSetup(eleventyConfig);
  const { options, loaded } = handed ?? (await setupFromEnvironment());
  const { root, preview, pathPrefix } = options;

  // Content: letters and site settings as global data (`site`, `letters`).
  eleventyConfig.addPlugin(contentPlugin, { root, preview, cache: options.cache, loaded });

  // PDF: each page typeset with Typst (cached by content hash) and written next to it; in preview, on request.
  // OPEN_LETTERS_PDF_CACHE moves the cache (tests give each build its own).
  eleventyConfig.addPlugin(pdfPlugin, { enabled: options.pdf, preview, cache: options.pdfCache, workers: options.pdfWorkers });
  // Every template's pages at once (Eleventy renders one template at a time by default): the letter pages
  // wait for their PDFs (`afterPdfs`), the list, history and search pages render meanwhile.
  eleventyConfig.setConcurrency(16);

  // Markdown: the project's one markdown-it instance, raw HTML off.
  eleventyConfig.addPlugin(markdownPlugin);

  // Templates: autoescape every value; only pre-rendered letter HTML is marked safe.
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });

  // Interface strings: `"key" | t(lang)` from the catalogues in src/i18n/, so templates hold no prose.
  eleventyConfig.addPlugin(i18nPlugin);

  // Signatories: a group of a list as `group.signatories | signatoryEntries | safe` (src/outputs/signatory-entry.ts).
  eleventyConfig.addPlugin(signatoriesPlugin);

  // Assets: stylesheet and self-hosted fonts, cut down to the characters the pages use (.cache/web-fonts/).
  eleventyConfig.addPassthroughCopy({ [`${TEMPLATES}/assets`]: "assets" });
  eleventyConfig.addPlugin(fontsPlugin, { cacheDir: join(import.meta.dirname, ".cache/web-fonts") });

  // JSON Schemas of the content files, for editors: /schemas/*.schema.json.
  eleventyConfig.addPlugin(schemasPlugin);

  // Scripts: the signatory search for long lists and the sign form (/assets/sign.js), bundled from
  // src/browser/ (no inline scripts).
  eleventyConfig.addPlugin(scriptsPlugin);

  // Feeds and data: Atom feed, sitemap, robots.txt, and per letter letter.json, signatories.json and .csv.
  eleventyConfig.addPlugin(feedsPlugin, { pathPrefix });

  // Social cards: a PNG per letter (cached in .cache/cards/) and the Open Graph / Twitter meta.
  eleventyConfig.addPlugin(cardsPlugin, { pathPrefix, cacheDir: join(import.meta.dirname, ".cache/cards") });

  // Charts: who signed, when and from where, as static SVG drawn at build time (src/outputs/charts/).
  eleventyConfig.addPlugin(chartsPlugin);

  // Embedding: per letter /<slug>/badge.svg (the count as an image); the framable page is templates/embed.njk.
  eleventyConfig.addPlugin(embedPlugin);
  // Updates' attachments, copied to /<slug>/updates/<name>; the timeline itself is on the letter page.
  eleventyConfig.addPlugin(updatesPlugin);

  // Privacy and security: Content-Security-Policy and referrer policy as _headers and <meta>.
  eleventyConfig.addPlugin(securityPlugin);

  // Path prefix: every root-relative URL gets the prefix, for GitHub Pages project sites and subfolders.
  eleventyConfig.addPlugin(HtmlBasePlugin);

  return { pathPrefix };
}

/**
 * The Eleventy CLI's setup: options from the environment (OPEN_LETTERS_ROOT, PATH_PREFIX, Eleventy's
 * ELEVENTY_RUN_MODE, ...) and the site, loaded here because the path prefix must be known before the
 * plugins mount (social meta, feeds and data files write absolute URLs that include it).
 */
async function setupFromEnvironment(): Promise<SiteSetup> {
  const env = process.env;
  const { root, cache } = resolveBuildOptions({ env });
  const loaded = await loadSite(root, { cache });
  // A site with problems has no settings to hand on; its problems page still gets site.yaml's prefix.
  const site = loaded.site?.config ?? (await loadSiteConfig(join(root, LETTERS_DIR))).config ?? {};
  return { options: resolveBuildOptions({ env, site }), loaded };
}

/**
 * templates/, as Eleventy takes it: relative to the working directory (an absolute input is refused), so
 * that `tsx scripts/build.ts` works from any folder, not only the project's ("templates" from there).
 */
const TEMPLATES = relative(process.cwd(), join(import.meta.dirname, "templates")).split("\\").join("/");

export const config = {
  dir: { input: TEMPLATES, includes: "_includes", layouts: "_layouts", data: "_data" },
  templateFormats: ["njk", "md"],
  htmlTemplateEngine: "njk",
  markdownTemplateEngine: false as const,
};
