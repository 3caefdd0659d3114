// Interface text in the reader's language, and a site's own words for it: letters/i18n/<lang>.yaml adds
// or changes messages (src/load/interface-text.ts), for every page, the sign form, the search script and
// the PDF's footer. The fixture `interface-text` is a German letter whose site changes a few German
// messages (letters/i18n/de.yaml) and starts a Tamil catalogue (ta.yaml).
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { describeLetter } from "../src/describe/letter-document.ts";
import { catalogues, messagesWith, type MessageKey } from "../src/i18n/messages.ts";
import { loadSite } from "../src/load/site.ts";
import { InvalidFieldError, InvalidMessageError, MisnamedFileError, StrayFileError, UnknownKeyError } from "../src/model/errors.ts";
import { pagePdfJobs } from "../src/outputs/pdf/jobs.ts";
import { folderOf } from "../src/view/preview-problems.ts";
import { layoutData } from "../src/outputs/pdf/layout.ts";
import { fixture, runScript, tempDir, text } from "./helpers/site.ts";

/** A copy of a fixture in a temporary folder, so a build's caches stay out of tests/fixtures/. */
async function copyOf(name: string): Promise<string> {
  const root = await tempDir();
  await cp(fixture(name), root, { recursive: true });
  return root;
}

async function build(root: string): Promise<{ code: number; stderr: string; site: string }> {
  const site = join(root, "_site");
  const result = await runScript("build.ts", ["--root", root, "--output", site], { OPEN_LETTERS_PDF: "0" });
  return { code: result.code, stderr: result.stderr, site };
}

/** Attributes that hold addresses, names and codes rather than words. */
const NOT_WORDS = /^(href|src|action|id|class|for|name|type|rel|datetime|lang|dir|hreflang|role|method|autocomplete|inputmode|media|sizes|charset|http-equiv|property|aria-(labelledby|describedby|controls)|data-(index|folder|repository|email|branch|version|error-for))$/;

/** Everything a reader can perceive of a page: its text and its attributes' words (labels, the scripts' data-* words). */
async function perceived(site: string, path: string): Promise<string> {
  const { document } = parseHTML(await readFile(join(site, path), "utf8"));
  // Code is the file format (`letters/x/signatories/`, `name:`), the same in every language.
  for (const element of document.querySelectorAll("script, style, code, pre")) element.remove();
  const values = [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => !NOT_WORDS.test(a.name) && !/^https?:\/\//.test(a.value)).map((a) => a.value));
  return `${text(document.documentElement)}\n${values.join("\n")}`;
}

/** A catalogue's own words, phrase by phrase between placeholders: the English ones must not show on a German page. */
function phrasesOf(lang: string): { key: string; phrase: string }[] {
  const phrases: { key: string; phrase: string }[] = [];
  const walk = (key: string, elements: readonly MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal) {
        const phrase = el.value.trim().replace(/^[\s(:;,.]+|[\s):;,.…]+$/g, "");
        // Two words or more, or one long word: "Version" and "Name" are German too.
        if (/\p{L}\s+\p{L}/u.test(phrase) || phrase.length >= 9) phrases.push({ key, phrase });
      } else if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) walk(key, option.value);
    }
  };
  for (const [key, message] of Object.entries(catalogues[lang]!.messages)) walk(key, parse(message, { ignoreTag: true }));
  return phrases;
}

/** The phrases of `phrases` that `seen` holds as whole words. */
const found = (phrases: readonly { key: string; phrase: string }[], seen: string) =>
  phrases.filter(({ phrase }) => new RegExp(`(?<![\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "u").test(seen));

describe("a German letter, built", () => {
  let site: string;
  beforeAll(async () => {
    const built = await build(await copyOf("interface-text"));
    expect(built.code, built.stderr).toBe(0);
    site = built.site;
  }, 60_000);

  it("has no English interface string on any of its pages", async () => {
    const pages = (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".html"));
    expect(pages).toEqual(expect.arrayContaining(["index.html", "404.html", "aufruf/index.html", "aufruf/signatories/index.html", "aufruf/history/index.html", "aufruf/v1/index.html"]));
    const phrases = phrasesOf("en");
    expect(phrases.length).toBeGreaterThan(100);
    for (const page of pages) expect(found(phrases, await perceived(site, page)), page).toEqual([]);
  });

  it("can fail: the same search finds the German catalogue's words there, the scripts' included", async () => {
    const keys = found(phrasesOf("de"), await perceived(site, "aufruf/index.html")).map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining(["signPublishedRepository", "signHowItWorksForge", "signForkOffered", "searchHeading", "searchShort", "signProblemUrl"]));
  });

  it("shows the site's own German words where letters/i18n/de.yaml changes them, and the catalogue's elsewhere", async () => {
    const { document } = parseHTML(await readFile(join(site, "aufruf/index.html"), "utf8"));
    expect(text(document.querySelector(".sign h2"))).toBe("Unterschreiben Sie diesen Brief");
    expect(text(document.querySelector(".signatory-count"))).toBe("3 Unterschriften bisher");
    expect(text(document.querySelector('.sign label[for="sign-name"]'))).toBe("Name (Pflichtfeld)");
    // The sign form's script and the search script read their words from the page.
    const sign = JSON.parse(document.querySelector("form[data-sign-form]")!.getAttribute("data-messages")!) as { problems: Record<string, string> };
    expect(sign.problems.name).toBe("Ohne Namen geht es nicht.");
    expect(sign.problems.url).toBe(catalogues.de!.messages.signProblemUrl);
    const search = document.querySelector("form.list-search")!;
    expect(JSON.parse(search.getAttribute("data-msg-found")!)).toEqual({ one: "Ein Treffer.", other: "{n} Treffer." });
    expect(search.getAttribute("data-msg-none")).toBe("Kein Eintrag gefunden.");
    // Pages without a letter ask the templates' t filter, which has the site's words too.
    const notFound = parseHTML(await readFile(join(site, "404.html"), "utf8")).document;
    expect(text(notFound.querySelector("h1"))).toBe("Diese Seite gibt es nicht");
    expect(text(notFound.querySelector("main p"))).toBe(catalogues.de!.messages.notFoundText);
  });

  it("prints the site's page number in the footer of its PDF", async () => {
    const { site: loaded } = await loadSite(fixture("interface-text"));
    const letter = loaded!.letters[0]!;
    const docs = describeLetter(letter, loaded!.config, { preview: false });
    const [job] = pagePdfJobs(loaded!, [docs.versions[0]![0]!]);
    const data = layoutData(job!.doc);
    expect(data.pageNumber).toBe("Seite {page} von {total}");
    expect(data.footer).toBe("Version 1 · veröffentlicht am 23. März 2021");
  });

  it("completes a language without a catalogue from ta.yaml, the rest in English", async () => {
    const { site: loaded } = await loadSite(fixture("interface-text"));
    const { t } = messagesWith(loaded!.config.interfaceText);
    expect(t("ta", "signHeading")).toBe("இந்தக் கடிதத்தில் கையொப்பமிடுங்கள்");
    expect(t("ta", "signName")).toBe("Name");
  });
});

describe("letters/i18n/ files with mistakes", () => {
  /** A copy of the fixture with these files in letters/i18n/. */
  async function siteWith(files: Record<string, string>): Promise<string> {
    const root = await copyOf("interface-text");
    for (const [name, content] of Object.entries(files)) {
      await mkdir(dirname(join(root, "letters/i18n", name)), { recursive: true });
      await writeFile(join(root, "letters/i18n", name), content);
    }
    return root;
  }

  it("name an unknown key at its line and column, with the nearest key", async () => {
    const root = await siteWith({ "fr.yaml": "# French\nsignHeading: Signez cette lettre\nsignHeding: Signez\nsingName: Nom\n" });
    const { problems } = await loadSite(root);
    const unknown = problems.filter((p) => p instanceof UnknownKeyError);
    expect(unknown.map((p) => p.format())).toEqual([
      'letters/i18n/fr.yaml:3:1: error: Unknown message key "signHeding". Did you mean "signHeading"?',
      'letters/i18n/fr.yaml:4:1: error: Unknown message key "singName". Did you mean "signName"?',
    ].map((line) => expect.stringMatching(new RegExp(`${line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`))));
  });

  it("name a message that is not ICU MessageFormat, or uses a placeholder its key does not take, at the character", async () => {
    const root = await siteWith({
      "de.yaml": [
        'signatoryCount: "{n, plural, one {# Unterschrift} other {# Unterschriften}"',
        "pageCount: Seiten {pages}",
        'pdfPageNumber: "{page, number} / {total}"',
        "historyTitle: '{title, plural, other {x}}'",
        "signHeading: 42",
        "",
      ].join("\n"),
    });
    const { problems } = await loadSite(root);
    const lines = problems.filter((p) => p.file.endsWith("i18n/de.yaml")).map((p) => p.format().replace(/^.*?letters\//, "letters/"));
    expect(lines).toEqual([
      expect.stringMatching(/^letters\/i18n\/de\.yaml:1:18: error: The message of "signatoryCount" cannot be used: a placeholder is not closed: a \{ has no matching \}\. Write it in ICU MessageFormat with \{n\}/),
      expect.stringMatching(/^letters\/i18n\/de\.yaml:2:19: error: The message of "pageCount" cannot be used: the placeholder \{pages\} is not one this message takes \(it takes \{n\}\)/),
      expect.stringMatching(/^letters\/i18n\/de\.yaml:3:17: error: The message of "pdfPageNumber" cannot be used: \{page\} is filled in later, as it is: write it \{page\}/),
      expect.stringMatching(/^letters\/i18n\/de\.yaml:4:16: error: The message of "historyTitle" cannot be used: \{title\} is text, not a number/),
      expect.stringMatching(/^letters\/i18n\/de\.yaml:5:14: error: "signHeading" must be text, not number\./),
    ]);
    expect(problems.filter((p) => p instanceof InvalidMessageError)).toHaveLength(4);
    expect(problems.filter((p) => p instanceof InvalidFieldError)).toHaveLength(1);
  });

  it("refuse a file named after no language, and say which code was meant", async () => {
    const root = await siteWith({ "french.yaml": "signHeading: Signez\n", "xx-notalanguage.yaml": "signHeading: X\n", "notes.txt": "to do\n" });
    const { problems } = await loadSite(root);
    const named = problems.filter((p) => p instanceof MisnamedFileError).map((p) => p.format().replace(/^.*?letters\//, "letters/"));
    expect(named).toEqual([
      'letters/i18n/french.yaml:1:1: error: The file name "french.yaml" is not a language code, so its messages apply to no page. Rename it to fr.yaml (French).',
      expect.stringMatching(/^letters\/i18n\/xx-notalanguage\.yaml:1:1: error: The file name "xx-notalanguage\.yaml" is not a language code/),
    ]);
    expect(problems.filter((p) => p instanceof StrayFileError).map((p) => p.file)).toEqual([expect.stringMatching(/letters\/i18n\/notes\.txt$/)]);
  });

  it("are reported by npm run check and refuse the build, which writes nothing", async () => {
    const root = await siteWith({ "fr.yaml": "signHeding: Signez cette lettre\n" });
    const check = await runScript("check.ts", ["--root", root]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/letters\/i18n\/fr\.yaml:1:1: error: Unknown message key "signHeding"\. Did you mean "signHeading"\?/);
    expect(check.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const built = await build(root);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/letters\/i18n\/fr\.yaml:1:1: error: Unknown message key/);
    await expect(readdir(built.site)).rejects.toThrow();
  }, 60_000);

  it("are the whole site's problems in the preview, not a letter's (letters/i18n/ is no letter folder)", () => {
    expect(folderOf("letters/i18n/fr.yaml", "letters")).toBeUndefined();
    expect(folderOf("letters/aufruf/letter.md", "letters")).toBe("aufruf");
  });

  it("take a hostile file as data: deep nesting, a prototype key, markup", async () => {
    const root = await siteWith({ "de.yaml": `__proto__: x\nsignHeading: "${"{n, select, other {".repeat(2000)}"\nsignName: "<script>alert(1)</script>"\n` });
    const { problems, site } = await loadSite(root);
    const lines = problems.filter((p) => p.file.endsWith("i18n/de.yaml")).map((p) => p.message);
    expect(lines).toEqual([
      'Unknown message key "__proto__".',
      'The message of "signHeading" cannot be used: placeholders are nested more than 12 deep.',
    ]);
    expect(site).toBeUndefined();
    const messages = messagesWith({ de: { signName: "<script>alert(1)</script>" } });
    expect(messages.t("de", "signName" as MessageKey)).toBe("<script>alert(1)</script>"); // text: autoescape escapes it
  });
});
