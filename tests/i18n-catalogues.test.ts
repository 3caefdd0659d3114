// The shipped catalogues (src/i18n/catalogues/*.json): complete, valid ICU MessageFormat, and formatted
// by FormatJS, so plurals follow each language's rules (Intl.PluralRules) and dates and numbers its
// conventions (Intl). The English, French, Dutch and Arabic texts that reach released PDFs stay as
// they were before the catalogues became data.
import { describe, expect, it } from "vitest";
import { pluralText } from "../src/common/plural.ts";
import { translate } from "../src/eleventy/i18n.ts";
import { ARGUMENTS } from "../src/i18n/arguments.ts";
import { messageProblems, placeholdersOf } from "../src/i18n/format.ts";
import { argumentsOf, catalogues, formatDate, hasMessage, lookupChain, messageKeys, messagesWith, t, type MessageKey } from "../src/i18n/messages.ts";

const keys = messageKeys();
const LANGUAGES = ["en", "fr", "de", "es", "pt", "it", "nl", "ru", "ar", "zh", "zh-Hant", "ja", "ko"];

/** Arguments for a message: numbers for numbers, a recognisable text for texts, slots left as slots. */
const sample = (key: MessageKey, n: number) =>
  Object.entries(argumentsOf(key)).map(([name, kind]) => (kind === "number" ? n : kind === "slot" ? `{${name}}` : `«${name}»`));

describe("the shipped catalogues", () => {
  it("are the twelve most used languages of open letters, and Traditional Chinese", () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LANGUAGES].sort());
    expect(catalogues.en!.reviewed).toBe(true);
  });

  it("each have every key of the English one, and no other", () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) expect(Object.keys(catalogue.messages), lang).toEqual(keys);
  });

  it("name arguments only for keys that exist", () => {
    for (const key of Object.keys(ARGUMENTS)) expect(hasMessage(key), key).toBe(true);
  });

  it("hold messages that parse and use only the placeholders their key takes", () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      for (const [key, message] of Object.entries(catalogue.messages)) expect(messageProblems(message, argumentsOf(key as MessageKey)), `${lang}: ${key}`).toEqual([]);
    }
  });

  it("keep every placeholder the English message shows, so no link, name or number is lost in translation", () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      for (const key of keys) {
        const english = placeholdersOf(catalogues.en!.messages[key]!);
        expect([...placeholdersOf(catalogue.messages[key]!)].sort(), `${lang}: ${key}`).toEqual([...english].sort());
      }
    }
  });

  it("format every message with its arguments, for counts of every plural form, without a placeholder left over", () => {
    for (const lang of LANGUAGES) {
      for (const key of keys) {
        for (const n of [0, 1, 2, 3, 5, 11, 21, 100, 1234]) {
          const text = t(lang, key, ...sample(key, n));
          expect(text.trim(), `${lang}: ${key}`).not.toBe("");
          // Texts appear as given; slots stay for the browser or the PDF to fill in; nothing else is left in braces.
          for (const [name, kind] of Object.entries(argumentsOf(key))) {
            if (kind === "text" && placeholdersOf(catalogues[lang]!.messages[key]!).has(name)) expect(text, `${lang}: ${key}`).toContain(`«${name}»`);
            if (kind === "slot") expect(text, `${lang}: ${key}`).toContain(`{${name}}`);
          }
          const slots = Object.entries(argumentsOf(key)).filter(([, kind]) => kind === "slot").map(([name]) => `{${name}}`);
          expect(slots.reduce((rest, slot) => rest.split(slot).join(""), text), `${lang}: ${key}`).not.toMatch(/[{}]/);
        }
      }
    }
  });
});

describe("plural forms", () => {
  it("follow Russian: 1 подпись, 2 подписи, 5 подписей, 21 подпись", () => {
    expect([1, 2, 5, 21].map((n) => t("ru", "signatoryCount", n))).toEqual(["1 подпись", "2 подписи", "5 подписей", "21 подпись"]);
    expect([1, 2, 5, 21].map((n) => t("ru", "pageCount", n))).toEqual(["1 страница", "2 страницы", "5 страниц", "21 страница"]);
  });

  it("follow Arabic's six forms for 0, 1, 2, 3, 11 and 100, on the server and in the browser alike", () => {
    const expected = ["لم يُعثر على أي موقّع.", "عُثر على موقّع واحد.", "عُثر على موقّعَين.", "عُثر على 3 موقّعين.", "عُثر على 11 موقّعًا.", "عُثر على 100 موقّع."];
    const counts = [0, 1, 2, 3, 11, 100];
    expect(counts.map((n) => t("ar", "searchFound", n))).toEqual(expected);
    const forms = messagesWith(undefined).pluralForms("ar", "searchFound");
    expect(Object.keys(forms).sort()).toEqual(["few", "many", "one", "other", "two", "zero"]);
    expect(counts.map((n) => pluralText(JSON.stringify(forms), n, "ar"))).toEqual(expected);
  });

  it("are one form in Japanese, whatever the count", () => {
    expect([1, 2, 5].map((n) => t("ja", "signatoryCount", n))).toEqual(["署名者 1 人", "署名者 2 人", "署名者 5 人"]);
    expect(Object.keys(messagesWith(undefined).pluralForms("ja", "searchFound"))).toEqual(["other"]);
    expect(pluralText(messagesWith(undefined).pluralForms("ja", "searchFound"), 1, "ja")).toBe("署名者が 1 人見つかりました。");
  });

  it("write the count in the language's digits and grouping", () => {
    expect(t("de", "signatoryCount", 1234)).toBe("1.234 Unterschriften");
    expect(t("en", "signatoryCount", 1234)).toBe("1,234 signatories");
    expect(pluralText({ one: "{n} signatory found.", other: "{n} signatories found." }, 1234, "en")).toBe("1,234 signatories found.");
  });

  it("choose an exact =N form before the category, in the browser as FormatJS does", () => {
    const site = messagesWith({ en: { searchFound: "{n, plural, =1 {Just one.} one {# signatory.} other {# signatories.}}" } });
    const forms = site.pluralForms("en", "searchFound");
    expect(forms).toEqual({ "=1": "Just one.", one: "{n} signatory.", other: "{n} signatories." });
    expect([1, 2].map((n) => pluralText(forms, n, "en"))).toEqual([site.t("en", "searchFound", 1), site.t("en", "searchFound", 2)]);
  });
});

describe("dates and languages", () => {
  it("write dates as each language does", () => {
    expect(formatDate("2021-03-23", "ja")).toBe("2021年3月23日");
    expect(formatDate("2021-03-23", "ko")).toBe("2021년 3월 23일");
    expect(formatDate("2021-03-23", "de")).toBe("23. März 2021");
    expect(formatDate("2021-09-29", "en-GB")).toBe("29 September 2021");
  });

  it("look a page's language up in its parents, Traditional Chinese before Simplified, and English last", () => {
    expect(lookupChain("pt-BR")).toEqual(["pt-BR", "pt", "en"]);
    expect(lookupChain("zh-TW")).toEqual(["zh-TW", "zh-Hant", "zh", "en"]);
    expect(lookupChain("zh-Hant-HK")).toEqual(["zh-Hant-HK", "zh-Hant", "zh", "en"]);
    expect(lookupChain("zh-CN")).toEqual(["zh-CN", "zh", "en"]);
    expect(t("zh-TW", "signHeading")).toBe("連署這封信");
    expect(t("zh-CN", "signHeading")).toBe("签署这封信");
    expect(t("ta", "signHeading")).toBe("Sign this letter");
  });
});

describe("texts that reach released PDFs and pages", () => {
  it("render as before in English, French, Dutch and Arabic", () => {
    expect(t("en-GB", "pdfFooter", 2, "1 June 2024")).toBe("Version 2 · released 1 June 2024");
    expect(t("fr", "pdfFooter", 2, "1 juin 2024")).toBe("Version 2 · publiée le 1 juin 2024");
    expect(t("nl", "pdfFooter", 2, "1 juni 2024")).toBe("Versie 2 · gepubliceerd op 1 juni 2024");
    expect(t("ar", "pdfFooter", 2, "1 يونيو 2024")).toBe("النسخة 2 · نُشرت في 1 يونيو 2024");
    expect(["en", "fr", "nl"].map((lang) => t(lang, "pdfPageNumber"))).toEqual(["{page} / {total}", "{page} / {total}", "{page} / {total}"]);
    expect(t("ar", "pdfPageNumber")).toBe("صفحة {page} من {total}");
    expect([1, 2].map((n) => t("en", "withdrawnCount", n))).toEqual(["1 signature was withdrawn.", "2 signatures were withdrawn."]);
    expect([0, 1, 2].map((n) => t("fr", "withdrawnCount", n))).toEqual(["0 signature a été retirée.", "1 signature a été retirée.", "2 signatures ont été retirées."]);
    expect(t("ar", "withdrawnCount", 2)).toBe("عدد التوقيعات المسحوبة: 2");
    // The history page has always printed the bare count in English.
    expect(t("en", "countAtRelease", 1234)).toBe("1234 signatories at release");
  });
});

describe("a site's own messages", () => {
  const site = messagesWith({ fr: { signHeading: "Signez cette lettre" }, ta: { signHeading: "இந்தக் கடிதத்தில் கையொப்பமிடுங்கள்" }, en: { notFoundHome: "All our letters" } });

  it("come before the shipped ones, for the language and its regional variants", () => {
    expect(site.t("fr", "signHeading")).toBe("Signez cette lettre");
    expect(site.t("fr-BE", "signHeading")).toBe("Signez cette lettre");
    expect(site.t("fr", "signName")).toBe("Nom");
    expect(site.uiStrings("fr").signHeading).toBe("Signez cette lettre");
    expect(t("fr", "signHeading")).toBe("Signer cette lettre");
  });

  it("complete a language with no catalogue, the rest falling back to English (the site's English first)", () => {
    expect(site.t("ta", "signHeading")).toBe("இந்தக் கடிதத்தில் கையொப்பமிடுங்கள்");
    expect(site.t("ta", "signName")).toBe("Name");
    expect(site.t("ta", "notFoundHome")).toBe("All our letters");
    expect(site.t("de", "notFoundHome")).toBe("Alle Briefe ansehen");
  });
});

describe("markup in a message (the templates' t filter)", () => {
  /** What Nunjucks' `| safe` makes: an object of a String subclass (its own writable length) carrying the markup as `val`. */
  const SafeString = Object.create(String.prototype, { length: { writable: true, configurable: true, value: 0 } }) as object;
  const safe = (html: string) => Object.assign(Object.create(SafeString) as object, { val: html, length: html.length });

  it("puts the safe argument in place and escapes the message's own text", () => {
    const messages = messagesWith({ en: { signOnlyName: "Only {name} is <required> & nothing else" } });
    const html = translate(messages, "signOnlyName", "en", safe("<code>name</code>")) as { val: string };
    expect(html.val).toBe("Only <code>name</code> is &lt;required&gt; &amp; nothing else");
    expect((translate(messagesWith(undefined), "signOnlyName", "ja", safe("<code>name</code>")) as { val: string }).val).toBe("必須なのは <code>name</code> だけです。公開したくない行は削除してください。");
  });

  it("leaves a message without markup as plain text, for autoescape", () => {
    expect(translate(messagesWith(undefined), "releaseNotes", "de", "<b>x</b>")).toBe("Anmerkungen: <b>x</b>");
  });
});
