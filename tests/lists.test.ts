import { posix } from "node:path";
import { uiStrings } from "../src/i18n/messages.ts";
import { describe, expect, it } from "vitest";
import { SearchIndex } from "../src/common/search-query.ts";
import { LIST_PAGE_SIZE, PREVIEW_MAX, pageWindow, splitLargeLists } from "../src/view/lists.ts";
import type { LetterPage, SignatoryView } from "../src/view/letter-page.ts";

/** A letter page with `groups` of generated signatories, as buildPages would make it. */
function letterPage(groups: { heading?: string; signatories: SignatoryView[] }[], url = "/big/", lang = "en"): LetterPage {
  const count = groups.reduce((n, g) => n + g.signatories.length, 0);
  return {
    kind: url === "/big/" ? "current" : "version",
    slug: "big",
    url,
    letterUrl: "/big/",
    updates: [],
    listUrl: url,
    title: "A big letter",
    pageTitle: "A big letter",
    lang,
    dir: "ltr",
    date: "2024-01-01",
    dateText: "1 January 2024",
    to: [],
    status: "open",
    statusText: "Open",
    html: "<p>Text</p>",
    body: "Text",
    source: "letters/x/letter.md",
    ui: uiStrings("en"),
    alternates: [],
    release: url === "/big/" ? undefined : { version: 1, date: "2024-01-01", dateText: "", url, textSha256: "", textUrl: "", countAtRelease: count, editions: [], revisions: [], pdfs: {}, packs: [], lang: "en", texts: [] },
    signatories: { heading: "Signatories", headingLang: "en", noteLang: "en", count, countText: `${count} signatories`, groups, list: [] },
  };
}

const people = (n: number, prefix: string, extra: Partial<SignatoryView> = {}): SignatoryView[] =>
  Array.from({ length: n }, (_, i) => ({ id: `s${prefix.toLowerCase().replace(/\W/g, "")}${i + 1}`, name: `${prefix} ${i + 1}`, source: `letters/x/signatories/s.yaml:${i + 1}:1`, ...extra }));

describe("page numbers in the pagination", () => {
  it("shows the first, the last and two either side of the current page", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(40, 80)).toEqual([1, null, 38, 39, 40, 41, 42, null, 80]);
    expect(pageWindow(1, 80)).toEqual([1, 2, 3, null, 80]);
    expect(pageWindow(80, 80)).toEqual([1, null, 78, 79, 80]);
  });

  it("never hides a single page behind an ellipsis", () => {
    expect(pageWindow(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageWindow(5, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe("splitting long lists", () => {
  const orgs = people(300, "Org", { type: "organization", country: "BE" });
  const academics = people(450, "Academic", { type: "individual", country: "FR" });
  const others = [...people(40, "Someone", { country: "DE" }), ...people(10, "Nobody")];
  const big = letterPage([
    { heading: "Organisations", signatories: orgs },
    { heading: "Academics", signatories: academics },
    { signatories: others },
  ]);

  it("leaves lists up to the threshold inline and untouched", () => {
    const small = letterPage([{ signatories: people(500, "Person") }]);
    const result = splitLargeLists([small], 500);
    expect(result.pages[0]).toBe(small);
    expect(result.listPages).toEqual([]);
    expect(result.searchFiles).toEqual([]);
  });

  it("puts every entry on exactly one list page, in order, a few hundred a page", () => {
    const { listPages } = splitLargeLists([big], 500);
    expect(listPages.map((p) => p.url)).toEqual(["/big/signatories/", "/big/signatories/2/", "/big/signatories/3/", "/big/signatories/4/"]);
    const listed = listPages.flatMap((p) => p.groups.flatMap((g) => g.signatories));
    expect(listed.map((s) => s.name)).toEqual([...orgs, ...academics, ...others].map((s) => s.name));
    expect(listed.map((s) => s.anchor)).toEqual(listed.map((_, i) => `s${i + 1}`));
    for (const page of listPages) expect(page.groups.flatMap((g) => g.signatories).length).toBeLessThanOrEqual(LIST_PAGE_SIZE);
    expect(listPages[1]!.range).toBe("Signatories 251–500 of 800");
  });

  it("marks a group that continues from the previous page", () => {
    const { listPages } = splitLargeLists([big], 500);
    const page2 = listPages[1]!.groups;
    expect(page2.map((g) => [g.heading, g.continued])).toEqual([["Organisations", "(continued)"], ["Academics", undefined]]);
    expect(listPages[0]!.groups[0]!.continued).toBeUndefined();
  });

  it("paginates version pages under their own address", () => {
    const version = letterPage(big.signatories.groups, "/big/v2/");
    const { listPages, searchFiles } = splitLargeLists([version], 500);
    expect(listPages[2]!.url).toBe("/big/v2/signatories/3/");
    expect(listPages[2]!.title).toBe("Signatories, page 3 of 4: A big letter (Version 1)");
    expect(searchFiles[0]!.url).toBe("/big/v2/search/meta.json");
  });

  it("writes the search data of a page's translations once, each translation's index reading it from there", async () => {
    const french = { ...letterPage(big.signatories.groups, "/big/", "fr"), url: "/big/fr/" };
    const other = { ...letterPage([{ signatories: people(600, "Else") }], "/big/", "fr"), slug: "other", url: "/other/" };
    const { searchFiles } = splitLargeLists([big, french, other], 500);
    const files = new Map(searchFiles.map((f) => [f.url, f.content as string]));
    const under = (folder: string) => [...files.keys()].filter((u) => u.startsWith(folder) && !u.slice(folder.length).includes("/"));
    // English holds the data; French has its own meta.json (its labels, its list) and nothing else.
    expect([...files.keys()].filter((u) => u.startsWith("/big/fr/search/"))).toEqual(["/big/fr/search/meta.json"]);
    expect([...files.keys()].some((u) => u.startsWith("/big/search/shards/"))).toBe(true);
    expect(under("/big/search/")).toEqual(["/big/search/meta.json"]);
    // Another letter's names are its own, written in its own folder.
    expect([...files.keys()].some((u) => u.startsWith("/other/search/records/"))).toBe(true);

    // Queried as the browser would from the French page: answers link to the French list pages.
    const index = new SearchIndex(async (path) => {
      const url = posix.join("/big/fr/search/", path);
      if (!files.has(url)) throw new Error(`404 ${url}`);
      return JSON.parse(files.get(url)!);
    });
    const meta = await index.meta();
    expect(meta.facets.type.map((f) => f.label)).toEqual(["Organisations", "Personnes", "Type non indiqué"]);
    const [hit, ...rest] = await index.results((await index.search("academic 123")).ids);
    expect(rest).toEqual([]);
    expect(hit!.name).toBe("Academic 123");
    expect(posix.join("/big/fr/search/", hit!.href)).toBe("/big/fr/signatories/2/#s423");
    expect((await index.search("", { country: "BE" })).ids).toHaveLength(300);
  });

  it("shares the search data also where a language sorts the filters differently", () => {
    // As many in each country: the filters are sorted by name, Belgium first in English, ドイツ in Japanese.
    const even = letterPage([{ signatories: [...people(300, "Org", { country: "BE" }), ...people(300, "Academic", { country: "DE" })] }]);
    const japanese = { ...letterPage(even.signatories.groups, "/big/", "ja"), url: "/big/ja/" };
    const { pages, searchFiles } = splitLargeLists([even, japanese], 500);
    const labels = pages.map((p) => p.signatories.large!.byCountry.counts.map((c) => c.value));
    expect(labels).toEqual([["BE", "DE"], ["DE", "BE"]]);
    expect(searchFiles.filter((f) => f.url.startsWith("/big/ja/search/")).map((f) => f.url)).toEqual(["/big/ja/search/meta.json"]);
  });

  it("builds an accessible pagination with the current page marked", () => {
    const { listPages } = splitLargeLists([big], 500);
    const nav = listPages[1]!.pagination;
    expect(nav.label).toBeTruthy();
    expect(nav.previous?.href).toBe("/big/signatories/");
    expect(nav.next?.href).toBe("/big/signatories/3/");
    expect(nav.items.filter((i) => !i.gap && i.current)).toEqual([{ gap: false, number: 2, href: "/big/signatories/2/", current: true }]);
    expect(listPages[0]!.pagination.previous).toBeUndefined();
    expect(listPages[3]!.pagination.next).toBeUndefined();
  });

  it("counts by type, organisations first, and says when a type is not given", () => {
    const large = splitLargeLists([big], 500).pages[0]!.signatories.large!;
    expect(large.byType.counts.map((c) => [c.label, c.count])).toEqual([["Organisations", 300], ["Individuals", 450], ["Type not given", 50]]);
  });

  it("counts by country with names in the page's language, most first, unknown last", () => {
    const french = letterPage(big.signatories.groups, "/big/", "fr");
    const large = splitLargeLists([french], 500).pages[0]!.signatories.large!;
    expect(large.byCountry.counts.map((c) => [c.label, c.count])).toEqual([["France", 450], ["Belgique", 300], ["Allemagne", 40], ["Pays non indiqué", 10]]);
    expect(large.byCountry.counts[0]!.countText).toBe("450");
  });

  it("shows each group's count and first entries on the letter page, with a link to the rest", () => {
    const page = splitLargeLists([big], 500).pages[0]!;
    const groups = page.signatories.groups;
    expect(groups.map((g) => [g.heading, g.count])).toEqual([["Organisations", 300], ["Academics", 450], [undefined, 50]]);
    expect(groups.reduce((n, g) => n + g.signatories.length, 0)).toBeLessThanOrEqual(PREVIEW_MAX);
    expect(groups[0]!.signatories[0]!.name).toBe("Org 1");
    expect(groups[1]!.signatories[0]!.name).toBe("Academic 1");
    // Academics start at entry 301, on page 2.
    expect(groups[1]!.more).toEqual({ href: "/big/signatories/2/#s301", text: "All 450 in this group" });
    expect(page.signatories.large!.all.href).toBe("/big/signatories/");
    expect(page.signatories.count).toBe(800);
  });

  it("points search forms at the index relative to each page, so any path prefix works", () => {
    const result = splitLargeLists([big], 500);
    expect(result.pages[0]!.signatories.large!.search.index).toBe("search/");
    expect(result.listPages[0]!.search.index).toBe("../search/");
    expect(result.listPages[2]!.search.index).toBe("../../search/");
    const filters = result.listPages[0]!.search.filters;
    expect(filters.map((f) => f.name)).toEqual(["type", "group", "country"]);
    expect(filters[1]!.options.map((o) => o.label)).toEqual(["Organisations", "Academics", "Other signatories"]);
  });
});
