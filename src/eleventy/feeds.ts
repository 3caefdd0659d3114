// Eleventy plugin: feeds and data files. The Atom feed, sitemap.xml, robots.txt and, per letter page,
// letter.json, signatories.json and signatories.csv, all computed by src/outputs/data/ from the finished page data.
import { signatoriesCsv } from "../outputs/data/csv.ts";
import { atomFeed, siteFeedEntries, type FeedLetter } from "../outputs/data/feed.ts";
import { FEED_PATH, ROBOTS_PATH, SITEMAP_PATH, holdsSignatoryLists, letterFiles } from "../outputs/data/files.ts";
import { letterJson, signatoriesJson } from "../outputs/data/json.ts";
import { robotsTxt, sitemapEntries, sitemapXml } from "../outputs/data/sitemap.ts";
import { absoluteUrl, type UrlContext } from "../outputs/data/urls.ts";
import type { LetterOutline } from "../build/reuse.ts";
import type { LetterPage } from "../view/letter-page.ts";
import type { SiteConfig } from "../model/types.ts";
import { addGeneratedFile, type GeneratedFilesConfig } from "./generated.ts";
import { pageDataSettled } from "./content.ts";

export interface FeedsOptions {
  /** The path prefix the site is built with (site.yaml or --path-prefix). */
  pathPrefix: string;
}

interface FeedsConfig extends GeneratedFilesConfig {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

type Data = Record<string, unknown>;
const site = (data: Data) => data.site as SiteConfig;
const list = <T>(data: Data, name: string) => (data[name] ?? []) as T[];
const letter = (data: Data) => data.letter as LetterPage;

export default function feedsPlugin(eleventyConfig: FeedsConfig, options: FeedsOptions): void {
  const context = (data: Data): UrlContext => ({ siteUrl: site(data).url, pathPrefix: options.pathPrefix });
  // Feeds and sitemaps need absolute URLs: without site.yaml's `url` they are not written at all.
  const ifSiteUrl = (path: string) => (data: Data) => (site(data).url ? path : false);

  addGeneratedFile(eleventyConfig, "feed", {
    permalink: ifSiteUrl(FEED_PATH),
    // From the outlines, not the pages: a letter reused from the last build has no pages in this one.
    generate: (data) =>
      atomFeed(site(data), context(data), siteFeedEntries(list<FeedLetter>(data, "letters"), list<LetterOutline>(data, "outlines").flatMap((o) => o.releases))) ?? "",
  });
  addGeneratedFile(eleventyConfig, "sitemap", {
    permalink: ifSiteUrl(SITEMAP_PATH),
    // Every kind of page the site has; a build test checks that no HTML page is left out.
    generate: (data) => sitemapXml(context(data), sitemapEntries([
      ...list<LetterOutline>(data, "outlines").flatMap((o) => o.urls.map((url) => ({ url }))),
      // The privacy page, in each language the site uses.
      ...list<{ url: string }>(data, "privacyPages").map(({ url }) => ({ url })),
    ])) ?? "",
  });
  addGeneratedFile(eleventyConfig, "robots", { permalink: () => ROBOTS_PATH, generate: (data) => robotsTxt(context(data)) });

  const perPage = { data: "letterPages", alias: "letter" };
  addGeneratedFile(eleventyConfig, "letter-json", {
    pagination: perPage,
    permalink: (data) => letterFiles(letter(data)).letterJson,
    // It lists the page's PDF and delivery packs with their hashes: written once they are typeset.
    generate: async (data) => {
      await pageDataSettled(eleventyConfig);
      return letterJson(letter(data), context(data));
    },
  });
  // Translations share their version's list, so only the original-language page writes it.
  const listPages = { ...perPage, filter: (page: LetterPage) => holdsSignatoryLists(page) };
  addGeneratedFile(eleventyConfig, "signatories-json", {
    pagination: listPages,
    permalink: (data) => letterFiles(letter(data)).signatoriesJson,
    generate: (data) => signatoriesJson(letter(data), context(data)),
  });
  addGeneratedFile(eleventyConfig, "signatories-csv", {
    pagination: listPages,
    permalink: (data) => letterFiles(letter(data)).signatoriesCsv,
    generate: (data) => signatoriesCsv(letter(data).signatories.list),
  });

  // For templates: `page.url | absoluteUrl(site)`, the one way absolute URLs are made (canonical, og:url).
  eleventyConfig.addFilter("absoluteUrl", (path: string, config: SiteConfig) =>
    absoluteUrl({ siteUrl: config.url, pathPrefix: options.pathPrefix }, path));
  // For templates: links to a letter page's data files, e.g. `(letter | letterFiles).signatoriesCsv`.
  eleventyConfig.addFilter("letterFiles", (page: LetterPage) => letterFiles(page));
}
