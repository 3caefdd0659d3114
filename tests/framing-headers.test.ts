// Only the embed pages may be framed, on hosts that apply every matching _headers rule and combine their
// values (Netlify, Cloudflare Pages): a site-wide X-Frame-Options: DENY would reach the embed page too.
// The built site's _headers is merged here as those hosts merge it (tests/helpers/header-rules.ts), for
// every HTML page the build wrote.
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HEADER_RULE_LIMIT, headerRuleCount, headersFile } from "../src/outputs/data/security.ts";
import { headerRuleProblems } from "../src/tools/gate.ts";
import type { LetterDocument } from "../src/describe/letter-document.ts";
import type { Site } from "../src/model/types.ts";
import { frameAncestors, headersForPath, parseHeaderRules, pathMatches } from "./helpers/header-rules.ts";
import { buildFixture, fixture, runScript, tempDir } from "./helpers/site.ts";

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

describe("the sites that may frame the embed pages (site.yaml's embed_origins)", () => {
  it("lets only those frame an embed page, and changes no other page's rules", () => {
    const pages = ["/a/", "/a/fr/", "/a/embed/", "/a/v1/"];
    const origins = ["https://partner.example.org", "https://*.coalition.example"];
    const rules = parseHeaderRules(headersFile({ embedOrigins: origins }, pages));
    expect(frameAncestors(headersForPath(rules, "/a/embed/")["content-security-policy"])).toEqual([origins]);
    expect(headersForPath(rules, "/a/embed/")["x-frame-options"]).toBeUndefined();
    const open = parseHeaderRules(headersFile({}, pages));
    for (const path of ["/", "/a/", "/a/fr/", "/a/v1/"]) expect(headersForPath(rules, path), path).toEqual(headersForPath(open, path));
  });

  it("are written to the built site's _headers, and refused with file, line and column when they are not origins", async () => {
    const root = join(await tempDir(), "site");
    await cp(fixture("translated"), root, { recursive: true, filter: (p) => !p.includes("/.cache") });
    const config = join(root, "letters/site.yaml");
    const original = await readFile(config, "utf8");
    await writeFile(config, `${original.trimEnd()}\nembed_origins:\n  - https://partner.example.org\n`);
    const output = join(root, "_site");
    const build = await runScript("build.ts", ["--root", root, "--output", output]);
    expect(build.code, build.stderr).toBe(0);
    const rules = parseHeaderRules(await readFile(join(output, "_headers"), "utf8"));
    const embed = (await htmlPaths(output)).find(isEmbed)!;
    expect(frameAncestors(headersForPath(rules, embed)["content-security-policy"])).toEqual([["https://partner.example.org"]]);

    const lines = original.trimEnd().split("\n").length;
    for (const bad of ["javascript:alert(1)", "https://partner.example.org/embed", "https://partner.example.org; script-src *", "https://Partner.example.org"]) {
      await writeFile(config, `${original.trimEnd()}\nembed_origins:\n  - ${JSON.stringify(bad)}\n`);
      const check = await runScript("check.ts", ["--root", root]);
      expect(check.code, bad).toBe(1);
      expect(check.stderr, bad).toContain(`letters/site.yaml:${lines + 2}:5: error:`);
      expect(check.stderr, bad).toContain("must be an origin");
    }
  }, 120_000);
});

describe("Cloudflare Pages' limit of 100 _headers rules", () => {
  const documents = (slug: string, languages: number, versions: number) => [
    ...Array.from({ length: languages }, (_, i) => ({ slug, url: i ? `/${slug}/l${i}/` : `/${slug}/` })),
    ...Array.from({ length: versions }, (_, i) => ({ slug, url: `/${slug}/v${i + 1}/` })),
  ] as unknown as LetterDocument[];
  const site = { root: "/tmp/site", config: { listThreshold: 500 }, letters: [] } as unknown as Site;
  const warnings = (docs: LetterDocument[]) => headerRuleProblems(site, docs);

  it("counts the rules headersFile writes", () => {
    const pages = [...documents("a", 30, 12).map((d) => d.url), "/a/history/", "/a/verify/", "/a/embed/"];
    const written = parseHeaderRules(headersFile({}, pages)).length;
    // 29 languages (the first is the letter's own page), 12 versions, history and verify.
    expect(written).toBe(headerRuleCount(29 + 12 + 2));
  });

  it("warns, with the count and what to do, once the languages and versions of the site's letters pass it, and not before", () => {
    // Folders are shared by letters: two letters in the same 40 languages with 40 versions each stay under.
    expect(warnings([...documents("a", 41, 40), ...documents("b", 41, 40)])).toEqual([]);
    // 47 languages, 45 versions, history and verify: exactly 100 rules, still read; one more language is not.
    expect(headerRuleCount(47 + 45 + 2)).toBe(HEADER_RULE_LIMIT);
    expect(warnings(documents("a", 48, 45))).toEqual([]);
    expect(warnings(documents("a", 49, 45))).toHaveLength(1);
    // 60 languages (of letter a), 40 versions (of letter b), history and verify: 102 folders.
    const over = warnings([...documents("a", 61, 30), ...documents("b", 11, 40)]);
    expect(over).toHaveLength(1);
    const rules = headerRuleCount(60 + 40 + 2);
    expect(rules).toBeGreaterThan(HEADER_RULE_LIMIT);
    expect(over[0]!.severity).toBe("warning");
    expect(over[0]!.format()).toContain(`letters/site.yaml:1:1: warning: The site's _headers needs ${rules} rules`);
    expect(over[0]!.format()).toContain("Transform Rule");
  });
});
