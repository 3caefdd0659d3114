// The order of a signatory list: featured signatories first in their group; alphabetical lists by family
// name (sort_as: overrides), in the collation of each page's language.
import { describe, expect, it } from "vitest";
import { describeLetter } from "../src/describe/letter-document.ts";
import { familyNameFirst, orderIn, orderSignatories, sortKey } from "../src/load/order.ts";
import type { LetterText, Signatory } from "../src/model/types.ts";
import { letter, page, signatory, siteConfig } from "./helpers/model.ts";

const PEOPLE: Signatory[] = [
  signatory({ name: "Émile Zola", type: "individual" }),
  signatory({ name: "Anders Ångström", type: "individual" }),
  signatory({ name: "Ana de Vries", type: "individual" }),
  signatory({ name: "Vincent van Gogh", type: "individual" }),
  signatory({ name: "Hans Christian Ørsted", type: "individual" }),
  signatory({ name: "Niels Bohr" }), // no type: a person, as everywhere else
  signatory({ name: "Zeta Foundation", type: "organization" }),
  signatory({ name: "Yamada Taro", type: "individual", sort_as: "Yamada Taro" }),
  signatory({ name: "Martin Luther King Jr.", type: "individual" }),
];
const alphabetical = { order: "alphabetical" } as const;
const names = (list: readonly Signatory[]) => list.map((s) => s.name);

describe("the sort key of an alphabetical list", () => {
  it("puts a person's last word first, skips a generational suffix, and keeps one-word and unspaced names whole", () => {
    expect(familyNameFirst("Ana de Vries")).toBe("Vries, Ana de");
    expect(familyNameFirst("Émile Zola")).toBe("Zola, Émile");
    expect(familyNameFirst("Martin Luther King Jr.")).toBe("King, Martin Luther Jr.");
    expect(familyNameFirst("  Ørsted ")).toBe("Ørsted");
    expect(familyNameFirst("王小明")).toBe("王小明");
  });

  it("is sort_as: when given, and an organisation's full name", () => {
    expect(sortKey({ name: "Ana de Vries", sort_as: "Vries, de" })).toBe("Vries, de");
    expect(sortKey({ name: "Access Now", type: "organization" })).toBe("Access Now");
    expect(sortKey({ name: "Access Now" })).toBe("Now, Access");
  });
});

describe("an alphabetical list", () => {
  it("sorts people by family name and organisations by name, in English collation (Å with A, Ø with O)", () => {
    expect(names(orderSignatories(PEOPLE, alphabetical, "en"))).toEqual([
      "Anders Ångström", "Niels Bohr", "Vincent van Gogh", "Martin Luther King Jr.", "Hans Christian Ørsted", "Ana de Vries", "Yamada Taro", "Zeta Foundation", "Émile Zola",
    ]);
  });

  it("follows the language: Swedish puts Å (then Ö, and Ø with it) after Z, Danish Ø then Å, German keeps them among A and O", () => {
    const order = (lang: string) => names(orderSignatories(PEOPLE, alphabetical, lang));
    expect(order("sv").slice(-3)).toEqual(["Émile Zola", "Anders Ångström", "Hans Christian Ørsted"]);
    expect(order("da").slice(-2)).toEqual(["Hans Christian Ørsted", "Anders Ångström"]);
    expect(order("de")).toEqual(order("en"));
    expect(order("de")[0]).toBe("Anders Ångström");
  });

  it("sorts Chinese names, written family name first, by pinyin in Chinese", () => {
    const chinese = ["王小明", "李华", "张伟", "陈静"].map((name) => signatory({ name, type: "individual" }));
    expect(names(orderSignatories(chinese, alphabetical, "zh"))).toEqual(["陈静", "李华", "王小明", "张伟"]); // Chen, Li, Wang, Zhang
  });

  it("breaks ties by the whole name and then by the order listed, and compares numbers by value", () => {
    const list = [signatory({ name: "Bob Smith" }), signatory({ name: "Anna Smith" }), signatory({ name: "Lab 10", type: "organization" }), signatory({ name: "Lab 9", type: "organization" })];
    expect(names(orderSignatories(list, alphabetical, "en"))).toEqual(["Lab 9", "Lab 10", "Anna Smith", "Bob Smith"]);
  });
});

describe("featured signatories", () => {
  const list = [
    signatory({ name: "Carla Ames", group: "Academics" }),
    signatory({ name: "Bea Zorn", group: "Academics", featured: true }),
    signatory({ name: "Org One", type: "organization", group: "Organisations" }),
    signatory({ name: "Dan Young", group: "Academics" }),
    signatory({ name: "Al Xu", group: "Academics", featured: true }),
  ];

  it("come first in their group, groups keeping their order; as listed among themselves, or alphabetically", () => {
    expect(names(orderSignatories(list, { order: "as-listed" }, "en"))).toEqual(["Bea Zorn", "Al Xu", "Carla Ames", "Dan Young", "Org One"]);
    expect(names(orderSignatories(list, alphabetical, "en"))).toEqual(["Al Xu", "Bea Zorn", "Carla Ames", "Dan Young", "Org One"]);
  });

  it("leave a list without any exactly as it was", () => {
    const plain = list.map(({ featured, group, ...s }) => (void featured, void group, s));
    expect(orderSignatories(plain, { order: "as-listed" }, "en")).toEqual(plain);
  });

  it("are labelled on the page in its language, the others not", () => {
    const shown = page({ signatories: orderSignatories(list, { order: "as-listed" }, "en") }).signatories.groups;
    expect(shown.map((g) => g.signatories.map((s) => [s.name, s.featured?.text]))).toEqual([
      [["Bea Zorn", "Featured"], ["Al Xu", "Featured"], ["Carla Ames", undefined], ["Dan Young", undefined]],
      [["Org One", undefined]],
    ]);
    const fr = page({ lang: "fr", signatories: orderSignatories(list, { order: "as-listed" }, "fr") }).signatories.groups;
    expect(fr[0]!.signatories[0]!.featured?.text).toBe("En vedette");
  });
});

describe("each language's page", () => {
  const translation = (lang: string): LetterText => ({ file: `letters/a-letter/letter.${lang}.md`, title: lang, date: "2024-01-02", lang, to: [], body: "Text.\n", bodyLine: 5 });
  const l = letter({ lang: "en", display: { heading: "Signatories", order: "alphabetical" }, translations: [translation("sv"), translation("de")] });
  l.signatories = orderSignatories(PEOPLE, l.display, l.lang);

  it("lists an alphabetical list in its own collation, and the PDF made from it in the same order", () => {
    const docs = describeLetter(l, siteConfig(), { preview: true }).current;
    const order = (lang: string) => docs.find((d) => d.lang === lang)!.signatories.groups.flatMap((g) => g.signatories.map((s) => s.name));
    expect(order("en")).toEqual(names(l.signatories));
    expect(order("sv")).toEqual(names(orderSignatories(PEOPLE, alphabetical, "sv")));
    expect(order("sv").slice(-2)).toEqual(["Anders Ångström", "Hans Christian Ørsted"]);
    expect(order("de")[0]).toBe("Anders Ångström");
    // The data files list the same order as the page.
    expect(docs.find((d) => d.lang === "sv")!.signatories.list.map((s) => s.name)).toEqual(order("sv"));
  });

  it("sorts once per language, and not at all for an as-listed letter or the letter's own language", () => {
    expect(orderIn(l.signatories, l.display, "en", "sv")).toBe(orderIn(l.signatories, l.display, "en", "sv"));
    expect(orderIn(l.signatories, l.display, "en", "en")).toBe(l.signatories);
    expect(orderIn(l.signatories, { order: "as-listed" }, "en", "sv")).toBe(l.signatories);
  });

  it("sorts 100,000 names in linear-logarithmic time, each key made once", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => signatory({ name: `Person ${(i * 7919) % 100_000} Example${i % 97}`, type: "individual" }));
    const start = performance.now();
    const sorted = orderSignatories(many, alphabetical, "en");
    const ms = performance.now() - start;
    expect(sorted).toHaveLength(100_000);
    expect(sortKey(sorted[0]!) <= sortKey(sorted[1]!)).toBe(true);
    // About 400 ms on one core; the bound leaves room for a busy machine, and catches a quadratic sort.
    expect(ms).toBeLessThan(6000);
  });
});
