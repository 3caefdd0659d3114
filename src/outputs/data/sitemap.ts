// sitemap.xml and robots.txt. The sitemap lists every public page: the Eleventy plugin hands sitemapEntries
// every kind of page there is (letters in every version and language, list pages, histories, changes), and a build
// test fails when an HTML page of the site is missing from it.
// Sitemaps need absolute URLs, so a site without `url` in site.yaml gets none. https://www.sitemaps.org/protocol.html
import { SITEMAP_PATH } from "./files.ts";
import { absoluteUrl, type UrlContext } from "./urls.ts";
import { escapeXml } from "./xml.ts";

export interface SitemapEntry {
  /** Site-relative path, e.g. "/belgium-e2ee/". */
  path: string;
  /** YYYY-MM-DD, only when it is known that the page changed that day. */
  lastmod?: string;
}

/** The home page and the given pages, each once. */
export function sitemapEntries(pages: readonly { url: string }[]): SitemapEntry[] {
  const paths = new Set(["/", ...pages.map((page) => page.url)]);
  return [...paths].map((path) => ({ path }));
}

export function sitemapXml(context: UrlContext, entries: readonly SitemapEntry[]): string | undefined {
  if (!context.siteUrl) return undefined;
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const urls = sorted.map((entry) => {
    const lastmod = entry.lastmod ? `<lastmod>${escapeXml(entry.lastmod)}</lastmod>` : "";
    return `  <url><loc>${escapeXml(absoluteUrl(context, entry.path)!)}</loc>${lastmod}</url>`;
  });
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...urls,
    `</urlset>`,
    ``,
  ].join("\n");
}

/** Everything may be crawled; the sitemap is named when the site's address is known. */
export function robotsTxt(context: UrlContext): string {
  const sitemap = absoluteUrl(context, SITEMAP_PATH);
  return ["User-agent: *", "Allow: /", ...(sitemap ? ["", `Sitemap: ${sitemap}`] : []), ""].join("\n");
}
