import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, headersFile } from "../src/outputs/data/security.ts";
import { buildFixture, readPage } from "./helpers/site.ts";

/** Directive name → values, as a browser would split the policy. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe("the Content-Security-Policy", () => {
  const policy = directives(contentSecurityPolicy({ repository: "https://github.com/org/letters" }, { forMeta: false }));

  it("allows only the site's own scripts, styles, fonts and images, and nothing inline", () => {
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("script-src")).toEqual(["'self'"]);
    expect(policy.get("style-src")).toEqual(["'self'"]);
    expect(policy.get("font-src")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect([...policy.values()].flat().join(" ")).not.toMatch(/unsafe|\*|https?:$/);
  });

  it("lets forms go only to the site and the repository's origin, and forbids framing", () => {
    expect(policy.get("form-action")).toEqual(["'self'", "https://github.com"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives(contentSecurityPolicy({}, { forMeta: false })).get("form-action")).toEqual(["'self'"]);
  });

  it("leaves frame-ancestors out of the <meta> version, where browsers ignore it", () => {
    const meta = directives(contentSecurityPolicy({ repository: "https://github.com/org/letters" }, { forMeta: true }));
    expect(meta.has("frame-ancestors")).toBe(false);
    expect(meta.get("script-src")).toEqual(["'self'"]);
  });
});

describe("the _headers file", () => {
  it("sets the policy, no referrer and no sniffing for every path, in the Netlify / Cloudflare Pages format", () => {
    const lines = headersFile({}).split("\n");
    expect(lines[0]).toBe("/*");
    // The /* rule: its indented lines, up to the next rule or comment.
    const end = lines.findIndex((line, i) => i > 0 && !line.startsWith("  "));
    const headers = new Map(lines.slice(1, end).map((line) => {
      expect(line).toMatch(/^ {2}[A-Za-z-]+: \S/);
      const [name, ...value] = line.trim().split(": ");
      return [name!, value.join(": ")];
    }));
    // Without frame-ancestors: framing is forbidden by rules that never match an embed page (framing-headers.test.ts).
    expect(headers.get("Content-Security-Policy")).toBe(contentSecurityPolicy({}, { forMeta: true }));
    expect(headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.has("X-Frame-Options")).toBe(false);
  });
});

describe("a built site", () => {
  it("has _headers with the policy, and the same policy first thing in every page's head", async () => {
    const site = await buildFixture("basic");
    const headers = await readFile(join(site, "_headers"), "utf8");
    const policy = /^ {2}Content-Security-Policy: (.+)$/m.exec(headers)?.[1];
    expect(policy).toMatch(/^default-src 'self';/);
    for (const page of ["index.html", "first-letter/index.html"]) {
      const source = await readFile(join(site, page), "utf8");
      const doc = await readPage(site, page);
      expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content")).toBe(policy);
      expect(source.indexOf("Content-Security-Policy"), page).toBeLessThan(source.search(/<link|<script|<style/));
      expect(doc.querySelectorAll("[style], style, script:not([src])"), page).toHaveLength(0);
      expect(doc.querySelector('meta[name="referrer"]')?.getAttribute("content")).toBe("no-referrer");
    }
  });
});
