// What other sites may embed of a letter: the badge (/<slug>/badge.svg, the count in the letter's
// language) and the embed page (/<slug>/embed/: title, count, a sign link that leaves the frame).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { t } from "../src/i18n/messages.ts";
import { badgeSvg } from "../src/outputs/embed-badge.ts";
import { buildFixture, readPage, text } from "./helpers/site.ts";

const badge = (lang: string, n: number, title = "Keep it open") => {
  const count = t(lang, "badgeCount", n);
  return { count, svg: badgeSvg({ text: count, label: t(lang, "badgeLabel", title, count), lang, dir: "ltr" }) };
};
const parsed = (svg: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true }).parse(svg).svg;

describe("the badge", () => {
  it("says the count with the language's digits, grouping and plural", () => {
    expect(badge("en", 1234).count).toBe("1,234 signatures");
    expect(badge("en", 1).count).toBe("1 signature");
    expect(badge("de", 1234).count).toBe("1.234 Unterschriften");
    expect(badge("de", 1).count).toBe("1 Unterschrift");
    expect(badge("fr", 1234).count).toBe("1\u202f234 signatures");
    expect([1, 3, 5, 21].map((n) => badge("ru", n).count)).toEqual(["1 подпись", "3 подписи", "5 подписей", "21 подпись"]);
  });

  it("is a well-formed image with an accessible name (title and aria-label) and the count as its text", () => {
    const { svg } = badge("en", 1234);
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = parsed(svg);
    expect(root.role).toBe("img");
    expect(root["aria-label"]).toBe("Keep it open: 1,234 signatures");
    expect(root.title).toBe("Keep it open: 1,234 signatures");
    expect(root.text["#text"]).toBe("1,234 signatures");
    expect(root.lang).toBe("en");
  });

  it("escapes the title and the count, so no markup gets in", () => {
    const hostile = `</title><script>alert(1)</script> & "quotes" 'too'`;
    const { svg } = badge("en", 2, hostile);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain("<script");
    // Read back by an XML parser, the name is the text as given: escaped, not dropped or mangled.
    expect(parsed(svg).title).toBe(`${hostile}: 2 signatures`);
    expect(parsed(svg)["aria-label"]).toBe(`${hostile}: 2 signatures`);
  });

  it("grows with its text and writes the same bytes for the same count", () => {
    const width = (svg: string) => Number(parsed(svg).width);
    expect(width(badge("en", 1_234_567).svg)).toBeGreaterThan(width(badge("en", 12).svg));
    expect(width(badge("ja", 5).svg)).toBeGreaterThan(0);
    expect(badge("en", 1234).svg).toBe(badge("en", 1234).svg);
  });
});

describe("the built readers fixture", () => {
  let site: string;
  beforeAll(async () => {
    site = await buildFixture("readers");
  });

  it("writes a badge per letter with its current count, escaped", async () => {
    const svg = await readFile(join(site, "open-data/badge.svg"), "utf8");
    const letter = await readPage(site, "open-data/index.html");
    const count = Number(/\d+/.exec(text(letter.querySelector(".signatory-count")))![0]);
    expect(count).toBeGreaterThan(1);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(parsed(svg).text["#text"]).toBe(`${count} signatures`);
    // The fixture's title is hostile markup: `Encryption & "privacy" <now>`.
    expect(svg).toContain("Encryption &amp; &quot;privacy&quot; &lt;now&gt;: ");
  });

  it("writes an embed page with the title, the count and a sign link that opens the letter's sign section in the top window", async () => {
    const embed = await readPage(site, "open-data/embed/index.html");
    const letter = await readPage(site, "open-data/index.html");
    expect(embed.documentElement.getAttribute("lang")).toBe("en-GB");
    expect(text(embed.querySelector("h1"))).toBe(`Encryption & "privacy" <now>`);
    expect(text(embed.querySelector(".embed-count"))).toMatch(/^\d+ signatures$/);
    const sign = embed.querySelector<HTMLAnchorElement>("a.embed-action")!;
    expect(text(sign)).toBe("Sign the letter");
    expect(sign.getAttribute("target")).toBe("_top");
    const [page, anchor] = sign.getAttribute("href")!.split("#");
    expect(page).toBe("/open-data/");
    expect(letter.getElementById(anchor!)).not.toBeNull();
    for (const a of embed.querySelectorAll("a")) expect(a.getAttribute("target")).toBe("_top");
    // Minimal and self-contained: its own stylesheet, no script, no font, nothing from elsewhere.
    expect([...embed.querySelectorAll("link[rel=stylesheet]")].map((l) => l.getAttribute("href"))).toEqual(["/assets/embed.css"]);
    expect(embed.querySelectorAll("script, [style], style, iframe, img")).toHaveLength(0);
    expect(await readFile(join(site, "assets/embed.css"), "utf8")).not.toMatch(/url\(|@import|https?:/);
  });

  it("links a closed letter's embed page to the letter rather than to signing", async () => {
    const embed = await readPage(site, "older-letter/embed/index.html");
    expect(text(embed.querySelector("a.embed-action"))).toBe("Read the letter");
    expect(embed.querySelector("a.embed-action")!.getAttribute("href")).toBe("/older-letter/");
  });
});
