// A letter in 32 languages covering every script the fonts are chosen for (tests/fixtures/world): each
// language gets its PDF, typeset from the right family, readable back as text, and pages whose fonts are
// self-hosted subsets of the same families.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import matter from "gray-matter";
import { beforeAll, describe, expect, it } from "vitest";
import { pdfFonts, pdfText, squash } from "./helpers/pdf.ts";
import { fixture, readPage, runScript, tempDir, type CliResult } from "./helpers/site.ts";

/** Each translation and the family its script is printed in (PostScript names, as the PDF embeds them). */
const LANGUAGES: Record<string, string> = {
  en: "SourceSerif4", el: "SourceSerif4", ru: "SourceSerif4", ar: "Amiri", he: "FrankRuhlLibre",
  "zh-CN": "NotoSerifSC", "zh-TW": "NotoSerifTC", ja: "NotoSerifJP", ko: "NotoSerifKR",
  hi: "NotoSerifDevanagari", bn: "NotoSerifBengali", ta: "NotoSansTamil", te: "NotoSerifTelugu",
  th: "NotoSansThai", hy: "NotoSansArmenian", ka: "NotoSansGeorgian", am: "NotoSansEthiopic",
  de: "SourceSerif4", fr: "SourceSerif4", es: "SourceSerif4", pt: "SourceSerif4", it: "SourceSerif4", nl: "SourceSerif4",
  pl: "SourceSerif4", sv: "SourceSerif4", tr: "SourceSerif4", vi: "SourceSerif4", id: "SourceSerif4", uk: "SourceSerif4",
  sw: "SourceSerif4", fa: "Amiri", ur: "Amiri",
};
const LETTER = fixture("world/letters/world");
const pdfPath = (site: string, lang: string) => (lang === "en" ? join(site, "world/world.pdf") : join(site, `world/${lang.toLowerCase()}/world-${lang.toLowerCase()}.pdf`));

async function source(lang: string) {
  const { data, content } = matter(await readFile(join(LETTER, lang === "en" ? "letter.md" : `letter.${lang}.md`), "utf8"));
  // The first sentence of the body, up to its full stop in whichever script.
  const sentence = content.trim().split(/(?<=[.。।!?！։።])/)[0]!;
  return { title: data.title as string, heading: (data.signatories as { heading: string }).heading, sentence };
}

describe("a letter in 32 languages and every script the fonts cover", () => {
  let site: string;
  let build: CliResult;
  beforeAll(async () => {
    site = join(await tempDir(), "site");
    build = await runScript("build.ts", ["--root", fixture("world"), "--output", site]);
  }, 180_000);

  it("builds one PDF per language, 32 of them, without a word about characters the fonts lack", () => {
    expect(Object.keys(LANGUAGES)).toHaveLength(32);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).not.toMatch(/cannot print|empty box|needs a font/);
    for (const lang of Object.keys(LANGUAGES)) expect(existsSync(pdfPath(site, lang)), lang).toBe(true);
  });

  it("prints every language's title, first sentence and heading as text a reader can copy", async () => {
    // Bengali, and Devanagari in bold, come back from text extraction with some vowel signs doubled
    // (the clusters are reordered when shaped); the pictures are right (see the closing note), so for
    // them the heading and the font are what is checked.
    const extractionDoubles: Record<string, Array<"title" | "sentence">> = { bn: ["title", "sentence"], hi: ["title"] };
    for (const lang of Object.keys(LANGUAGES)) {
      // Joiners (Persian's ZWNJ in می‌خواهیم) shape the text but are not glyphs: extraction has none.
      const plain = (t: string) => squash(t).replace(/[\u200c\u200d]/g, "");
      const text = plain(await pdfText(pdfPath(site, lang)));
      const expected = await source(lang);
      for (const part of ["title", "sentence", "heading"] as const) {
        if (extractionDoubles[lang]?.includes(part as "title")) continue;
        // Right-to-left text comes back in visual order from some readers; both are the same letters.
        const want = plain(expected[part]);
        expect(text.includes(want) || text.includes([...want].reverse().join("")), `${lang} ${part}: ${expected[part]}`).toBe(true);
      }
    }
  });

  it("embeds the family of each language's script, and only the Han family its readers expect", async () => {
    for (const [lang, family] of Object.entries(LANGUAGES)) {
      const fonts = await pdfFonts(pdfPath(site, lang));
      expect(fonts.some((f) => f.startsWith(family)), `${lang}: ${fonts.join(", ")}`).toBe(true);
    }
    // The Chinese and Japanese signatories' names on a Japanese page are drawn as Japanese ideographs.
    const ja = await pdfFonts(pdfPath(site, "ja"));
    expect(ja.filter((f) => /NotoSerif(SC|TC)/.test(f))).toEqual([]);
    const tw = await pdfFonts(pdfPath(site, "zh-TW"));
    expect(tw.filter((f) => /NotoSerif(SC|JP)/.test(f))).toEqual([]);
    // An English page draws the Han of its signatories from the Simplified Chinese family, but the
    // Korean name from the Korean one, and never the Japanese family without kana.
    const en = await pdfFonts(pdfPath(site, "en"));
    expect(en.some((f) => f.startsWith("NotoSerifSC"))).toBe(true);
    expect(en.some((f) => f.startsWith("NotoSerifKR"))).toBe(true);
  });

  it("never starts a Chinese or Japanese line with a comma, full stop or closing bracket", async () => {
    for (const lang of ["ja", "zh-CN", "zh-TW"]) {
      const lines = (await pdfText(pdfPath(site, lang))).split("\n").map((l) => l.trim()).filter(Boolean);
      // The long first paragraph wraps at least twice: the rule is really exercised.
      const body = lines.filter((l) => /\p{Script=Han}/u.test(l) && l.length > 30);
      expect(body.length, lang).toBeGreaterThanOrEqual(2);
      for (const line of lines) expect(line, lang).not.toMatch(/^[、。，．：；！？）」』】〕]/u);
    }
  });

  it("writes dates and page numbers in each language's own form", async () => {
    expect(squash(await pdfText(pdfPath(site, "ja")))).toContain("2024年5月1日");
    expect(squash(await pdfText(pdfPath(site, "ko")))).toContain("2024년5월1일");
    expect(squash(await pdfText(pdfPath(site, "zh-TW")))).toContain("2024年5月1日");
    // Bengali numbers are written in Bengali digits, the page number too; Thai years in the Buddhist era.
    const bn = await pdfText(pdfPath(site, "bn"));
    expect(bn).toContain("২০২৪");
    expect(bn).toMatch(/১ \/ ১/);
    expect(await pdfText(pdfPath(site, "th"))).toContain("2567");
  });

  it("self-hosts a subset of each family the pages use, announced with the characters it has", async () => {
    const css = await readFile(join(site, "assets/fonts.css"), "utf8");
    const faces = [...css.matchAll(/@font-face \{[^}]*font-family: "([^"]+)";[^}]*src: url\("([^"]+)"\)[^}]*unicode-range: ([^;]+);/g)].map((m) => ({
      family: m[1]!, url: m[2]!, range: m[3]!,
    }));
    const families = new Set(faces.map((f) => f.family));
    for (const family of ["Noto Serif JP", "Noto Serif SC", "Noto Serif TC", "Noto Serif KR", "Noto Sans Tamil", "Noto Serif Devanagari", "Amiri", "Frank Ruhl Libre", "Noto Sans Ethiopic"]) {
      expect(families.has(family), family).toBe(true);
    }
    for (const face of faces) {
      expect(existsSync(join(site, "assets", face.url)), face.url).toBe(true);
      expect(face.url).not.toMatch(/^(https?:)?\/\//);
    }
    // The Japanese title's first ideograph is in the Japanese family's range; no Latin letter is.
    const covers = (range: string, ch: string) => range.split(", ").some((part) => {
      const [a, b = a] = part.replace("U+", "").split("-").map((h) => parseInt(h, 16));
      return ch.codePointAt(0)! >= a! && ch.codePointAt(0)! <= b!;
    });
    const jp = faces.find((f) => f.family === "Noto Serif JP")!;
    expect(covers(jp.range, "開")).toBe(true);
    expect(covers(jp.range, "A")).toBe(false);
    // Each page's language gets its order: Japanese tries its own Han family first.
    expect(css).toMatch(/:lang\(ja\) \{ --serif: "Source Serif 4", [^}]*"Noto Serif JP", "Noto Serif SC"/);
    const page = await readPage(site, "world/ja/index.html");
    expect(page.documentElement.getAttribute("lang")).toBe("ja");
    expect(page.querySelector('link[rel=stylesheet][href="/assets/fonts.css"]')).not.toBeNull();
  });

  it("is accepted by check with no warning about glyphs", async () => {
    const check = await runScript("check.ts", ["--root", fixture("world")]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr + check.stdout).not.toMatch(/cannot print|glyph|no font/i);
  });
});
