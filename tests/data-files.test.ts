import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, signatoriesCsv } from "../src/outputs/data/csv.ts";
import { atomFeed, siteFeedEntries, type FeedEntry } from "../src/outputs/data/feed.ts";
import { letterJson, signatoriesJson } from "../src/outputs/data/json.ts";
import { robotsTxt, sitemapEntries, sitemapXml } from "../src/outputs/data/sitemap.ts";
import { absoluteUrl, sitePath } from "../src/outputs/data/urls.ts";
import { escapeXml } from "../src/outputs/data/xml.ts";
import { parseAtom, parseSitemap } from "./helpers/atom.ts";
import { page, signatory, siteConfig } from "./helpers/model.ts";

const HOSTILE = `<script>alert("x")</script> & 'quotes' ]]> \u0001\u0007`;
const withUrl = { siteUrl: "https://letters.example.org", pathPrefix: "/" };

describe("addresses of generated files", () => {
  it("put site paths under the path prefix and resolve them against the site's origin", () => {
    expect(sitePath({ pathPrefix: "/open-letters/" }, "/a/")).toBe("/open-letters/a/");
    expect(absoluteUrl({ siteUrl: "https://example.org", pathPrefix: "/open-letters/" }, "/feed.xml")).toBe("https://example.org/open-letters/feed.xml");
    expect(absoluteUrl({ pathPrefix: "/" }, "/feed.xml")).toBeUndefined();
  });
});

describe("XML escaping", () => {
  it("escapes markup characters and drops characters XML 1.0 forbids, keeping other text", () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
    expect(escapeXml("ok\u0000\u0001\u000b\uFFFE\uD800 é 😀\ttab\nline")).toBe("ok é 😀\ttab\nline");
  });
});

describe("signatories.csv", () => {
  const list = [
    { name: "Plain Name", type: "individual" as const, affiliation: "Uni, Dept.", country: "BE" },
    { name: '=HYPERLINK("https://evil.example","x")', title: "+1", affiliation: "-2", group: "@SUM(A1)" },
    { name: "\tTabbed", affiliation: "\rReturn", title: 'Quote "inside"' },
    { name: "Multi\nline", url: "https://a.example.org/?q=1,2" },
  ];

  it("is RFC 4180: a header, CRLF line ends, quoted fields with doubled quotes, readable by a CSV parser", () => {
    const csv = signatoriesCsv(list);
    expect(csv.startsWith("name,type,title,affiliation,country,group,signed,url,github\r\n")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({ name: "Plain Name", type: "individual", title: "", affiliation: "Uni, Dept.", country: "BE", group: "", signed: "", url: "", github: "" });
    expect(rows[2]!.title).toBe('Quote "inside"');
    expect(rows[3]).toMatchObject({ name: "Multi\nline", url: "https://a.example.org/?q=1,2" });
  });

  it("neutralises every cell a spreadsheet would run as a formula with a leading apostrophe", () => {
    const rows = parseCsv(signatoriesCsv(list), { columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(rows[1]).toMatchObject({ name: `'=HYPERLINK("https://evil.example","x")`, title: "'+1", affiliation: "'-2", group: "'@SUM(A1)" });
    expect(rows[2]).toMatchObject({ name: "'\tTabbed", affiliation: "'\rReturn" });
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(neutraliseFormula(`${start}x`)).toBe(`'${start}x`);
    for (const safe of ["x=1", "Anna", "", "1-2"]) expect(neutraliseFormula(safe)).toBe(safe);
  });

  // A spreadsheet skips leading spaces before a formula, and invisible characters show nothing: the
  // guard looks past both (OWASP, CSV injection). [what comes first, the value]
  const hidden: [string, string][] = [
    ["a space", ' =HYPERLINK("https://evil.example","x")'],
    ["a no-break space", "\u00A0=1+1"],
    ["a narrow no-break space", "\u202F+1"],
    ["an ideographic space", "\u3000-1"],
    ["a zero-width space", "\u200B@SUM(A1)"],
    ["a byte order mark", "\uFEFF=1"],
    ["a left-to-right mark", "\u200E=1"],
    ["a Hangul filler", "\u3164=1"],
    ["a blank Braille pattern", "\u2800=1"],
    ["a tag character", "\u{E0041}=1"],
    ["a line break", "\n=1"],
    ["spaces then a tab", "  \tx"],
    ["spaces then a carriage return", "  \rx"],
    ["several of them", " \u00A0\u200B\u2060 =1"],
  ];
  it.each(hidden)("neutralises a formula behind %s", (_what, value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
    const rows = parseCsv(signatoriesCsv([{ name: value }]), { columns: true }) as Record<string, string>[];
    expect(rows[0]!.name).toBe(`'${value}`);
  });

  it("leaves text that only starts with spaces or invisible characters as it is", () => {
    for (const safe of [" Anna", "\u00A0Anna", "\u200BAnna", " 1-2", "\u200D"]) expect(neutraliseFormula(safe)).toBe(safe);
  });
});

describe("signatories.json and letter.json", () => {
  const view = page({
    slug: "hostile",
    title: HOSTILE,
    summary: "Summary & more",
    body: "Hello *world*.\n",
    signatories: [
      signatory({ name: HOSTILE, type: "individual", url: "https://x.example.org", affiliation: "Aff" }),
      signatory({ name: "Withdrawn", withdrawn: "2024-01-01", url: "https://gone.example.org" }),
      signatory({ name: "Mail", type: "organization", url: "mailto:mail@example.org" }),
    ],
  });

  it("round-trips hostile names exactly and leaves withdrawn and e-mail data out", () => {
    const text = signatoriesJson(view, withUrl);
    const data = JSON.parse(text) as { count: number; signatories: { name: string; url?: string }[]; letter: { url: string } };
    expect(data.count).toBe(2);
    expect(data.signatories).toEqual([
      { name: HOSTILE, type: "individual", affiliation: "Aff", url: "https://x.example.org" },
      { name: "Mail", type: "organization" },
    ]);
    expect(data.letter.url).toBe("https://letters.example.org/hostile/");
    expect(text).not.toMatch(/Withdrawn|gone\.example|mail@example/);
  });

  it("describes the letter with its Markdown, HTML, count and the addresses of its files", () => {
    const data = JSON.parse(letterJson(view, { siteUrl: "https://letters.example.org", pathPrefix: "/p/" })) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(["slug", "title", "date", "lang", "status", "addressees", "summary", "body", "signatoryCount", "urls"]);
    expect(data).toMatchObject({
      title: HOSTILE,
      date: "2024-01-02",
      signatoryCount: 2,
      body: { markdown: "Hello *world*.\n", html: "<p>Hello <em>world</em>.</p>\n" },
      urls: {
        page: "https://letters.example.org/p/hostile/",
        signatoriesCsv: "https://letters.example.org/p/hostile/signatories.csv",
        card: "https://letters.example.org/p/hostile/card.png",
      },
    });
  });

  it("falls back to prefixed paths when the site has no address", () => {
    const data = JSON.parse(letterJson(view, { pathPrefix: "/p/" })) as { urls: Record<string, string> };
    expect(data.urls.page).toBe("/p/hostile/");
  });
});

describe("the Atom feed", () => {
  const site = siteConfig({ title: `Site & <Co>`, description: "About", url: "https://letters.example.org", author: "Author & Co" });
  const letters = [
    page({ slug: "older", title: "Older", date: "2023-05-06" }),
    page({ slug: "newer", title: HOSTILE, date: "2024-07-08", summary: "Why <it> matters & more", lang: "fr-BE" }),
  ];

  it("is a structurally valid Atom document with one entry per letter, newest first", () => {
    const feed = parseAtom(atomFeed(site, withUrl, siteFeedEntries(letters))!);
    expect(feed.title).toBe("Site & <Co>");
    expect(feed.author).toBe("Author & Co");
    expect(feed.id).toBe("https://letters.example.org/");
    expect(feed.links).toContainEqual({ rel: "self", type: "application/atom+xml", href: "https://letters.example.org/feed.xml" });
    expect(feed.entries.map((e) => e.id)).toEqual(["https://letters.example.org/newer/", "https://letters.example.org/older/"]);
    expect(feed.entries[0]).toMatchObject({ summary: "Why <it> matters & more", lang: "fr-BE", updated: "2024-07-08T00:00:00Z" });
  });

  it("escapes a hostile title and drops the control characters XML cannot carry", () => {
    const feed = parseAtom(atomFeed(site, withUrl, siteFeedEntries(letters))!);
    expect(feed.entries[0]!.title).toBe(`<script>alert("x")</script> & 'quotes' ]]> `);
  });

  it("is dated by its newest entry, not by the clock, so the same content gives the same bytes", () => {
    const first = atomFeed(site, withUrl, siteFeedEntries(letters));
    expect(parseAtom(first!).updated).toBe("2024-07-08T00:00:00Z");
    expect(atomFeed(site, withUrl, siteFeedEntries([...letters].reverse()))).toBe(first);
  });

  it("takes other kinds of entries (a release, say) beside the letters", () => {
    const release: FeedEntry = { path: "/older/v2/", title: "Older, version 2", updated: "2025-01-01T12:30:00+01:00" };
    const feed = parseAtom(atomFeed(site, withUrl, [...siteFeedEntries(letters), release])!);
    expect(feed.entries[0]).toMatchObject({ id: "https://letters.example.org/older/v2/", updated: "2025-01-01T11:30:00Z" });
    expect(feed.updated).toBe("2025-01-01T11:30:00Z");
  });

  it("is not written for a site without an address, since Atom ids must be absolute", () => {
    expect(atomFeed(site, { pathPrefix: "/" }, siteFeedEntries(letters))).toBeUndefined();
  });
});

describe("sitemap.xml and robots.txt", () => {
  const letters = [page({ slug: "b-letter" }), page({ slug: "a-letter" })];

  it("lists the home page and every letter page as absolute URLs under the prefix", () => {
    const urls = parseSitemap(sitemapXml({ siteUrl: "https://example.org", pathPrefix: "/p/" }, sitemapEntries(letters))!);
    expect(urls.map((u) => u.loc)).toEqual(["https://example.org/p/", "https://example.org/p/a-letter/", "https://example.org/p/b-letter/"]);
  });

  it("points robots at the sitemap only when the site's address is known", () => {
    expect(robotsTxt({ siteUrl: "https://example.org", pathPrefix: "/" })).toBe("User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n");
    expect(robotsTxt({ pathPrefix: "/" })).toBe("User-agent: *\nAllow: /\n");
    expect(sitemapXml({ pathPrefix: "/" }, sitemapEntries(letters))).toBeUndefined();
  });
});
