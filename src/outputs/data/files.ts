// Where every generated file lives, in one place: the Eleventy plugins write them there, and pages, feeds
// and data files link to them from here, so a link can never point at a file written elsewhere.

export const FEED_PATH = "/feed.xml";
export const SITEMAP_PATH = "/sitemap.xml";
export const ROBOTS_PATH = "/robots.txt";
/** Read by Netlify and Cloudflare Pages; must sit at the root of the published folder. */
export const HEADERS_PATH = "/_headers";
/**
 * Folders the build writes at the site's root for itself (stylesheet, fonts and scripts; JSON Schemas). A
 * letter is published at /<slug>/, so no letter may be named like one (npm run check refuses it); a test
 * builds a site and compares its root with this list.
 */
export const SITE_FOLDERS = ["assets", "privacy", "schemas"] as const;

export interface LetterFiles {
  letterJson: string;
  signatoriesJson: string;
  signatoriesCsv: string;
  card: string;
}

/**
 * Files beside a letter page (site-relative): its own letter.json and card, keyed on the page URL so every
 * version and translation gets its own; the signatory lists of the original-language page of the same
 * version (`listUrl`), since translations share them.
 */
export function letterFiles(page: { url: string; listUrl?: string }): LetterFiles {
  const dir = withSlash(page.url);
  const list = withSlash(page.listUrl ?? page.url);
  return {
    letterJson: `${dir}letter.json`,
    signatoriesJson: `${list}signatories.json`,
    signatoriesCsv: `${list}signatories.csv`,
    card: `${dir}card.png`,
  };
}

/** Whether this page is the one that holds its version's signatories.json and .csv. */
export function holdsSignatoryLists(page: { url: string; listUrl?: string }): boolean {
  return withSlash(page.url) === withSlash(page.listUrl ?? page.url);
}

const withSlash = (url: string) => (url.endsWith("/") ? url : `${url}/`);

/** Size of a social card: the 1.91:1 that Open Graph and large Twitter cards expect. */
export const CARD_SIZE = { width: 1200, height: 630 } as const;
