// Where every generated file lives, in one place: the Eleventy plugins write them there, and pages, feeds
// and data files link to them from here, so a link can never point at a file written elsewhere.

export const FEED_PATH = "/feed.xml";
export const SITEMAP_PATH = "/sitemap.xml";
export const ROBOTS_PATH = "/robots.txt";
/** Read by Netlify and Cloudflare Pages; must sit at the root of the published folder. */
export const HEADERS_PATH = "/_headers";

export interface LetterFiles {
  letterJson: string;
  signatoriesJson: string;
  signatoriesCsv: string;
  card: string;
}

/** Files beside a letter's page (site-relative). Keyed on the page URL, so a translated page gets its own. */
export function letterFiles(page: { url: string }): LetterFiles {
  const dir = page.url.endsWith("/") ? page.url : `${page.url}/`;
  return {
    letterJson: `${dir}letter.json`,
    signatoriesJson: `${dir}signatories.json`,
    signatoriesCsv: `${dir}signatories.csv`,
    card: `${dir}card.png`,
  };
}

/** Size of a social card: the 1.91:1 that Open Graph and large Twitter cards expect. */
export const CARD_SIZE = { width: 1200, height: 630 } as const;
