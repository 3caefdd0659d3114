// Addresses of generated files. Pages link to each other with root-relative paths (Eleventy adds the
// path prefix to HTML); feeds, sitemaps, JSON and social meta need the prefix added here, and absolute
// URLs where the format demands them (Atom ids, sitemap <loc>, og:image).

export interface UrlContext {
  /** site.yaml `url`: the public origin; without it no absolute URL can be made. */
  siteUrl?: string;
  /** Starts and ends with "/". */
  pathPrefix: string;
}

/** A site-relative path ("/letter/") under the path prefix ("/open-letters/letter/"). */
export function sitePath(context: UrlContext, path: string): string {
  const prefix = context.pathPrefix.endsWith("/") ? context.pathPrefix : `${context.pathPrefix}/`;
  return prefix + path.replace(/^\/+/, "");
}

/**
 * The absolute URL of a site-relative path, or undefined when site.yaml has no `url`. Resolved like
 * Eleventy's htmlBaseUrl filter (origin of `url`, then the path prefix), so canonical links, og:url and
 * feed links agree.
 */
export function absoluteUrl(context: UrlContext, path: string): string | undefined {
  if (!context.siteUrl) return undefined;
  return new URL(sitePath(context, path), context.siteUrl).href;
}

/** Absolute when the site's address is known, otherwise the prefixed path: good enough for links in data files. */
export function publicUrl(context: UrlContext, path: string): string {
  return absoluteUrl(context, path) ?? sitePath(context, path);
}
