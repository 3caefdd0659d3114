import { describe, expect, it } from "vitest";
import { buildSearchIndex, type Facet, type IndexFile, type SearchEntry } from "../src/view/search-index.ts";
import { SearchIndex } from "../src/common/search-query.ts";
import { MAX_TERM, decodeIds, encodeIds, indexTerms, normalise, queryTerms, shardFile, shardKey, shardsFor } from "../src/common/search-text.ts";
import { worldNames } from "./helpers/world-names.ts";

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

  it("splits on anything but letters, marks and digits, once per word", () => {
    expect(indexTerms("O'Brien, Anna-Maria (anna) 2nd")).toEqual(["o", "brien", "anna", "maria", "2nd"]);
    expect(indexTerms("<img src=x onerror=alert(1)>")).toEqual(["img", "src", "x", "onerror", "alert", "1"]);
    expect(queryTerms("O'Brien")).toEqual([[["o"]], [["brien"]]]);
  });

  it("strips the marks readers leave out, in Latin, Greek, Arabic and Hebrew, and the tatweel", () => {
    expect(normalise("Nguyễn Ştefănescu Þórsdóttir")).toBe("nguyen stefanescu thorsdottir");
    expect(normalise("Ὀδυσσεύς")).toBe("οδυσσευσ"); // final sigma folds to sigma
    expect(normalise("مُحَمَّد")).toBe(normalise("محمد"));
    expect(normalise("محـــمد")).toBe(normalise("محمد"));
    expect(normalise("أحمد إبراهيم آمنة")).toBe("احمد ابراهيم امنه"); // hamza and madda, teh marbuta
    expect(normalise("علی")).toBe(normalise("علي")); // Persian and Arabic yeh
    expect(normalise("מִרְיָם שָׁלוֹם")).toBe("מרים שלום");
  });

  it("keeps the marks that are letters of their script, and whole Hangul syllables", () => {
    expect(normalise("สมศักดิ์")).toBe("สมศักดิ์".normalize("NFKD").normalize("NFC"));
    expect(normalise("प्रिया")).toBe("प्रिया");
    expect(normalise("ガッコウ")).toBe("ガッコウ"); // the voicing mark is kept
    expect(normalise("ｶﾞｯｺｳ")).toBe("ガッコウ"); // half-width kana, composed again
    expect(normalise("김민준")).toBe("김민준");
  });

  it("drops invisible format characters, so a bidi control or soft hyphen does not split a word", () => {
    expect(indexTerms("Fink\u00adh\u00e4user \u202eAnna\u202c Zoë\u200dy")).toEqual(["finkhauser", "anna", "zoey"]);
    expect(indexTerms("Anna\u200bMaria")).toEqual(["anna", "maria"]); // a zero-width space is a space
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
    const scan = (query: string) => entries.flatMap((e, i) => (indexTerms(`${e.name} ${e.role ?? ""}`).some((w) => w.startsWith(query)) ? [i] : []));
    expect((await index.search("fi")).ids).toEqual(scan("fi"));
    expect((await index.search("fiber")).ids).toEqual(scan("fiber"));
    expect(scan("fiber").length).toBeGreaterThan(1500); // every odd entry's role, and a name or two
  });

  it("writes the same bytes for the same entries", () => {
    expect(build(PEOPLE)).toEqual(build(PEOPLE.map((p) => ({ ...p }))));
  });
});

const WORLD: SearchEntry[] = [
  { name: "山田太郎", role: "東京大学" },
  { name: "山田花子" },
  { name: "佐藤 太郎", role: "教授、京都大学" },
  { name: "田中みどり" },
  { name: "ジョン・スミス" },
  { name: "김민준", role: "서울대학교" },
  { name: "สมชาย ใจดี", role: "มหาวิทยาลัยเชียงใหม่" },
  { name: "สุดา ศรีสุวรรณ", role: "มหาวิทยาลัยเชียงราย" },
  { name: "مُحَمَّد الأحمد", role: "جامعة القاهرة" },
  { name: "مَرْيَم حدّاد" },
  { name: "محمود العلي" },
  { name: "فاطمة الزهراء" },
  { name: "מִרְיָם כהן" },
  { name: "דוד שָׁלוֹם" },
  { name: "Nguyễn Thị Hà" },
];

describe("search in every script", () => {
  const { index } = open(build(WORLD));
  const find = (query: string) => names(index, query);

  it("finds a CJK name by any part of it, not only its start", async () => {
    expect(await find("太郎")).toEqual(["山田太郎", "佐藤 太郎"]);
    expect(await find("田太")).toEqual(["山田太郎"]);
    expect(await find("山田")).toEqual(["山田太郎", "山田花子"]);
    expect(await find("花子")).toEqual(["山田花子"]);
    expect(await find("山田太郎")).toEqual(["山田太郎"]);
    expect(await find("田花太")).toEqual([]); // characters of both names, in no name in this order
    expect(await find("京都")).toEqual(["佐藤 太郎"]); // the affiliation, after the "、"
    expect(await find("大学")).toEqual(["山田太郎", "佐藤 太郎"]);
  });

  it("finds a CJK name written with a space by the name typed without it, and the other way round", async () => {
    expect(await find("佐藤太郎")).toEqual(["佐藤 太郎"]);
    expect(await find("藤太")).toEqual(["佐藤 太郎"]);
    expect(await find("山田 太郎")).toEqual(["山田太郎"]);
    expect(await find("太郎 山田")).toEqual(["山田太郎"]); // words in any order, as in Latin
    expect(await find("ジョンスミス")).toEqual(["ジョン・スミス"]);
    expect(await find("スミス")).toEqual(["ジョン・スミス"]);
  });

  it("finds Japanese names mixing kanji and kana, and half-width kana", async () => {
    expect(await find("みどり")).toEqual(["田中みどり"]);
    expect(await find("中み")).toEqual(["田中みどり"]);
    expect(await find("ｽﾐｽ")).toEqual(["ジョン・スミス"]);
    expect(await find("みとり")).toEqual([]); // a voiced kana is another letter, not an accent
  });

  it("finds a Korean name by its given name", async () => {
    expect(await find("민준")).toEqual(["김민준"]);
    expect(await find("대학")).toEqual(["김민준"]);
    expect(await find("민수")).toEqual([]);
  });

  it("finds Thai words that no space separates, whole or while they are typed", async () => {
    expect(await find("เชียงใหม่")).toEqual(["สมชาย ใจดี"]);
    expect(await find("เชียง")).toEqual(["สมชาย ใจดี", "สุดา ศรีสุวรรณ"]);
    expect(await find("มหาวิทยา")).toEqual(["สมชาย ใจดี", "สุดา ศรีสุวรรณ"]); // segments as "มหา|วิทยา"
    expect(await find("มหาวิทยาลัยเชียงใหม่")).toEqual(["สมชาย ใจดี"]);
    expect(await find("สุวรรณ")).toEqual(["สุดา ศรีสุวรรณ"]);
    expect(await find("สุวรร")).toEqual(["สุดา ศรีสุวรรณ"]); // segments as "สุว|รร"
    expect(await find("สมชายใจดี")).toEqual(["สมชาย ใจดี"]); // typed without the list's space
    expect(await find("ใจดีสมชาย")).toEqual(["สมชาย ใจดี"]); // segmented: both words, in any order
    expect(await find("เชียงราย")).toEqual(["สุดา ศรีสุวรรณ"]);
    expect(await find("ใหม่")).toEqual([]); // not a word start: "เชียงใหม่" is one word
  });

  it("finds Arabic and Hebrew names typed without vowel marks, with or without the article", async () => {
    expect(await find("محمد")).toEqual(["مُحَمَّد الأحمد"]);
    expect(await find("مريم")).toEqual(["مَرْيَم حدّاد"]);
    expect(await find("حداد")).toEqual(["مَرْيَم حدّاد"]);
    expect(await find("احمد")).toEqual(["مُحَمَّد الأحمد"]);
    expect(await find("الأحمد")).toEqual(["مُحَمَّد الأحمد"]);
    expect(await find("فاطمه")).toEqual(["فاطمة الزهراء"]);
    expect(await find("القاهرة")).toEqual(["مُحَمَّد الأحمد"]);
    expect(await find("علي")).toEqual(["محمود العلي"]);
    expect(await find("محمو")).toEqual(["محمود العلي"]);
    expect(await find("محمدي")).toEqual([]);
    expect(await find("מרים")).toEqual(["מִרְיָם כהן"]);
    expect(await find("שלום")).toEqual(["דוד שָׁלוֹם"]);
    expect(await find("כהן דוד")).toEqual([]);
  });

  it("folds Latin diacritics in names from anywhere", async () => {
    expect(await find("nguyen thi ha")).toEqual(["Nguyễn Thị Hà"]);
  });

  it("agrees with a plain scan of the list for every part of every CJK name of a 7,000-name list", async () => {
    const entries = worldNames(7000);
    const { index: world } = open(build(entries, { pageSize: 250 }));
    // Without the separators a CJK name may have inside it, any run of characters of a name or role.
    const flat = (text: string) => normalise(text).replace(/[\s\u00b7\u30fb\uff65]/gu, "");
    const cjk = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]+$/u;
    const queries = new Set<string>();
    entries.forEach((e, i) => {
      if (i % 7) return;
      const chars = [...flat(e.name)];
      for (let a = 0; a < chars.length; a++) {
        for (let b = a + 1; b <= chars.length; b++) if (cjk.test(chars.slice(a, b).join(""))) queries.add(chars.slice(a, b).join(""));
      }
    });
    expect(queries.size).toBeGreaterThan(300);
    const texts = entries.map((e) => [flat(e.name), flat(e.role ?? "")]);
    for (const query of queries) {
      const scan = texts.flatMap(([name, role], i) => (name!.includes(query) || role!.includes(query) ? [i] : []));
      expect((await world.search(query)).ids, query).toEqual(scan);
    }
  });

  it("keeps the index of 7,000 names in many scripts smaller than the names it indexes", () => {
    const files = build(worldNames(7000), { pageSize: 250 });
    const bytes = (prefix: string) => files.filter((f) => f.path.startsWith(prefix)).reduce((n, f) => n + Buffer.byteLength(f.content), 0);
    expect(bytes("shards/")).toBeLessThan(bytes("records/"));
    expect(bytes("meta.json")).toBeLessThan(6000); // read before every first query
    expect(files.filter((f) => f.path.startsWith("shards/")).length).toBeLessThan(600);
  });

  it("bounds the terms of a long CJK run, and still finds it by a long query", async () => {
    const long = "情報通信研究機構サイバーセキュリティ研究所国際連携推進室長補佐";
    const terms = indexTerms(long);
    expect(terms).toHaveLength([...long].length);
    expect(Math.max(...terms.map((t) => [...t].length))).toBe(MAX_TERM);
    const { index: one } = open(build([{ name: long }, { name: "情報通信" }]));
    expect((await one.search(long)).ids).toEqual([0]);
    expect((await one.search("セキュリティ研究所")).ids).toEqual([0]);
  });

  it("keys CJK shards by one character, other scripts by two", () => {
    expect(shardKey("太郎")).toBe("太");
    expect(shardKey("민준")).toBe("민");
    expect(shardKey("เชียงใหม่")).toBe("เช");
    expect(shardKey("finkhauser")).toBe("fi");
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
