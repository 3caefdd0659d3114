import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cardKey, checkScripts, renderCard, renderCardPng } from "../src/outputs/card.ts";
import type { CardContent } from "../src/outputs/data/social.ts";
import { pngSize } from "./helpers/png.ts";
import { PROJECT, tempDir } from "./helpers/site.ts";

const card: CardContent = { site: "Open Letters", title: "End-to-end encryption keeps Belgium safe.", date: "29 September 2021", count: "49 signatories", lang: "en-GB" };

describe("social card images", () => {
  it("are 1200x630 PNGs", () => {
    expect(pngSize(renderCardPng(card))).toEqual({ width: 1200, height: 630 });
  });

  it("fit a very long title, with markup characters printed as text, in the same size", () => {
    const png = renderCardPng({ ...card, title: "#set page(width: 1pt) $x$ *bold* `raw` ".repeat(12) });
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
  });

  it("print Han, kana, Hangul, Tamil, Devanagari and Ethiopic with the PDF's fonts: two titles differ as their letters do", () => {
    // Titles of as many characters: a font without them would print the same row of empty boxes twice.
    const pairs: Array<[string, string, string]> = [
      ["ja", "東京大学", "京都大学"], ["zh-TW", "臺灣大學", "香港大學"], ["ko", "서울대학", "부산대학"],
      ["ta", "கடல்", "மலர்"], ["hi", "कमल", "नमक"], ["am", "ሰላም", "ሳላም"],
    ];
    for (const [lang, a, b] of pairs) {
      const first = renderCardPng({ ...card, title: a, lang });
      expect(pngSize(first)).toEqual({ width: 1200, height: 630 });
      expect(first.equals(renderCardPng({ ...card, title: b, lang })), `${lang}: ${a} / ${b}`).toBe(false);
    }
    // And the check behind that refusal agrees that nothing is missing.
    expect(() => checkScripts({ ...card, title: "インターネットを開かれたものに", lang: "ja" })).not.toThrow();
  });

  it("print Arabic and Hebrew with the PDF's fonts for them", () => {
    const arabic = { site: "Open Letters", title: "لنحافظ على إنترنت مفتوح", date: "١ مايو ٢٠٢٤", count: "عدد الموقعين: ٣", lang: "ar" };
    expect(() => checkScripts(arabic)).not.toThrow();
    expect(pngSize(renderCardPng(arabic))).toEqual({ width: 1200, height: 630 });
    expect(() => checkScripts({ ...arabic, title: "שמרו על אינטרנט פתוח", lang: "he" })).not.toThrow();
  });

  it("refuse, saying what to add, a script no card font covers, rather than print empty boxes", () => {
    expect(() => renderCardPng({ ...card, title: "བོད་ཡིག", lang: "bo" })).toThrow(
      /social card of "བོད་ཡིག" \(bo\) has characters no font covers: བ U\+0F56.*add a font for that script to FONT_FAMILIES/,
    );
  });

  it("come out byte for byte the same from two renders, in this process and in a fresh one", async () => {
    const here = renderCardPng(card);
    expect(renderCardPng(card).equals(here)).toBe(true);
    const script = `import { renderCardPng } from "./src/outputs/card.ts"; process.stdout.write(renderCardPng(${JSON.stringify(card)}).toString("base64"));`;
    const { stdout } = await promisify(execFile)(join(PROJECT, "node_modules/.bin/tsx"), ["--eval", script], { cwd: PROJECT, maxBuffer: 16 << 20 });
    expect(Buffer.from(stdout, "base64").equals(here)).toBe(true);
  });

  it("are cached by content: an unchanged card is read back, not rendered again", async () => {
    const cache = await tempDir("cards-");
    const first = await renderCard(card, cache);
    expect(first.cached).toBe(false);
    expect(await readdir(cache)).toEqual([`${cardKey(card)}.png`]);
    // Replace the cached bytes: if the card were rendered again we would get the real PNG back.
    await writeFile(join(cache, `${cardKey(card)}.png`), "sentinel");
    const second = await renderCard(card, cache);
    expect(second).toEqual({ png: Buffer.from("sentinel"), cached: true });
  });

  it("are rendered again when anything shown on them changes", async () => {
    const cache = await tempDir("cards-");
    await renderCard(card, cache);
    const changed = await renderCard({ ...card, count: "50 signatories" }, cache);
    expect(changed.cached).toBe(false);
    expect(cardKey({ ...card, count: "50 signatories" })).not.toBe(cardKey(card));
    expect(existsSync(join(cache, `${cardKey(card)}.png`))).toBe(true);
    expect(await readdir(cache)).toHaveLength(2);
  });
});
