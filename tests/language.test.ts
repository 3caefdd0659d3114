// Language codes: the loader takes exactly the tags the PDF typesetter takes (Typst wants an ISO 639 code
// of two or three letters), says where a wrong one is written and which code to write instead; and
// every tag it takes can be typeset, in a PDF and on a social card.
import { describe, expect, it } from "vitest";
import { loadSite } from "../src/load/site.ts";
import { isTypesetLanguage, languageTagProblem } from "../src/model/language.ts";
import { renderCardPng } from "../src/outputs/card.ts";
import { renderPdf, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { fixture } from "./helpers/site.ts";

const doc = (lang: string): PdfDocument => ({
  slug: "lang", lang, title: "Title", date: "2024-05-01", dateText: "1 May 2024", to: [], body: "Text.", docId: "lang",
  signatories: { heading: "Signatories", groups: [] }, metadata: { author: "Test", keywords: [] }, paper: "a4", source: "letters/lang/letter.md",
});

describe("a letter's language", () => {
  it("is refused at its front-matter line when it is a language's name, with the code to write", async () => {
    const { problems } = await loadSite(fixture("gate-load"));
    const lines = problems.map((p) => p.format());
    expect(lines).toContain(
      'tests/fixtures/gate-load/letters/spanish/letter.md:4:7: error: "lang" "Spanish" is not a language code the PDF typesetter takes: it needs a two- or three-letter ISO 639 code. Write es for Spanish.',
    );
    expect(lines).toContain(
      'tests/fixtures/gate-load/letters/named/letter.md:4:7: error: "lang" "Deutsch" is not a language code the PDF typesetter takes: it needs a two- or three-letter ISO 639 code. Write de for German.',
    );
  });

  it("names the code for names in English or in the language itself, and the hyphen for en_GB", () => {
    expect(languageTagProblem("Spanish")?.hint).toBe("Write es for Spanish.");
    expect(languageTagProblem("español")?.hint).toBe("Write es for Spanish.");
    expect(languageTagProblem("Français")?.hint).toBe("Write fr for French.");
    expect(languageTagProblem("Cantonese")?.hint).toBe("Write yue for Cantonese.");
    expect(languageTagProblem("en_GB")?.hint).toBe("Write en-GB.");
    expect(languageTagProblem("not a language")?.hint).toMatch(/two- or three-letter ISO 639 code/);
  });

  it("takes every BCP 47 tag whose language has two or three letters, region and script included", () => {
    for (const tag of ["en", "EN", "en-GB", "pt-BR", "es-419", "sr-Latn-RS", "zh-Hant-TW", "yue", "tlh", "und"]) {
      expect(languageTagProblem(tag), tag).toBeUndefined();
      expect(isTypesetLanguage(tag), tag).toBe(true);
    }
    for (const tag of ["Spanish", "deutsch", "english", "x-klingon", "en_GB", ""]) expect(languageTagProblem(tag), tag).toBeDefined();
  });

  it("is one the PDF and the social card can be made in, whatever tag the loader took", async () => {
    for (const tag of ["en-GB", "es-419", "sr-Latn-RS", "zh-Hant-TW", "yue", "tlh", "und"]) {
      const pdf = await renderPdf(doc(tag), { cache: false });
      expect(pdf.pages, tag).toBe(1);
      expect(renderCardPng({ site: "Site", title: "Title", date: "1 May 2024", count: "2 signatories", lang: tag }).byteLength, tag).toBeGreaterThan(0);
    }
  });
});
