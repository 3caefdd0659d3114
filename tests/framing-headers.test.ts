// Only the embed pages may be framed, on hosts that apply every matching _headers rule and combine their
// values (Netlify, Cloudflare Pages): a site-wide X-Frame-Options: DENY would reach the embed page too.
// The built site's _headers is merged here as those hosts merge it (tests/helpers/header-rules.ts), for
// every HTML page the build wrote.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { headersFile } from "../src/outputs/data/security.ts";
import { frameAncestors, headersForPath, parseHeaderRules, pathMatches } from "./helpers/header-rules.ts";
import { buildFixture } from "./helpers/site.ts";

/** Every address an HTML file of the site is served at: dir/index.html also as dir/. */
async function htmlPaths(site: string): Promise<string[]> {
  const entries = await readdir(site, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => `/${relative(site, join(e.parentPath, e.name)).split("\\").join("/")}`)
    .flatMap((path) => (path.endsWith("/index.html") ? [path, path.slice(0, -"index.html".length)] : [path]))
    .sort();
}

const isEmbed = (path: string) => /^\/[^/]+\/embed\//.test(path);

describe("the hosts' rule matching, as the test reads it", () => {
  it("applies every matching rule, joins a header's values, and matches :placeholders to one segment and * to anything", () => {
    const rules = parseHeaderRules("/*\n  X-A: one\n/:slug/embed/*\n  X-A: two\n  X-B: three\n/:slug/\n  X-C: four\n");
    expect(headersForPath(rules, "/letter/embed/")).toEqual({ "x-a": "one, two", "x-b": "three" });
    expect(headersForPath(rules, "/letter/")).toEqual({ "x-a": "one", "x-c": "four" });
    expect(pathMatches("/:slug/", "/a/b/")).toBe(false);
    expect(pathMatches("/:slug/v1/*", "/a/v1/fr/index.html")).toBe(true);
    expect(pathMatches("/", "/a/")).toBe(false);
  });

  it("would catch a site-wide DENY reaching an embed page", () => {
    const rules = parseHeaderRules("/*\n  X-Frame-Options: DENY\n/:slug/embed/*\n  Content-Security-Policy: frame-ancestors *\n");
    expect(headersForPath(rules, "/x/embed/")["x-frame-options"]).toBe("DENY");
  });
});

for (const name of ["translated", "readers"]) {
  describe(`framing on the built ${name} fixture`, () => {
    let paths: string[];
    let headers: (path: string) => Record<string, string>;
    beforeAll(async () => {
      const site = await buildFixture(name);
      paths = await htmlPaths(site);
      const rules = parseHeaderRules(await readFile(join(site, "_headers"), "utf8"));
      headers = (path) => headersForPath(rules, path);
    });

    it("lets every embed page be framed by any site, with no DENY and no frame-ancestors 'none' from any rule", () => {
      const embeds = paths.filter(isEmbed);
      expect(embeds.length).toBeGreaterThan(0);
      for (const path of embeds) {
        const h = headers(path);
        expect(h["x-frame-options"], path).toBeUndefined();
        expect(frameAncestors(h["content-security-policy"]), path).toEqual([["*"]]);
        // The page's own policy still applies there.
        expect(h["content-security-policy"], path).toContain("script-src 'self'");
      }
    });

    it("forbids framing on every other HTML page, by X-Frame-Options and frame-ancestors", () => {
      const others = paths.filter((p) => !isEmbed(p));
      expect(others).toContain("/");
      expect(others.some((p) => /\/verify\/$/.test(p))).toBe(true);
      expect(others.some((p) => /\/history\/$/.test(p))).toBe(true);
      for (const path of others) {
        const h = headers(path);
        expect(h["x-frame-options"], path).toBe("DENY");
        expect(frameAncestors(h["content-security-policy"]), path).toContainEqual(["'none'"]);
        expect(h["content-security-policy"], path).toContain("default-src 'self'");
      }
    });
  });
}

describe("the framing rules", () => {
  it("cover every second-level folder the pages have, but the embed one, whatever the letter", () => {
    const file = headersFile({}, ["/a/", "/a/v2/", "/a/fr/", "/b/v1/changes/", "/a/embed/", "/privacy/de/"]);
    const paths = parseHeaderRules(file).map((r) => r.path);
    expect(paths).toEqual(["/*", "/", "/:page", "/:page/", "/:page/index.html", "/:page/de/*", "/:page/fr/*", "/:page/v1/*", "/:page/v2/*", "/:page/embed/*"]);
  });
});
