// The Unicode script of a character (Han, Hiragana, Devanagari...), so that an error can say which
// script a letter needs a font for rather than list code points. JavaScript has no "script of" function,
// but its regular expressions know the Script property of every character (\p{Script=Hani}); each
// character has exactly one, so the first match is the answer. Names come from Intl.DisplayNames.

/**
 * Every script in Unicode 17 by its ISO 15924 code (the short alias \p{Script=...} accepts), the most
 * frequent first. Zyyy (Common: digits, punctuation, symbols, emoji) and Zinh (Inherited: combining
 * marks) are not scripts of their own. A code the running Node does not know yet is skipped.
 */
const CODES = `Latn Grek Cyrl Arab Hebr Hani Hira Kana Hang Bopo Deva Beng Guru Gujr Orya Taml Telu Knda Mlym Sinh Thai
  Laoo Tibt Mymr Khmr Geor Armn Ethi Thaa Syrc Nkoo Adlm Rohg Tfng Cher Cans Mong Yiii Vaii Java Bali Sund Zyyy Zinh
  Ahom Hluw Avst Bamu Bass Batk Bhks Brah Brai Bugi Buhd Cari Aghb Cakm Cham Chrs Copt Xsux Cprt Cpmn Dsrt Diak Dogr
  Dupl Egyp Elba Elym Glag Goth Gran Gong Hano Hatr Armi Phli Prti Kthi Kawi Kali Khar Kits Khoj Sind Lepc Limb Lina
  Linb Lisu Lyci Lydi Mahj Maka Mand Mani Marc Gonm Medf Mtei Mend Merc Mero Plrd Modi Mroo Mult Nbat Nagm Nand Talu
  Newa Nshu Hmnp Ogam Olck Hung Ital Narb Perm Xpeo Sogo Sarb Orkh Ougr Osge Osma Hmng Palm Pauc Phag Phnx Phlp Rjng
  Runr Samr Saur Shrd Shaw Sidd Sgnw Sogd Sora Soyo Sylo Tglg Tagb Tale Lana Tavt Takr Tnsa Tang Tirh Toto Ugar Vith
  Wcho Wara Yezi Zanb Gara Gukh Krai Onao Sunu Todr Tutg Berf Chis Sidt Tayo Tols`.split(/\s+/);

/** Not a script: characters shared by all scripts (Common) or taking the script of the one before (Inherited). */
export const NO_SCRIPT = new Set(["Zyyy", "Zinh", "Zzzz"]);

const PATTERNS: Array<[string, RegExp]> = CODES.flatMap((code) => {
  try {
    return [[code, new RegExp(`^\\p{Script=${code}}$`, "u")] as [string, RegExp]];
  } catch {
    return [];
  }
});

const EXTENSIONS: Array<[string, RegExp]> = PATTERNS.map(([code]) => [code, new RegExp(`^\\p{Script_Extensions=${code}}$`, "u")]);

const known = new Map<string, string>();
const extended = new Map<string, string[]>();

/** The ISO 15924 code of `char`'s script (one code point): "Hani" for 日, "Zyyy" for 😀, "Zzzz" if unassigned. */
export function scriptOf(char: string): string {
  let code = known.get(char);
  if (code === undefined) {
    code = PATTERNS.find(([, pattern]) => pattern.test(char))?.[0] ?? "Zzzz";
    known.set(char, code);
  }
  return code;
}

/**
 * The scripts `char` is used with (Unicode's Script_Extensions): the Japanese full stop "。" is Common
 * but belongs to Han, Hiragana and Katakana, so it needs no mention of its own next to them.
 */
export function scriptsUsing(char: string): string[] {
  let codes = extended.get(char);
  if (codes === undefined) {
    codes = EXTENSIONS.filter(([, pattern]) => pattern.test(char)).map(([code]) => code);
    extended.set(char, codes);
  }
  return codes;
}

const names = new Intl.DisplayNames(["en"], { type: "script", fallback: "code" });

/** The script's English name, as Unicode's data gives it: "Han", "Hiragana", "Devanagari". */
export function scriptName(code: string): string {
  return names.of(code) ?? code;
}
