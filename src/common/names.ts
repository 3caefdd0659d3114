// Names as compared, never as printed: the loader's duplicate check, release keys, `check`'s near-duplicates,
// `npm run sign` and the pull-request summary all ask "is this the same signatory?", and must all answer
// alike. When they disagreed, one tool called two entries the same person while another called them two.
import { CASE_SENSITIVE_PROTOTYPE, latinLookAlike, scriptsOf, skeleton, skeletonOfWords } from "./confusables.ts";

/**
 * Characters that show nothing by themselves: format characters (Cf: zero-width and bidi marks, U+061C,
 * tag characters), the default-ignorable code points of Unicode (soft hyphen, variation selectors, the
 * Hangul fillers U+115F, U+1160, U+3164, U+FFA0), controls other than white space, and the blank Braille
 * pattern U+2800, a symbol that prints as a space. A regular-expression class body, for building patterns.
 * https://www.unicode.org/reports/tr44/#Default_Ignorable_Code_Point
 */
export const INVISIBLE_CHARACTER = "\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\p{Cf}\\p{Default_Ignorable_Code_Point}\\u2800";
/**
 * What comparisons look through. Stored names keep these characters (ZWJ and ZWNJ are part of Persian
 * and Indic spellings); two names differing only by them are the same name.
 */
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARACTER}]`, "gu");
const BLANK = new RegExp(`^[\\s${INVISIBLE_CHARACTER}\\p{M}]*$`, "u");

/**
 * Whether a value prints as nothing: only spaces, invisible characters and marks with no letter to sit
 * on ("\u3164", "\u2800", a zero-width space). Such a name would be a blank line on the page.
 */
export function isBlank(value: string): boolean {
  return BLANK.test(value);
}

export interface NameComparison {
  /**
   * Also ignore accents (NFKD, combining marks dropped), `ß` against `ss`, punctuation and symbols: for
   * warnings that a name *looks like* another ("Émile Durand", "Emile DURAND"), never for errors.
   */
  loose?: boolean;
}

/**
 * The key a name (or affiliation) is compared by: Unicode-normalised (NFKC), without invisible
 * characters, case-folded, single-spaced and trimmed. Anything equal this way is equal loosely too.
 */
export function normaliseName(value: string | undefined, { loose = false }: NameComparison = {}): string {
  const text = comparable(value, loose);
  if (!loose) return text.toLowerCase();
  return text.toLowerCase().replace(/ß/g, "ss");
}

/** Printable ASCII: Unicode normalisation leaves it as it is and it holds nothing invisible. */
const PLAIN = /^[\u0020-\u007e]*$/;

/** The text compared, before case folding. */
function comparable(value: string | undefined, loose: boolean): string {
  // Most names are plain ASCII: spared normalising, which costs more than the rest for 100,000 names.
  if (!loose && PLAIN.test(value ?? "")) return (value ?? "").replace(/\s+/g, " ").trim();
  const text = (value ?? "").normalize(loose ? "NFKD" : "NFKC").replace(INVISIBLE, "");
  if (!loose) return text.replace(/\s+/g, " ").trim();
  return text.replace(/\p{M}/gu, "").replace(/[\p{P}\p{S}\s]+/gu, " ").trim();
}

/** A signatory's identity among others: name and affiliation, each normalised. */
export function nameKey(entry: { name?: string; affiliation?: string }): string {
  return `${normaliseName(entry.name)}\u0000${normaliseName(entry.affiliation)}`;
}

/**
 * The name as release keys were made before ids (zero-width characters and soft hyphens dropped, NFKC,
 * case-folded, single-spaced): frozen, since the records written then hold keys derived from it.
 */
export function legacyKeyName(value: string): string {
  return value.normalize("NFKC").replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
}

// ---- Look-alikes ----
// Names that look the same on the page, whatever their code points: compared on the UTS #39 skeleton
// (confusables.ts) of the compared text. Case counts as the same too, so the skeleton is taken of the
// case-folded text and, for capitals that pass for other letters (I for l), before folding as well.

/** The keys a text is looked up by for look-alikes: equal keys look the same. */
function lookAlikeKeys(text: string, lower = text.toLowerCase()): string[] {
  let folded = skeletonOfWords(lower);
  // Some prototypes are capitals ("0" is "O"): fold again, so "D0e" and "Doe" meet.
  if (folded !== folded.toLowerCase()) folded = skeletonOfWords(folded.toLowerCase());
  // Only a few capitals have a prototype their lower case has not ("I", whose prototype is "l").
  if (!CASE_SENSITIVE_PROTOTYPE.test(text)) return [folded];
  const capitals = skeletonOfWords(skeleton(text).toLowerCase());
  return folded === capitals ? [folded] : [folded, capitals];
}

/** How an entry repeats an earlier one. */
export type Repetition =
  /** The same name and affiliation, however spaced or capitalised. */
  | "same"
  /** The same but for characters that show nothing (U+200E, U+061C, tag characters...). */
  | "invisible"
  /** Looks the same, in letters of another script or mixed scripts (a Cyrillic "а" for a Latin "a"). */
  | "other-script";

/**
 * Signatories seen so far, in the loader's order, answering which earlier entry a new one repeats. The
 * loader reports each as a duplicate error and `check` leaves it out of its warnings, so both ask here.
 *
 * A look-alike in another script is found by writing the letters of other scripts that pass for Latin
 * ones (a Cyrillic "а", a Greek "ο", a Cherokee "Ꭺ": the confusables whose prototype is Latin) as those
 * Latin letters, and looking that up among the others, in both directions. Only a name holding such a
 * letter costs more than its identity key, so a list of Latin names costs nothing more. Look-alikes
 * within one script ("Amie" and "Arnie", "D0e" and "Doe") can be different people, so they are not
 * repetitions: `check` warns about them on the whole skeleton (nearLookAlikeKeys), and about a pair
 * that differs in both ways, and a reviewer decides.
 */
export class SignatoryIndex<T extends { name: string; affiliation?: string }> {
  private readonly exact = new Map<string, T>();
  /** Entries holding letters that pass for Latin ones, by their identity key with those letters made Latin. */
  private readonly latin = new Map<string, T>();
  /** Affiliations repeat (a few hundred for 100,000 names): their text is computed once. */
  private readonly affiliations = new Map<string, { text: string; latin: string | undefined }>();

  /** The earlier entry `entry` repeats and how, or undefined (then `entry` is added). */
  repeats(entry: T): { first: T; how: Repetition } | undefined {
    // nameKey, written out: the same normalised text gives the look-alike key.
    const written = comparable(entry.name, false);
    const name = written.toLowerCase();
    const affiliation = this.affiliation(entry);
    const key = `${name}\u0000${affiliation.text}`;
    const first = this.exact.get(key);
    if (first) return { first, how: invisiblyDifferent(first, entry) ? "invisible" : "same" };
    const nameLatin = latinLookAlike(written);
    const latinKey = nameLatin === undefined && affiliation.latin === undefined ? undefined : `${nameLatin ?? name}\u0000${affiliation.latin ?? affiliation.text}`;
    let alike = this.latin.size ? this.latin.get(key) : undefined;
    if (!alike && latinKey !== undefined) alike = this.exact.get(latinKey) ?? this.latin.get(latinKey);
    if (alike && (otherScript(alike.name, entry.name) || otherScript(alike.affiliation ?? "", entry.affiliation ?? ""))) {
      return { first: alike, how: "other-script" };
    }
    this.exact.set(key, entry);
    if (latinKey !== undefined && !this.latin.has(latinKey)) this.latin.set(latinKey, entry);
    return undefined;
  }

  private affiliation(entry: T): { text: string; latin: string | undefined } {
    let found = this.affiliations.get(entry.affiliation ?? "");
    if (!found) {
      const written = comparable(entry.affiliation, false);
      this.affiliations.set(entry.affiliation ?? "", (found = { text: written.toLowerCase(), latin: latinLookAlike(written) }));
    }
    return found;
  }
}

/** Whether two entries with the same identity differ in characters that show nothing. */
function invisiblyDifferent(a: { name: string; affiliation?: string }, b: { name: string; affiliation?: string }): boolean {
  const shown = (v: string | undefined) => (v ?? "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return shown(a.name) !== shown(b.name) || shown(a.affiliation) !== shown(b.affiliation);
}

/** Two texts that look alike, where one mixes scripts or the two are in different scripts. */
function otherScript(a: string, b: string): boolean {
  if (normaliseName(a) === normaliseName(b)) return false;
  const [x, y] = [scriptsOf(comparable(a, false)), scriptsOf(comparable(b, false))];
  return x.size > 1 || y.size > 1 || [...x].some((s) => !y.has(s)) || [...y].some((s) => !x.has(s));
}

/** The scripts a name mixes, e.g. "Latin and Cyrillic", for messages; empty when it is in one. */
export function mixedScripts(value: string): string {
  const scripts = [...scriptsOf(comparable(value, false))];
  return scripts.length > 1 ? `${scripts.slice(0, -1).join(", ")} and ${scripts.at(-1)}` : "";
}

/** The characters of `value` that show nothing, as code points (`U+200E`), for messages. */
export function invisibleCharacters(value: string): string[] {
  return [...new Set([...value.matchAll(INVISIBLE)].map((m) => `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`))];
}

/**
 * The keys of `check`'s near-duplicate warning: names that read alike loosely (accents, case and
 * punctuation aside) or look alike (the skeleton of that), whatever the script.
 */
export function nearLookAlikeKeys(name: string): string[] {
  return lookAlikeKeys(comparable(name, true).replace(/ß/g, "ss").replace(/ẞ/g, "SS"));
}
