import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EmptyBodyError, FrontMatterError, InvalidFieldError, loadSite } from "../src/index.ts";
import { buildFixture, fixture, readPage, runScript, text } from "./helpers/site.ts";

// The fixture, made with `npm run release`: an English letter with French and Arabic translations
// released as version 1; version 2 changed the English text, updated the Arabic and added Dutch, while
// the French still follows version 1.
describe("loading translations", () => {
  it("reads letter.<lang>.md beside letter.md, taking the language from the file name", async () => {
    const { site, problems } = await loadSite(fixture("translated"));
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const letter = site!.letters[0]!;
    expect(letter.translations.map((t) => t.lang)).toEqual(["ar", "fr", "nl"]);
    const fr = letter.translations.find((t) => t.lang === "fr")!;
    expect(fr).toMatchObject({ title: "Gardons l’internet ouvert", follows: 1, heading: "Signataires", date: "2024-05-01" });
    expect(letter.releases[0]!.translations.map((t) => t.lang)).toEqual(["ar", "fr"]);
    expect(letter.releases[1]!.translations.map((t) => t.lang)).toEqual(["ar", "fr", "nl"]);
  });

  it("warns, without failing, about a translation of an older text", async () => {
    const { problems } = await loadSite(fixture("translated"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: "warning", file: expect.stringMatching(/letter\.fr\.md$/) });
    expect(problems[0]!.message).toBe("This translation follows version 1; the English text has changed since (version 2).");
    const check = await runScript("check.ts", ["--root", fixture("translated")]);
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/letter\.fr\.md:2:1: warning: This translation follows version 1/);
  });

  it("rejects a mismatched lang:, the original's own language, a follows: from the future and an empty body", async () => {
    const { problems } = await loadSite(fixture("translations-broken"));
    const of = (file: string) => problems.filter((p) => p.file.endsWith(file));
    expect(of("letter.fr.md")[0]).toBeInstanceOf(InvalidFieldError);
    expect(of("letter.fr.md")[0]!.message).toBe('"lang" is de but the file name says fr.');
    expect(of("letter.en.md")[0]!.message).toContain("the language of the original");
    expect(of("letter.nl.md")[0]).toBeInstanceOf(FrontMatterError);
    expect(of("letter.nl.md")[0]!.message).toContain('"follows" is 3, but the next version of the letter will be 1');
    expect(of("letter.de.md")[0]).toBeInstanceOf(EmptyBodyError);
  });
});

describe("building a translated letter", () => {
  let site: string;
  beforeAll(async () => {
    site = await buildFixture("translated");
  });

  it("gives each language its own page with the right lang and dir", async () => {
    const expected = { "appeal/index.html": ["en", "ltr"], "appeal/fr/index.html": ["fr", "ltr"], "appeal/ar/index.html": ["ar", "rtl"], "appeal/nl/index.html": ["nl", "ltr"] };
    for (const [path, [lang, dir]] of Object.entries(expected)) {
      const doc = await readPage(site, path);
      expect(doc.documentElement.getAttribute("lang"), path).toBe(lang);
      expect(doc.documentElement.getAttribute("dir"), path).toBe(dir);
    }
    expect(text((await readPage(site, "appeal/ar/index.html")).querySelector("h1"))).toBe("لنحافظ على إنترنت مفتوح");
  });

  it("keeps each version's languages: version 1 had no Dutch", async () => {
    const { existsSync } = await import("node:fs");
    expect(existsSync(join(site, "appeal/v1/fr/index.html"))).toBe(true);
    expect(existsSync(join(site, "appeal/v1/nl"))).toBe(false);
    expect(existsSync(join(site, "appeal/v2/nl/index.html"))).toBe(true);
  });

  it("has a language switcher marking the current language, and hreflang alternates", async () => {
    const doc = await readPage(site, "appeal/fr/index.html");
    const links = [...doc.querySelectorAll(".language-switcher a")];
    expect(links.map((a) => [a.getAttribute("hreflang"), a.getAttribute("href")])).toEqual([
      ["en", "/appeal/"], ["ar", "/appeal/ar/"], ["fr", "/appeal/fr/"], ["nl", "/appeal/nl/"],
    ]);
    expect(links.find((a) => a.getAttribute("aria-current") === "page")!.getAttribute("hreflang")).toBe("fr");
    expect(text(links[1])).toBe("العربية");
    const alternates = [...doc.querySelectorAll("link[rel=alternate][hreflang]")].map((l) => l.getAttribute("href"));
    expect(alternates).toContain("https://letters.example.org/appeal/nl/");
  });

  it("translates interface strings, signatory texts and dates", async () => {
    const fr = await readPage(site, "appeal/fr/index.html");
    expect(text(fr.querySelector(".letter-date"))).toBe("1 mai 2024");
    expect(text(fr.querySelector(".signatory-count"))).toBe("3 signataires");
    expect(text(fr.querySelector(".signatories h2"))).toBe("Signataires");
    expect(fr.querySelector(".addressees")!.getAttribute("aria-label")).toBe("Destinataires");
    const nl = await readPage(site, "appeal/nl/index.html");
    expect(text(nl.querySelector(".signatory-count"))).toBe("3 ondertekenaars");
    // No Dutch note was given: the English one is shown, marked as English.
    expect(nl.querySelector(".signatory-note")!.getAttribute("lang")).toBe("en");
  });

  it("flags a translation of an older text on its page, and only there", async () => {
    const fr = await readPage(site, "appeal/fr/index.html");
    expect(text(fr.querySelector(".banner"))).toBe("Cette traduction suit la version 1 ; le texte anglais a changé depuis. Lire l’original");
    for (const path of ["appeal/nl/index.html", "appeal/ar/index.html", "appeal/index.html"]) {
      expect((await readPage(site, path)).querySelector(".banner"), path).toBeNull();
    }
  });

  it("freezes every language at release", async () => {
    const manifest = await readFile(join(fixture("translated"), "letters/appeal/versions.yaml"), "utf8");
    expect(manifest).toMatch(/- version: 1[\s\S]*letter\.ar\.md:[\s\S]*letter\.fr\.md:[\s\S]*- version: 2/);
    const v1fr = await readPage(site, "appeal/v1/fr/index.html");
    expect(text(v1fr.querySelector(".letter-body p"))).toContain("Nous vous appelons à garder l’internet ouvert.");
  });
});
