// Where every generated file lives, in one place: the Eleventy plugins write them there, and pages, feeds
// and data files link to them from here, so a link can never point at a file written elsewhere.

/** Read by Netlify and Cloudflare Pages; must sit at the root of the published folder. */
export const HEADERS_PATH = "/_headers";
