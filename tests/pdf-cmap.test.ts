import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CodePointSet, readCmap } from "../src/outputs/typst/cmap.ts";
import { FONT_FILES, loadFonts } from "../src/outputs/typst/fonts.ts";

describe("the PDF fonts", () => {
  it("cover the world's major scripts, and not those no font was chosen for", () => {
    const { coverage } = loadFonts();
    const covered = (s: string) => [...s].filter((ch) => ch !== " ").every((ch) => coverage.has(ch.codePointAt(0)!));
    expect(covered("Državljan Finkhäuser Associação Mário Łódź Őrség Ærø Şişli İğdır Dvořák")).toBe(true);
    expect(covered("Ελληνικά Ωμέγα άέήίόύώ")).toBe(true);
    expect(covered("Привет Україна Ґґ Її Єє Ђђ Љљ")).toBe(true);
    expect(covered("“quotes” – dash — … € №")).toBe(true);
    expect(covered("لنحافظ على إنترنت مفتوح، حضرات الوزراء؟")).toBe(true);
    expect(covered("می‌خواهیم گ چ پ ژ ۱۲۳")).toBe(true); // Persian letters and digits
    expect(covered("ہم ٹ ڈ ڑ ں ے")).toBe(true); // Urdu
    expect(covered("שָׁלוֹם עולם ₪")).toBe(true); // Hebrew with vowel points
    expect(covered("东京 東京 臺灣 说話")).toBe(true); // Han, Simplified and Traditional
    expect(covered("あいう アイウ。、「」")).toBe(true); // kana and Japanese punctuation
    expect(covered("한국어 대한민국")).toBe(true);
    expect(covered("नमस्ते क्षत्रिय")).toBe(true); // Devanagari with conjuncts
    expect(covered("বাংলা")).toBe(true);
    expect(covered("தமிழ் க்ஷ")).toBe(true);
    expect(covered("తెలుగు")).toBe(true);
    expect(covered("ภาษาไทย")).toBe(true);
    expect(covered("Հայերեն")).toBe(true);
    expect(covered("ქართული")).toBe(true);
    expect(covered("አማርኛ")).toBe(true);
    // Scripts no family covers yet stay errors and warnings (tests/pdf-scripts.test.ts).
    expect(covered("བོད་ཡིག")).toBe(false);
    expect(covered("ᏣᎳᎩ")).toBe(false);
  });

  it("reads cmaps exactly: the regular face maps A but not U+0000 or an unassigned code point", () => {
    const cmap = readCmap(readFileSync(FONT_FILES[0]!));
    expect(cmap.has(0x41)).toBe(true);
    expect(cmap.has(0)).toBe(false);
    expect(cmap.has(0x378)).toBe(false);
  });

  it("intersects code point sets", () => {
    const a = new CodePointSet([[1, 10], [20, 30]]);
    const b = new CodePointSet([[5, 25]]);
    const both = a.intersect(b);
    expect([4, 5, 10, 11, 19, 20, 25, 26].map((c) => both.has(c))).toEqual([false, true, true, false, false, true, true, false]);
  });

  it("unites code point sets", () => {
    const either = new CodePointSet([[1, 3], [10, 12]]).union(new CodePointSet([[4, 5], [20, 20]]));
    expect([0, 1, 4, 5, 6, 9, 12, 13, 20, 21].map((c) => either.has(c))).toEqual([false, true, true, true, false, false, true, false, true, false]);
  });

});
