// Builds the readers fixture (hostile names, a withdrawn signature, hidden and mailto links) and reads the
// feeds, data files, cards and headers as a reader, a feed reader or a spreadsheet would.
import { createHash } from "node:crypto";
import { appendFile, cp, readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAtom, parseSitemap } from "./helpers/atom.ts";
import { pdfText } from "./helpers/pdf.ts";
import { pngSize } from "./helpers/png.ts";
import { buildFixture, fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

const ORIGIN = "https://letters.example.org";
/** What the fixture holds that must never reach the site. */
const PRIVATE = ["Withdrawn Person", "withdrawn.example.org", "Regret Institute", "private-signer@example.org", "hidden.example.org"];
const HOSTILE_NAME = `<img src=x onerror=alert(1)></script>"Quoted", bell`;
const PUBLISHED = ["Example & Co <Org>", "Ada Lovelace", "Hidden Link", "Mail Only", HOSTILE_NAME, `=HYPERLINK("https://evil.example.org","click")`];

/** An embed page (/<slug>/embed/): made for other sites' frames, so minimal by design: no feed link, not in the sitemap, no letter.json. */
const isEmbed = (file: string) => /^[^/]+\/embed\/index\.html$/.test(file);

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}
/** The output file an absolute URL of the site points at. */
const fileOf = (site: string, url: string) => {
  const path = new URL(url).pathname;
  return join(site, path.endsWith("/") ? `${path}index.html` : path);
};

describe("feeds, data files and cards of the readers fixture", () => {
  let site: string;
  let outputs: string[];
  beforeAll(async () => {
    site = await buildFixture("readers");
    outputs = await files(site);
  });

  it("writes the feed, sitemap, robots.txt, _headers and, per letter, letter.json, signatories.json, .csv and a card", () => {
    for (const file of ["feed.xml", "sitemap.xml", "robots.txt", "_headers"]) expect(outputs).toContain(file);
    for (const slug of ["open-data", "older-letter"]) {
      for (const file of ["index.html", "letter.json", "signatories.json", "signatories.csv", "card.png"]) expect(outputs).toContain(`${slug}/${file}`);
    }
  });

  it("never publishes a withdrawn signature, a hidden link or an e-mail address, in any file", async () => {
    const pdfs = outputs.filter((f) => f.endsWith(".pdf"));
    expect(pdfs.length).toBeGreaterThan(0);
    for (const file of outputs.filter((f) => !/\.(png|woff2)$/.test(f))) {
      // PDFs are read as their text, the way a reader copying from them would.
      const content = file.endsWith(".pdf") ? await pdfText(join(site, file)) : await readFile(join(site, file), "utf8");
      for (const secret of PRIVATE) expect(content, `${file} contains ${secret}`).not.toContain(secret);
      // The site has no sign_email, so no page, feed or data file may carry a mailto: link at all (the sign
      // form's script and the published JSON Schemas only mention the scheme).
      if (!file.endsWith(".js") && !file.startsWith("schemas/")) expect(content, `${file} contains mailto:`).not.toContain("mailto:");
    }
  });

  it("shows the same signatories, in the same order, on the page, in the JSON and in the CSV", async () => {
    const page = await readPage(site, "open-data/index.html");
    const onPage = [...page.querySelectorAll(".signatory-name")].map((e) => e.textContent);
    const json = JSON.parse(await readFile(join(site, "open-data/signatories.json"), "utf8")) as { count: number; signatories: { name: string }[] };
    const csv = parseCsv(await readFile(join(site, "open-data/signatories.csv"), "utf8"), { columns: true }) as { name: string }[];
    expect(new Set(onPage)).toEqual(new Set(PUBLISHED));
    expect(json.signatories.map((s) => s.name)).toEqual(onPage);
    expect(csv.map((r) => r.name.replace(/^'(?=[=+\-@\t\r])/, ""))).toEqual(onPage);
    expect(json.count).toBe(6);
    // The withdrawn name is counted as withdrawn, never shown.
    expect(text(page.querySelector(".signatory-count"))).toBe("6 signatories");
    expect(text(page.querySelector(".withdrawn-count"))).toBe("1 signature was withdrawn.");
  });

  it("prints hostile names as text on the page, never as markup", async () => {
    const page = await readPage(site, "open-data/index.html");
    expect(page.querySelector(".signatories img")).toBeNull();
    // The only script is the site's own sign form script, loaded from a file.
    expect(page.querySelectorAll("script:not([src])")).toHaveLength(0);
    expect([...page.querySelectorAll("script")].map((e) => e.getAttribute("src"))).toEqual(["/assets/sign.js"]);
    expect([...page.querySelectorAll(".signatory-name")].some((e) => e.textContent === HOSTILE_NAME)).toBe(true);
    expect(text(page.querySelector("h1"))).toBe(`Encryption & "privacy" <now>`);
  });

  it("links only the signatories whose link may be published", async () => {
    const page = await readPage(site, "open-data/index.html");
    const links = Object.fromEntries([...page.querySelectorAll(".signatory")].map((li) => [text(li.querySelector(".signatory-name")), li.querySelector("a")?.getAttribute("href") ?? null]));
    expect(links).toMatchObject({ "Ada Lovelace": "https://ada.example.org", "Example & Co <Org>": "https://org.example.org/?a=1&b=2", "Hidden Link": null, "Mail Only": null });
  });

  it("neutralises spreadsheet formulas in the CSV and keeps multi-line values in one record", async () => {
    const rows = parseCsv(await readFile(join(site, "open-data/signatories.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.name?.includes("HYPERLINK"))).toMatchObject({ name: `'=HYPERLINK("https://evil.example.org","click")`, title: "'-2+3", affiliation: "'@SUM(1+1)", group: "'+Group, with comma" });
    expect(rows.find((r) => r.name === HOSTILE_NAME)!.affiliation).toBe("Line one\nline two");
  });

  it("describes each letter in letter.json, with addresses that lead to files of the site", async () => {
    const letter = JSON.parse(await readFile(join(site, "open-data/letter.json"), "utf8")) as { title: string; signatoryCount: number; body: { markdown: string; html: string }; urls: Record<string, string> };
    expect(letter.title).toBe(`Encryption & "privacy" <now>`);
    expect(letter.signatoryCount).toBe(6);
    expect(letter.body.markdown).toContain("Encryption protects everyone.[^1]");
    expect(letter.body.html).toContain("<p>Encryption protects everyone.");
    expect(Object.keys(letter.urls)).toEqual(["page", "letter", "signatoriesJson", "signatoriesCsv", "card", "pdf"]);
    for (const url of Object.values(letter.urls)) expect(outputs, url).toContain(relative(site, fileOf(site, url)));
  });

  it("has an Atom feed with one entry per letter, newest first, escaped, that every page links to", async () => {
    const feed = parseAtom(await readFile(join(site, "feed.xml"), "utf8"));
    expect(feed.title).toBe("Readers & <Friends>");
    expect(feed.updated).toBe("2024-05-02T00:00:00Z");
    expect(feed.entries.map((e) => [e.id, e.title])).toEqual([
      [`${ORIGIN}/open-data/`, `Encryption & "privacy" <now>`],
      [`${ORIGIN}/older-letter/`, "An older letter"],
    ]);
    expect(feed.entries[0]!.summary).toBe(`We ask for <b>strong</b> encryption & "privacy" ]]> now.`);
    for (const html of outputs.filter((f) => f.endsWith(".html") && !isEmbed(f))) {
      const link = (await readPage(site, html)).querySelector('link[rel=alternate][type="application/atom+xml"]');
      expect(link?.getAttribute("href"), html).toBe("/feed.xml");
    }
  });

  it("lists every HTML page of the site in the sitemap, and robots.txt points at it", async () => {
    const locs = parseSitemap(await readFile(join(site, "sitemap.xml"), "utf8")).map((u) => u.loc);
    const pages = outputs.filter((f) => f.endsWith("index.html") && !isEmbed(f)).map((f) => `${ORIGIN}/${f.replace(/index\.html$/, "")}`);
    expect(locs.sort()).toEqual(pages.sort());
    expect(await readFile(join(site, "robots.txt"), "utf8")).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });

  it("gives letter pages Open Graph and Twitter meta whose URL is the canonical one and whose image is the card", async () => {
    const page = await readPage(site, "open-data/index.html");
    const meta = (key: string) => page.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content");
    expect(meta("og:title")).toBe(`Encryption & "privacy" <now>`);
    expect(meta("og:description")).toBe(`We ask for <b>strong</b> encryption & "privacy" ]]> now.`);
    expect(meta("og:locale")).toBe("en_GB");
    expect(meta("og:url")).toBe(page.querySelector("link[rel=canonical]")!.getAttribute("href"));
    expect(meta("og:url")).toBe(`${ORIGIN}/open-data/`);
    expect(meta("twitter:card")).toBe("summary_large_image");
    const card = await readFile(fileOf(site, meta("og:image")!));
    expect(pngSize(card)).toEqual({ width: Number(meta("og:image:width")), height: Number(meta("og:image:height")) });
    expect(pngSize(card)).toEqual({ width: 1200, height: 630 });
  });

  it("lets forms go to the repository's origin, in _headers and in every page's policy", async () => {
    const headers = await readFile(join(site, "_headers"), "utf8");
    expect(headers).toMatch(/Content-Security-Policy: .*form-action 'self' https:\/\/github\.com/);
    for (const html of outputs.filter((f) => f.endsWith(".html"))) {
      const meta = (await readPage(site, html)).querySelector('meta[http-equiv="Content-Security-Policy"]');
      expect(meta?.getAttribute("content"), html).toContain("form-action 'self' https://github.com");
    }
  });

  it("writes the same bytes when built again", async () => {
    const again = await buildFixture("readers");
    expect(await files(again)).toEqual(outputs);
    const digest = async (dir: string, file: string) => createHash("sha256").update(await readFile(join(dir, file))).digest("hex");
    for (const file of outputs) expect(await digest(again, file), file).toBe(await digest(site, file));
  });
});

describe("a translated letter with two versions", () => {
  let site: string;
  let outputs: string[];
  beforeAll(async () => {
    site = await buildFixture("translated");
    outputs = await files(site);
  });

  it("gives every page, in every version and language, its own letter.json and card", () => {
    const pages = outputs.filter((f) => f.endsWith("index.html") && f.startsWith("appeal/") && !/history|changes|verify|embed/.test(f));
    expect(pages).toContain("appeal/v2/ar/index.html");
    for (const page of pages) {
      const dir = page.replace(/index\.html$/, "");
      expect(outputs, dir).toContain(`${dir}letter.json`);
      expect(outputs, dir).toContain(`${dir}card.png`);
    }
  });

  it("keeps one signatory list per version, which every translation of that version links to", async () => {
    for (const dir of ["appeal/", "appeal/v1/", "appeal/v2/"]) expect(outputs).toContain(`${dir}signatories.csv`);
    expect(outputs.filter((f) => /\/(fr|nl|ar)\/signatories/.test(f))).toEqual([]);
    const french = await readPage(site, "appeal/v2/fr/index.html");
    expect(french.querySelector('.signatory-data a[type="text/csv"]')?.getAttribute("href")).toBe("/appeal/v2/signatories.csv");
    const letter = JSON.parse(await readFile(join(site, "appeal/v2/fr/letter.json"), "utf8")) as { lang: string; version: number; urls: Record<string, string> };
    expect(letter).toMatchObject({ lang: "fr", version: 2, urls: { signatoriesJson: `${ORIGIN}/appeal/v2/signatories.json`, page: `${ORIGIN}/appeal/v2/fr/` } });
  });

  it("describes each language in its own words and locale in the page meta", async () => {
    const arabic = await readPage(site, "appeal/ar/index.html");
    const meta = (key: string) => arabic.querySelector(`meta[property="${key}"]`)?.getAttribute("content");
    expect(meta("og:locale")).toBe("ar_EG");
    expect(meta("og:title")).toBe("لنحافظ على إنترنت مفتوح");
    expect(meta("og:image")).toBe(`${ORIGIN}/appeal/ar/card.png`);
  });

  it("announces version 2 in the feed beside the letter, and lists every page in the sitemap", async () => {
    const feed = parseAtom(await readFile(join(site, "feed.xml"), "utf8"));
    expect(feed.entries.map((e) => e.id)).toEqual([`${ORIGIN}/appeal/v2/`, `${ORIGIN}/appeal/`]);
    const locs = parseSitemap(await readFile(join(site, "sitemap.xml"), "utf8")).map((u) => u.loc);
    const pages = outputs.filter((f) => f.endsWith("index.html") && !isEmbed(f)).map((f) => `${ORIGIN}/${f.replace(/index\.html$/, "")}`);
    expect(locs.sort()).toEqual(pages.sort());
  });
});

describe("a site that links no individual (link_individuals: false)", () => {
  it("shows individuals without their link on the page and in the data, and keeps organisations linked", async () => {
    const root = await tempDir();
    await cp(fixture("readers"), root, { recursive: true });
    await appendFile(join(root, "letters/site.yaml"), "link_individuals: false\n");
    const site = join(root, "site");
    expect((await runScript("build.ts", ["--root", root, "--output", site])).code).toBe(0);
    const page = await readPage(site, "open-data/index.html");
    expect(page.querySelector('a[href="https://ada.example.org"]')).toBeNull();
    expect(page.querySelector('a[href="https://org.example.org/?a=1&b=2"]')).not.toBeNull();
    for (const file of ["open-data/signatories.json", "open-data/signatories.csv", "open-data/letter.json"]) {
      expect(await readFile(join(site, file), "utf8"), file).not.toContain("ada.example.org");
    }
  });
});

describe("a site without a public address (no url in site.yaml)", () => {
  it("writes no feed or sitemap, since both need absolute URLs, and a robots.txt without a sitemap", async () => {
    const site = await buildFixture("drafts");
    const outputs = await files(site);
    expect(outputs).not.toContain("feed.xml");
    expect(outputs).not.toContain("sitemap.xml");
    expect(await readFile(join(site, "robots.txt"), "utf8")).toBe("User-agent: *\nAllow: /\n");
    const page = await readPage(site, "published/index.html");
    expect(page.querySelector('link[type="application/atom+xml"]')).toBeNull();
    expect(page.querySelector('meta[property="og:title"]')).not.toBeNull();
    expect(page.querySelector('meta[property="og:image"]')).toBeNull();
  });
});
