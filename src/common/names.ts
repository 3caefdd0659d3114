// Stage common/: code Node and the browser share, with no Node built-ins. Takes plain strings; gives
// names, slugs, safe URLs, search text and the sign form's fields.
//
// Names as compared, never as printed: the loader's duplicate check, release keys, `check`'s near-duplicates,
// `npm run sign` and the pull-request summary all ask "is this the same signatory?", and must all answer
// alike. When they disagreed, one tool called two entries the same person while another called them two.

/** What the loader treats as the same text: zero-width and soft-hyphen characters, invisible on the page, hide duplicates. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/**
 * Characters that show nothing by themselves: format characters (Cf: zero-width and bidi marks, U+061C,
 * tag characters), the default-ignorable code points of Unicode (soft hyphen, variation selectors, the
 * Hangul fillers U+115F, U+1160, U+3164, U+FFA0), controls other than white space, and the blank Braille
 * pattern U+2800, a symbol that prints as a space. A regular-expression class body, for building patterns.
 * https://www.unicode.org/reports/tr44/#Default_Ignorable_Code_Point
 */
export const INVISIBLE_CHARACTER = "\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\p{Cf}\\p{Default_Ignorable_Code_Point}\\u2800";
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
  const text = (value ?? "").normalize(loose ? "NFKD" : "NFKC").replace(INVISIBLE, "");
  if (!loose) return text.toLowerCase().replace(/\s+/g, " ").trim();
  return text
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[\p{P}\p{S}\s]+/gu, " ")
    .trim();
}

/** A signatory's identity among others: name and affiliation, each normalised. */
export function nameKey(entry: { name?: string; affiliation?: string }): string {
  return `${normaliseName(entry.name)}\u0000${normaliseName(entry.affiliation)}`;
}
