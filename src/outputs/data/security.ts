// Privacy and security policy of the published site: a strict Content-Security-Policy (only the site's own
// files, no inline script or style) and no referrer, as HTTP headers in _headers (Netlify, Cloudflare
// Pages) and as <meta> for hosts that cannot set headers (GitHub Pages). The site sets no cookies and
// loads nothing from other origins; the browser tests check both.
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

/** Headers for every file, in the _headers format: https://docs.netlify.com/routing/headers/ */
export function headersFile(site: Pick<SiteConfig, "repository">): string {
  const headers: [string, string][] = [
    ["Content-Security-Policy", contentSecurityPolicy(site, { forMeta: false })],
    ["Referrer-Policy", REFERRER_POLICY],
    ["X-Content-Type-Options", "nosniff"],
    ["X-Frame-Options", "DENY"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Permissions-Policy", "browsing-topics=(), camera=(), geolocation=(), microphone=()"],
  ];
  return ["/*", ...headers.map(([name, value]) => `  ${name}: ${value}`), ""].join("\n");
}
