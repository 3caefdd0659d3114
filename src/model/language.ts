// Language tags as every output takes them. The web page takes any BCP 47 tag, but the PDF typesetter
// does not: Typst's `lang` is an ISO 639 code of two or three letters (its `region` an ISO 3166 code),
// and it fails on anything else ("expected two or three letter language code (ISO 639-1/2/3)", see
// Lang::from_str in typst-library's text/lang.rs). BCP 47 also allows primary subtags of five to eight
// letters, so `lang: Spanish` is a well-formed tag that no PDF can be made of: it is refused here, where
// the loader can say where it is written and what to write instead.

/** A well-formed BCP 47 tag, such as en, fr or pt-BR. */
export function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** The primary language subtag, lower case ("sr" for sr-Latn-RS), or undefined for a malformed tag. */
export function primaryLanguage(tag: string): string | undefined {
  try {
    // V8 gives no language for "und" (undetermined), which Typst takes as it is.
    return (new Intl.Locale(tag).language ?? "und").toLowerCase();
  } catch {
    return undefined;
  }
}

/** A tag whose language the typesetter takes: two or three letters (ISO 639-1, -2 or -3). */
export function isTypesetLanguage(tag: string): boolean {
  return /^[a-z]{2,3}$/.test(primaryLanguage(tag) ?? "");
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();

type Named = { code: string; name: string };
const LETTERS = [..."abcdefghijklmnopqrstuvwxyz"];
const TWO_LETTER = LETTERS.flatMap((a) => LETTERS.map((b) => a + b));
/** Language names → codes, two-letter codes first (es, not spa), each built on the first miss of the one before. */
const tables: Array<Map<string, Named>> = [];

/**
 * The code of a language written by its name, in English or (for two-letter codes) in itself: "Spanish"
 * and "español" → es, "Deutsch" → de, "Cantonese" → yue. Intl has no list of languages, so every code is
 * asked for its name, on the first mistake only: two-letter codes take ~30 ms, three-letter ones ~350 ms.
 */
export function languageCodeFor(name: string): Named | undefined {
  const key = fold(name);
  for (let i = 0; i < 2; i++) {
    tables[i] ??= nameTable(i === 0 ? TWO_LETTER : TWO_LETTER.flatMap((ab) => LETTERS.map((c) => ab + c)), i === 0);
    const found = tables[i]!.get(key);
    if (found) return found;
  }
  return undefined;
}

function nameTable(codes: string[], withNative: boolean): Map<string, Named> {
  const table = new Map<string, Named>();
  const english = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
  for (const code of codes) {
    const own = english.of(code);
    // Unknown codes have no name; names of variants ("Spanish (Spain)") are not what anyone types.
    if (!own || own.toLowerCase() === code || own.includes("(")) continue;
    const entry = { code, name: own };
    if (!table.has(fold(own))) table.set(fold(own), entry);
    const native = withNative ? nativeName(code) : undefined;
    if (native && !table.has(fold(native))) table.set(fold(native), entry);
  }
  return table;
}

function nativeName(code: string): string | undefined {
  try {
    return new Intl.DisplayNames([code], { type: "language", fallback: "none" }).of(code);
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with `value` as a letter's language, and what to write instead; undefined when the web
 * page and the PDF both take it.
 */
export function languageTagProblem(value: string): { message: string; hint: string } | undefined {
  const example = "Write a two- or three-letter ISO 639 code, optionally with a region: en, fr, pt-BR.";
  if (!isLanguageTag(value)) {
    const hyphenated = value.replace(/_/g, "-");
    if (hyphenated !== value && isLanguageTag(hyphenated) && isTypesetLanguage(hyphenated)) {
      return { message: "is not a BCP 47 language tag: its parts are joined by hyphens", hint: `Write ${Intl.getCanonicalLocales(hyphenated)[0]}.` };
    }
    const known = languageCodeFor(value);
    if (known) return { message: "is a language's name, not its code", hint: `Write ${known.code} for ${known.name}.` };
    return { message: "is not a BCP 47 language tag such as en, fr or pt-BR", hint: example };
  }
  if (isTypesetLanguage(value)) return undefined;
  const primary = primaryLanguage(value)!;
  const known = languageCodeFor(primary);
  const message = "is not a language code the PDF typesetter takes: it needs a two- or three-letter ISO 639 code";
  return { message, hint: known ? `Write ${known.code} for ${known.name}.` : example };
}
