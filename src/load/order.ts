// The order of a letter's list: groups in the order they first appear, featured signatories first in
// their group, then as listed (file-name order) or alphabetically. Alphabetical is by family name for
// people: `sort_as:` when given ("Vries, de"), else the last word of the name ("Zola, Émile"); an
// organisation by its full name. It is the collation of the page's language (Intl.Collator): Swedish
// puts "Ångström" after "Zola", German among the A's; Chinese sorts by pinyin. The PDF of a language
// prints the order of its page (describe/letter-document.ts asks here for every language).
import type { Signatory, SignatoryDisplay } from "../model/types.ts";

/** Generational suffixes that follow a family name ("Martin Luther King Jr."): never the family name. */
const SUFFIX = /^(jr|sr|junior|senior|ii|iii|iv)\.?,?$/i;

/**
 * A person's name with the family name first, as an alphabetical list sorts it: "Ana de Vries" gives
 * "Vries, Ana de", "Martin Luther King Jr." gives "King, Martin Luther Jr.". A name of one word (or one
 * written without spaces, as Chinese and Japanese names are, family name first) is its own key.
 */
export function familyNameFirst(name: string): string {
  const words = name.trim().split(/\s+/);
  let last = words.length - 1;
  while (last > 0 && SUFFIX.test(words[last]!)) last--;
  if (last === 0) return name.trim();
  const family = words[last]!.replace(/[,;]+$/, "");
  return `${family}, ${[...words.slice(0, last), ...words.slice(last + 1)].join(" ")}`;
}

/** What an alphabetical list compares a signatory by. A signatory without a type counts as a person, as everywhere else. */
export function sortKey(s: Pick<Signatory, "name" | "type" | "sort_as">): string {
  if (s.sort_as !== undefined) return s.sort_as;
  return s.type === "organization" ? s.name.trim() : familyNameFirst(s.name);
}

/** Display order: groups in order of first appearance; in each, featured first, then as listed or alphabetically. */
export function orderSignatories(signatories: readonly Signatory[], display: Pick<SignatoryDisplay, "order">, lang: string): Signatory[] {
  const groups = new Map<string, Signatory[]>();
  for (const s of signatories) {
    const key = s.group ?? "";
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const sort = display.order === "alphabetical" ? alphabetically(lang) : (list: Signatory[]) => list;
  return [...groups.values()].flatMap((list) => {
    // A letter without featured signatories keeps its order exactly (released lists were made so).
    const featured = list.filter((s) => s.featured);
    return featured.length ? [...sort(featured), ...sort(list.filter((s) => !s.featured))] : sort(list);
  });
}

/**
 * Sorts by sort key in `lang`'s collation, case and accents aside where the language says so ("Émile"
 * with "Emile"), numbers by value; the whole name, then the order listed, break ties. Each key is made
 * once, not once per comparison: 100,000 names make 1.7 million comparisons.
 */
function alphabetically(lang: string): (list: Signatory[]) => Signatory[] {
  const collator = new Intl.Collator(lang, { sensitivity: "base", numeric: true });
  return (list) =>
    list
      .map((s) => ({ s, key: sortKey(s) }))
      .sort((a, b) => collator.compare(a.key, b.key) || collator.compare(a.s.name, b.s.name))
      .map(({ s }) => s);
}

/** Orders already made, by list and language: a letter's pages and PDFs in one language share one. */
const made = new WeakMap<readonly Signatory[], Map<string, Signatory[]>>();

/**
 * `letter.signatories` (already in the order of the letter's language) in the order of `lang`: the same
 * list when nothing depends on the language (as-listed, or the same language), else sorted once per
 * language and remembered.
 */
export function orderIn(signatories: readonly Signatory[], display: Pick<SignatoryDisplay, "order">, letterLang: string, lang: string): readonly Signatory[] {
  if (display.order !== "alphabetical" || lang === letterLang) return signatories;
  let byLang = made.get(signatories);
  if (!byLang) made.set(signatories, (byLang = new Map()));
  let ordered = byLang.get(lang);
  if (!ordered) byLang.set(lang, (ordered = orderSignatories(signatories, display, lang)));
  return ordered;
}
