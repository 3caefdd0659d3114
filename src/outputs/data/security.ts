// Privacy and security policy of the published site: a strict Content-Security-Policy (only the site's own
// files, no inline script or style) and no referrer, as HTTP headers in _headers (Netlify, Cloudflare
// Pages) and as <meta> for hosts that cannot set headers (GitHub Pages). The site sets no cookies and
// loads nothing from other origins; the browser tests check both.
//
// Framing: every page forbids it except the embed pages (/<slug>/embed/), made for other sites' frames.
// Netlify and Cloudflare Pages apply EVERY rule whose path matches, combining the values of a header
// ("A project is limited to 100 header rules", and "An incoming request which matches multiple rules'
// URL patterns will inherit all rules' headers": https://developers.cloudflare.com/pages/configuration/headers/),
// so a site-wide `/*` rule with X-Frame-Options: DENY would reach the embed pages too. The framing
// headers are therefore written for paths that never match an embed page: `/`, `/:slug`, `/:slug/`,
// `/:slug/index.html` and `/:slug/<folder>/*` for each second-level folder the site has (languages,
// versions, history, verify, list pages) but `embed`. tests/framing-headers.test.ts merges the rules as
// the hosts do and checks every page.
import type { SiteConfig } from "../../model/types.ts";

export const REFERRER_POLICY = "no-referrer";

export interface PolicyOptions {
  /** A <meta> policy cannot carry frame-ancestors (browsers ignore it there and warn). */
  forMeta: boolean;
}

/** https://www.w3.org/TR/CSP3/ */
export function contentSecurityPolicy(site: Pick<SiteConfig, "repository">, options: PolicyOptions): string {
  const formTargets = ["'self'", ...(site.repository ? [new URL(site.repository).origin] : [])];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'"],
    ["style-src", "'self'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    // Signing hands over to the repository (a pull request), so forms may go there and nowhere else.
    ["form-action", ...formTargets],
    ...(options.forMeta ? [] : [["frame-ancestors", "'none'"] as [string, ...string[]]]),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** The folder of the embed pages under each letter: /<slug>/embed/. */
export const EMBED_FOLDER = "embed";

/** What framing a page allows: none, or (embed pages) the sites site.yaml names (embed_origins), else any. */
const NO_FRAMING: [string, string][] = [
  // A second policy beside the page's own (the header's values are a comma-separated list of policies,
  // each enforced): https://www.w3.org/TR/CSP3/#parse-serialized-policy-list
  ["Content-Security-Policy", "frame-ancestors 'none'"],
  ["X-Frame-Options", "DENY"],
];
const embedFraming = (site: Pick<SiteConfig, "embedOrigins">): [string, string][] =>
  [["Content-Security-Policy", `frame-ancestors ${site.embedOrigins?.join(" ") ?? "*"}`]];

/**
 * Cloudflare Pages reads at most this many rules of _headers ("A project is limited to 100 header
 * rules", see above); Netlify has no such limit.
 */
export const HEADER_RULE_LIMIT = 100;

/** The second-level folders of these site-relative page addresses that framing is forbidden in: all but embed/. */
export function unframedFolders(pages: Iterable<string>): string[] {
  const folders = new Set<string>();
  for (const url of pages) {
    const segments = url.split("/").filter(Boolean);
    if (segments.length >= 2 && segments[1] !== EMBED_FOLDER) folders.add(segments[1]!);
  }
  return [...folders].sort();
}

/** The rules headersFile writes for pages in `folders` second-level folders. */
export const headerRuleCount = (folders: number) => 1 + UNFRAMED_TOP.length + folders + 1;
const UNFRAMED_TOP = ["/", "/:page", "/:page/", "/:page/index.html"];

/**
 * The _headers file (https://docs.netlify.com/routing/headers/): the policy and the other headers for
 * every file, then framing forbidden on every page but the embed pages. `pages` are the site-relative
 * addresses of every HTML page, from which the second-level folders are taken.
 */
export function headersFile(site: Pick<SiteConfig, "repository" | "embedOrigins">, pages: readonly string[] = []): string {
  const everywhere: [string, string][] = [
    ["Content-Security-Policy", contentSecurityPolicy(site, { forMeta: true })],
    ["Referrer-Policy", REFERRER_POLICY],
    ["X-Content-Type-Options", "nosniff"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Permissions-Policy", "browsing-topics=(), camera=(), geolocation=(), microphone=()"],
  ];
  const unframed = [...UNFRAMED_TOP, ...unframedFolders(pages).map((f) => `/:page/${f}/*`)];
  const rule = (path: string, headers: [string, string][]) => [path, ...headers.map(([name, value]) => `  ${name}: ${value}`)];
  return [
    ...rule("/*", everywhere),
    "# Framing: forbidden on every page but the embed pages (none of these paths matches one of them).",
    ...unframed.flatMap((path) => rule(path, NO_FRAMING)),
    `# The embed pages, made for other sites' frames.`,
    ...rule(`/:page/${EMBED_FOLDER}/*`, embedFraming(site)),
    "",
  ].join("\n");
}
