import { describe, expect, it } from "vitest";
import { buildSearchIndex, type Facet, type IndexFile, type SearchEntry } from "../src/view/search-index.ts";
import { SearchIndex } from "../src/common/search-query.ts";
import { decodeIds, encodeIds, normalise, shardFile, shardsFor, tokenize } from "../src/common/search-text.ts";

/** A search over the built files, counting which files a query reads. */
function open(files: IndexFile[]) {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const read: string[] = [];
  const index = new SearchIndex(async (path) => {
    read.push(path);
    const content = byPath.get(path);
    if (content === undefined) throw new Error(`no file ${path}`);
    return JSON.parse(content);
  });
  return { index, read };
}

const noFacets = { type: [] as Facet[], group: [] as Facet[], country: [] as Facet[] };
const build = (entries: SearchEntry[], extra: Partial<Parameters<typeof buildSearchIndex>[1]> = {}) =>
  buildSearchIndex(entries, { pageSize: 3, list: "../signatories/", facets: noFacets, ...extra });

async function names(index: SearchIndex, query: string, filters = {}) {
  const { ids } = await index.search(query, filters);
  return (await index.results(ids)).map((r) => r.name);
}

const PEOPLE: SearchEntry[] = [
  { name: "Greta Finkhäuser", role: "Professor, Universität Wien" },
  { name: "Émile Durand", role: "Université libre de Bruxelles" },
  { name: "Søren Kierkegaard" },
  { name: "Anna Łukasiewicz", role: "Uniwersytet Warszawski" },
  { name: "Anna Fink", role: "Straße der Freiheit e.V." },
  { name: "Анастасия Вольская" },
  { name: "山田花子" },
  { name: "<img src=x onerror=alert(1)>", role: `"Quotes" & <b>bold</b>` },
];

describe("normalising text for search", () => {
  it("strips accents, folds case and unfolds letters NFKD leaves alone", () => {
    expect(normalise("Finkhäuser")).toBe("finkhauser");
    expect(normalise("ÉMILE")).toBe("emile");
    expect(normalise("Łukasiewicz Søren Straße")).toBe("lukasiewicz soren strasse");
    expect(normalise("ﬁnal")).toBe("final"); // compatibility ligature, decomposed by NFKD
    expect(normalise("Вольская")).toBe("вольская");
  });

  it("splits on anything but letters and digits, once per word", () => {
    expect(tokenize("O'Brien, Anna-Maria (anna) 2nd")).toEqual(["o", "brien", "anna", "maria", "2nd"]);
    expect(tokenize("<img src=x onerror=alert(1)>")).toEqual(["img", "src", "x", "onerror", "alert", "1"]);
  });
});

describe("entry number sets", () => {
  it("encode runs compactly and decode to the same numbers", () => {
    expect(encodeIds([0, 1, 2, 3, 4])).toEqual([0, 5]);
    expect(encodeIds([3, 7, 8, 20])).toEqual([3, 1, 3, 2, 11, 1]);
    const ids = Array.from({ length: 500 }, (_, i) => i * 7 + (i % 3)).filter((n, i, a) => a.indexOf(n) === i);
    expect(decodeIds(encodeIds(ids))).toEqual(ids);
    expect(decodeIds(encodeIds([]))).toEqual([]);
  });
});

describe("the sharded search index", () => {
  it("finds a name typed without its accents, in any case, from a prefix", async () => {
    const { index } = open(build(PEOPLE));
    expect(await names(index, "Finkhauser")).toEqual(["Greta Finkhäuser"]);
    expect(await names(index, "FINKHÄUSER")).toEqual(["Greta Finkhäuser"]);
    expect(await names(index, "finkh")).toEqual(["Greta Finkhäuser"]);
    expect(await names(index, "emile")).toEqual(["Émile Durand"]);
    expect(await names(index, "lukasiewicz")).toEqual(["Anna Łukasiewicz"]);
    expect(await names(index, "soren")).toEqual(["Søren Kierkegaard"]);
  });

  it("searches affiliations too, and needs every word of the query", async () => {
    const { index } = open(build(PEOPLE));
    expect(await names(index, "wien")).toEqual(["Greta Finkhäuser"]);
    expect(await names(index, "anna")).toEqual(["Anna Łukasiewicz", "Anna Fink"]);
    expect(await names(index, "anna fink")).toEqual(["Anna Fink"]);
    expect(await names(index, "fink")).toEqual(["Greta Finkhäuser", "Anna Fink"]);
    expect(await names(index, "anna wien")).toEqual([]);
    expect(await names(index, "strasse")).toEqual(["Anna Fink"]);
  });

  it("finds names in other scripts", async () => {
    const { index } = open(build(PEOPLE));
    expect(await names(index, "вольская")).toEqual(["Анастасия Вольская"]);
    expect(await names(index, "山田")).toEqual(["山田花子"]);
  });

  it("keeps hostile names as data, character for character", async () => {
    const files = build(PEOPLE);
    const { index } = open(files);
    const [hit] = await index.results((await index.search("onerror")).ids);
    expect(hit!.name).toBe("<img src=x onerror=alert(1)>");
    expect(hit!.role).toBe(`"Quotes" & <b>bold</b>`);
    for (const file of files) expect(() => JSON.parse(file.content), file.path).not.toThrow();
  });

  it("says when a query is too short or empty, rather than matching everything", async () => {
    const { index, read } = open(build(PEOPLE));
    expect(await index.search("a")).toMatchObject({ ids: [], tooShort: true });
    expect(await index.search("  ")).toMatchObject({ ids: [], empty: true });
    expect(read).toEqual([]);
  });

  it("links each result to the list page and entry that hold it", async () => {
    const { index } = open(build(PEOPLE));
    const results = await index.results((await index.search("anna")).ids);
    // pageSize 3: entry 3 (the fourth) is the first on page 2, entry 4 the second.
    expect(results.map((r) => [r.page, r.href])).toEqual([
      [2, "../signatories/2/#s4"],
      [2, "../signatories/2/#s5"],
    ]);
  });

  it("filters by facets, with or without words", async () => {
    const facets = {
      type: [{ value: "organization", label: "Organisations", count: 2, ids: [1, 4] }],
      group: [],
      country: [{ value: "AT", label: "Austria", count: 2, ids: [0, 4] }],
    };
    const { index } = open(build(PEOPLE, { facets }));
    expect(await names(index, "anna", { country: "AT" })).toEqual(["Anna Fink"]);
    expect(await names(index, "", { type: "organization" })).toEqual(["Émile Durand", "Anna Fink"]);
    expect(await names(index, "", { type: "organization", country: "AT" })).toEqual(["Anna Fink"]);
  });

  it("answers a name query by reading a few small files, not the list", async () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({ name: `Person${i} Surname${i % 97}`, role: `Org ${i % 13}` }));
    entries[4321] = { name: "Greta Finkhäuser", role: "Universität Wien" };
    const files = build(entries, { pageSize: 250 });
    const { index, read } = open(files);
    expect(await names(index, "finkhauser")).toEqual(["Greta Finkhäuser"]);
    expect(read).toHaveLength(3); // meta.json, one shard, one record file
    expect(read).toEqual(["meta.json", expect.stringMatching(/^shards\//), "records/43.json"]);
    const bytes = read.reduce((n, path) => n + files.find((f) => f.path === path)!.content.length, 0);
    const total = files.reduce((n, f) => n + f.content.length, 0);
    expect(bytes).toBeLessThan(total / 20);
  });

  it("splits large shards by longer prefixes and still finds every entry", async () => {
    const entries = Array.from({ length: 3000 }, (_, i) => ({ name: `Fi${(i * 7919).toString(36)} Fa${i % 50}`, role: i % 2 ? "Fiber Lab" : undefined }));
    const files = build(entries, { maxShardBytes: 2000 });
    const shards = files.filter((f) => f.path.startsWith("shards/"));
    expect(shards.length).toBeGreaterThan(20);
    const { index } = open(files);
    for (const i of [0, 1, 17, 1234, 2999]) {
      const ids = (await index.search(entries[i]!.name)).ids;
      expect(ids).toContain(i);
    }
    // A short query still reaches every shard its words can live in: compare with a plain scan.
    const scan = (query: string) => entries.flatMap((e, i) => (tokenize(`${e.name} ${e.role ?? ""}`).some((w) => w.startsWith(query)) ? [i] : []));
    expect((await index.search("fi")).ids).toEqual(scan("fi"));
    expect((await index.search("fiber")).ids).toEqual(scan("fiber"));
    expect(scan("fiber").length).toBeGreaterThan(1500); // every odd entry's role, and a name or two
  });

  it("writes the same bytes for the same entries", () => {
    expect(build(PEOPLE)).toEqual(build(PEOPLE.map((p) => ({ ...p }))));
  });
});

describe("shard names", () => {
  it("are the key's UTF-8 bytes in hex, safe in any URL", () => {
    expect(shardFile("fi")).toBe("6669.json");
    expect(shardFile("во")).toBe("d0b2d0be.json");
  });

  it("cover queries shorter and longer than the keys", () => {
    const keys = ["fa", "fi", "fin", "fink", "fio"];
    expect(shardsFor("f", keys).sort()).toEqual(keys);
    expect(shardsFor("fin", keys).sort()).toEqual(["fi", "fin", "fink"]);
    expect(shardsFor("finkh", keys)).toEqual(["fink"]);
    expect(shardsFor("zz", keys)).toEqual([]);
  });
});
