// Stage common/: code Node and the browser share, with no Node built-ins. Takes plain strings; gives
// names, slugs, safe URLs, search text and the sign form's fields.
//
// Unicode's confusable detection (UTS #39, section 4): two strings that look the same have the same
// skeleton, skeleton(X) = NFD(each character of NFD(X) replaced by its prototype). The prototypes are
// Unicode's confusables.txt as shipped by the `unhomoglyph` package (from markdown-it's authors),
// https://www.unicode.org/reports/tr39/#Confusable_Detection. Pure data, so it runs anywhere.
//
// A skeleton is for comparing, never for showing: "m" has the skeleton "rn", "0" has "O".
import prototypes from "unhomoglyph/data.json" with { type: "json" };

const PROTOTYPE = new Map<string, string>(Object.entries(prototypes as Record<string, string>));
/** The prototypes by UTF-16 code unit, for the characters of the Basic Multilingual Plane: a lookup per unit. */
const BMP: (string | undefined)[] = [];
for (const [c, prototype] of PROTOTYPE) if (c.length === 1) BMP[c.charCodeAt(0)] = prototype;
/** The ASCII characters that have another prototype (0, 1, I, m, |, `, ", %): most names need only these. */
const ASCII_CONFUSABLE = /[01Im|`"%]/g;

const ASCII = /^[\u0000-\u007f]*$/;

export function skeleton(text: string): string {
  if (ASCII.test(text)) return text.replace(ASCII_CONFUSABLE, (c) => PROTOTYPE.get(c)!);
  const decomposed = text.normalize("NFD");
  let out = "";
  let from = 0;
  for (let i = 0; i < decomposed.length; i++) {
    const unit = decomposed.charCodeAt(i);
    // A surrogate pair is one character outside the BMP (tag characters, mathematical letters).
    const pair = unit >= 0xd800 && unit < 0xdc00 && i + 1 < decomposed.length;
    const prototype = pair ? PROTOTYPE.get(decomposed.slice(i, i + 2)) : BMP[unit];
    if (prototype !== undefined) {
      out += decomposed.slice(from, i) + prototype;
      from = i + (pair ? 2 : 1);
    }
    if (pair) i++;
  }
  // Without a replacement the text is NFD already.
  return from === 0 ? decomposed : (out + decomposed.slice(from)).normalize("NFD");
}

/** Skeletons of the words seen: names share their words (first names, family names, "University"). */
const WORDS = new Map<string, string>();

/**
 * The skeleton of a text of words separated by spaces, word by word (the same as the whole: a skeleton
 * maps characters one by one, and no combining mark crosses a space), each word's remembered.
 */
export function skeletonOfWords(text: string): string {
  if (ASCII.test(text)) return skeleton(text);
  return text
    .split(" ")
    .map((word) => {
      if (ASCII.test(word)) return skeleton(word); // as fast as a lookup
      let found = WORDS.get(word);
      if (found === undefined) {
        if (WORDS.size > 200_000) WORDS.clear(); // bounded, whatever the lists hold
        WORDS.set(word, (found = skeleton(word)));
      }
      return found;
    })
    .join(" ");
}

/**
 * Capitals whose prototype is not their lower case's ("I", whose prototype is "l"): only a text holding
 * one needs its skeleton taken before case folding as well as after (names.ts, lookAlikeKeys).
 */
export const CASE_SENSITIVE_PROTOTYPE = new RegExp(
  `[${[...PROTOTYPE.keys()]
    .filter((c) => c !== c.toLowerCase() && skeleton(skeleton(c).toLowerCase()) !== skeleton(c.toLowerCase()))
    .map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)
    .join("")}]`,
  "u",
);

/**
 * Letters of scripts other than Latin whose prototype is Latin (Cyrillic "а" → "a", Greek "ο" → "o",
 * Cherokee "Ꭺ" → "A"): what makes a name in another script, or a mixed one, pass for a Latin name.
 */
const TO_LATIN = new Map<string, string>();
/** Latin capitals whose prototype is another letter ("I", whose prototype is "l"), by that prototype. */
const LATIN_CAPITAL = new Map<string, string>();
for (const [c, prototype] of PROTOTYPE) if (/^[A-Z]$/.test(c)) LATIN_CAPITAL.set(prototype, c);
for (const [c, prototype] of PROTOTYPE) {
  if (/[\p{L}\p{N}]/u.test(c) && !/[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(c) && /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]+$/u.test(prototype)) {
    // A capital passes for the Latin capital of the same prototype: Cyrillic "І" for "I", not "l".
    TO_LATIN.set(c, (c !== c.toLowerCase() && LATIN_CAPITAL.get(prototype)) || prototype);
  }
}
const PASSES_FOR_LATIN = new RegExp(`[${[...TO_LATIN.keys()].map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join("")}]`, "gu");

/**
 * `text` with every letter that passes for a Latin one written as that Latin letter, then case-folded:
 * "Jаne" with a Cyrillic "а" gives "jane"; undefined when `text` holds no such letter. Give the text
 * before case folding: a capital passes for a capital (Cyrillic "В" for "B"), its lower case may not.
 */
export function latinLookAlike(text: string): string | undefined {
  PASSES_FOR_LATIN.lastIndex = 0;
  if (!PASSES_FOR_LATIN.test(text)) return undefined;
  return text.replace(PASSES_FOR_LATIN, (c) => TO_LATIN.get(c)!).toLowerCase();
}

/**
 * Scripts whose letters can pass for another's, and the major scripts of names: enough to tell which
 * script each letter of a name is in. A letter of a script not listed counts as "other".
 */
const SCRIPTS = [
  "Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Syriac", "Thaana", "Nko", "Devanagari", "Bengali", "Gurmukhi",
  "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Georgian",
  "Hangul", "Ethiopic", "Cherokee", "Canadian_Aboriginal", "Ogham", "Runic", "Khmer", "Mongolian", "Hiragana", "Katakana",
  "Bopomofo", "Han", "Yi", "Old_Italic", "Gothic", "Deseret", "Coptic", "Tifinagh", "Vai", "Lisu", "Bamum", "Osage", "Adlam",
  "Glagolitic", "Javanese", "Balinese", "Sundanese", "Cham", "Tai_Viet", "Meetei_Mayek", "Ol_Chiki", "Samaritan", "Mandaic",
].map((name) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, "u") }));

/** Japanese and Korean write one name in several scripts (UTS #39's augmented script sets Jpan, Kore, Hanb). */
const CJK = new Set(["Han", "Hiragana", "Katakana", "Hangul", "Bopomofo"]);

/**
 * The scripts a text's letters are in, Common and Inherited characters (digits, punctuation, marks)
 * left out, Chinese, Japanese and Korean counted as one. More than one means mixed-script text.
 */
export function scriptsOf(text: string): Set<string> {
  const scripts = new Set<string>();
  for (const c of text) {
    if (/[\p{Script=Common}\p{Script=Inherited}]/u.test(c)) continue;
    const name = SCRIPTS.find((s) => s.pattern.test(c))?.name ?? "other";
    scripts.add(CJK.has(name) ? "CJK" : name);
  }
  return scripts;
}
