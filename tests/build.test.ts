import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

describe("building the basic fixture", () => {
  let site: string;
  beforeAll(async () => {
    site = await buildFixture("basic");
  });

  it("writes the home page listing letters newest first with date, status, count and summary", async () => {
    const doc = await readPage(site, "index.html");
    const items = [...doc.querySelectorAll(".letter-index li")];
    expect(items.map((li) => text(li.querySelector("h3")))).toEqual(["Protect encryption", "An older letter"]);
    expect(text(items[0])).toContain("March 1, 2024"); // the fixture is in "en", which writes dates US-style
    expect(text(items[0])).toContain("Open for signatures");
    expect(text(items[0])).toContain("3 signatories");
    expect(text(items[0])).toContain("We ask the minister to protect encryption.");
    expect(text(items[1])).toContain("Closed");
  });

  it("writes one page per letter with date, addressees, title, salutation, body and notes", async () => {
    const doc = await readPage(site, "first-letter/index.html");
    expect(doc.documentElement.getAttribute("lang")).toBe("en");
    expect(doc.querySelectorAll("h1")).toHaveLength(1);
    expect(text(doc.querySelector("h1"))).toBe("Protect encryption");
    expect(doc.querySelector(".letter-date time")!.getAttribute("datetime")).toBe("2024-03-01");
    expect([...doc.querySelectorAll(".addressees li")].map(text)).toEqual(["The Minister of Digital Affairs"]);
    expect(text(doc.querySelector(".salutation"))).toBe("Dear Minister,");
    expect(doc.querySelector(".letter-body em")!.textContent).toBe("encryption");
    expect(doc.querySelector(".letter-body strong")!.textContent).toBe("strong words");
    expect(doc.querySelector(".footnotes a[href='https://example.org/source']")).not.toBeNull();
  });

  it("lists signatories with heading, count, name, role and affiliation, linked where they have a URL, and the note", async () => {
    const doc = await readPage(site, "first-letter/index.html");
    const section = doc.querySelector("section.signatories")!;
    expect(text(section.querySelector("h2"))).toBe("Signed by");
    expect(text(section.querySelector(".signatory-count"))).toBe("3 signatories");
    const entries = [...section.querySelectorAll(".signatory")];
    expect(entries.map((e) => text(e.querySelector(".signatory-name")))).toEqual(["Anna Åberg", "émile Durand", "Zoë Organisation"]);
    expect(text(entries[1]!.querySelector(".signatory-role"))).toBe(", Professor, Université de Test");
    expect(entries[2]!.querySelector("a")!.getAttribute("href")).toBe("https://zoe.example.org");
    expect(entries[0]!.querySelector("a")).toBeNull();
    expect(text(section.querySelector(".signatory-note"))).toBe("Affiliations for identification only.");
  });

  it("has landmarks and needs no script or third-party request to read a letter", async () => {
    for (const page of ["index.html", "first-letter/index.html"]) {
      const doc = await readPage(site, page);
      expect(doc.querySelector("header")).not.toBeNull();
      expect(doc.querySelector("main")).not.toBeNull();
      expect(doc.querySelector("footer")).not.toBeNull();
      expect(doc.querySelectorAll("script")).toHaveLength(0);
      // Everything the browser fetches; rel=canonical is an address, not a request.
      const urls = [...doc.querySelectorAll("link[rel=stylesheet], link[rel=icon], link[rel=preload], script[src], img[src]")].map((e) => e.getAttribute("href") ?? e.getAttribute("src"));
      for (const url of urls) expect(url).toMatch(/^\//);
    }
  });

  it("writes /404.html, the page static hosts serve for a missing address, with the site's header, footer and stylesheet", async () => {
    const doc = await readPage(site, "404.html");
    expect(doc.documentElement.getAttribute("lang")).toBe("en");
    expect(text(doc.querySelector("title"))).toBe("Page not found – Fixture Coalition");
    expect(text(doc.querySelector("main h1"))).toBe("Page not found");
    expect(doc.querySelector("main a")!.getAttribute("href")).toBe("/");
    expect(text(doc.querySelector("header .site-title"))).toBe("Fixture Coalition");
    expect(text(doc.querySelector("footer"))).toContain("Letters used by the tests.");
    expect(doc.querySelector('link[rel=stylesheet][href="/assets/site.css"]')).not.toBeNull();
    // Not a page of the site to index.
    expect(await readFile(join(site, "sitemap.xml"), "utf8")).not.toContain("404");
  });

  it("self-hosts its fonts: the stylesheet only points at files in the site", async () => {
    const css = await readFile(join(site, "assets/fonts.css"), "utf8");
    const urls = [...css.matchAll(/url\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(existsSync(join(site, "assets", url)), url).toBe(true);
  });
});

describe("a build run from another folder than the project's", () => {
  it("builds the same site as from the project (Eleventy reads templates/ relative to the working directory)", async () => {
    const elsewhere = await tempDir();
    const output = join(await tempDir(), "site");
    const tsx = join(import.meta.dirname, "../node_modules/.bin/tsx");
    const { stdout } = await promisify(execFile)(tsx, [join(import.meta.dirname, "../scripts/build.ts"), "--root", fixture("basic"), "--output", output], { cwd: elsewhere });
    expect(stdout).toMatch(/Built 2 letter\(s\)/);
    const fromProject = await buildFixture("basic");
    for (const page of ["index.html", "first-letter/index.html", "assets/site.css"]) {
      expect(await readFile(join(output, page), "utf8"), page).toBe(await readFile(join(fromProject, page), "utf8"));
    }
  }, 60_000);
});

describe("a build under a path prefix", () => {
  it("resolves every internal link and asset inside the prefix", async () => {
    const site = await buildFixture("basic", ["--path-prefix", "/open-letters/"]);
    // 404.html too: it is served at any depth, so only prefixed root-relative links work from it.
    const pages = ["index.html", "first-letter/index.html", "second-letter/index.html", "404.html"];
    let checked = 0;
    for (const page of pages) {
      const doc = await readPage(site, page);
      for (const el of doc.querySelectorAll("a[href], link[href], script[src], img[src]")) {
        const url = el.getAttribute("href") ?? el.getAttribute("src")!;
        if (/^(https?:|mailto:|#)/.test(url)) continue;
        expect(url, `${page}: ${url}`).toMatch(/^\/open-letters\//);
        const path = posix.normalize(url.replace(/^\/open-letters\//, "").replace(/#.*$/, ""));
        const file = path === "" || path.endsWith("/") ? join(site, path, "index.html") : join(site, path);
        expect(existsSync(file), `${page} links to ${url}, which does not exist`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(6);
  });

  it("gives absolute addresses its own prefix also when the process built another site before (canonical, og:url, og:image)", async () => {
    // The warm script server (helpers/site.ts) builds both in one process, as a program calling buildSite
    // twice would: Eleventy's process-wide template cache once rendered the second with the first's filters.
    await buildFixture("translated");
    const site = await buildFixture("basic", ["--path-prefix", "/p/"]);
    const doc = await readPage(site, "first-letter/index.html");
    expect(doc.querySelector("link[rel=canonical]")?.getAttribute("href")).toBe("https://letters.example.org/p/first-letter/");
    expect(doc.querySelector('meta[property="og:url"]')?.getAttribute("content")).toBe("https://letters.example.org/p/first-letter/");
    expect(doc.querySelector('meta[property="og:image"]')?.getAttribute("content")).toBe("https://letters.example.org/p/first-letter/card.png");
  });
});

describe("the 404 page of a site in another language", () => {
  it("is in the site's language", async () => {
    const root = await tempDir();
    await mkdir(join(root, "letters"));
    await writeFile(join(root, "letters/site.yaml"), "title: Lettres ouvertes\nlang: fr\n");
    const site = join(root, "_site");
    const result = await runScript("build.ts", ["--root", root, "--output", site], { OPEN_LETTERS_PDF: "0" });
    expect(result.code, result.stderr).toBe(0);
    const doc = await readPage(site, "404.html");
    expect(doc.documentElement.getAttribute("lang")).toBe("fr");
    expect(text(doc.querySelector("main h1"))).toBe("Page introuvable");
    expect(text(doc.querySelector("main a"))).toBe("Voir toutes les lettres");
    expect(text(doc.querySelector(".skip-link"))).toBe("Aller au contenu");
  });
});

describe("drafts", () => {
  it("never appear in a production build", async () => {
    const site = await buildFixture("drafts");
    expect(existsSync(join(site, "published/index.html"))).toBe(true);
    expect(existsSync(join(site, "work-in-progress"))).toBe(false);
    const home = await readFile(join(site, "index.html"), "utf8");
    expect(home).not.toContain("Secret draft");
  });
});

describe("a build with content errors", () => {
  it("prints file:line:col problems, exits 1, shows no stack trace and leaves the previous site untouched", async () => {
    const output = join(await tempDir(), "site");
    await mkdir(output, { recursive: true });
    await writeFile(join(output, "index.html"), "previous site");
    const result = await runScript("build.ts", ["--root", fixture("broken-yaml"), "--output", output]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tests\/fixtures\/broken-yaml\/letters\/one\/signatories\/jane-doe\.yaml:3:1: error: YAML syntax error/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(join(output, "index.html"), "utf8")).toBe("previous site");
    expect((await readdir(join(output, ".."))).sort()).toEqual(["site"]);
  });
});

describe("npm run check", () => {
  it("reports a broken YAML file as one line and exits 1", async () => {
    const result = await runScript("check.ts", ["--root", fixture("broken-yaml")]);
    expect(result.code).toBe(1);
    const problems = result.stderr.split("\n").filter((l) => /:\d+:\d+: error:/.test(l));
    expect(problems).toEqual([expect.stringMatching(/jane-doe\.yaml:3:1: error: YAML syntax error: .+\. .+/)]);
  });

  it("passes a valid site", async () => {
    const result = await runScript("check.ts", ["--root", fixture("basic")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("2 letter(s), 5 signatories");
  });
});
