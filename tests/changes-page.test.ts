// The changes page of a release (/<slug>/v<n>/changes/) shows what a reader of the letter sees change:
// words, not Markdown syntax; and a release that changed only a translation says which one.
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { plainText } from "../src/render/diff.ts";
import { releaseLetter } from "../src/tools/release.ts";
import type { Letter, LetterText, Release } from "../src/model/types.ts";
import { changesPage } from "../src/view/changes-page.ts";
import type { ReleaseView } from "../src/view/release-view.ts";
import { fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

describe("the readable text of a letter body", () => {
  it("has no Markdown syntax: emphasis, links, footnote labels and list markers are what the page shows", () => {
    const body = "We ask you to **protect** encryption, as [the experts say](https://example.org/x).[^src]\n\n- One\n- *Two*\n\n3. Three\n\n[^src]: <https://example.org/source>\n";
    expect(plainText(body)).toBe("We ask you to protect encryption, as the experts say.[1]\n\n• One\n\n• Two\n\n3. Three\n\n[1] https://example.org/source");
  });

  it("keeps text that only looks like syntax, as the page prints it", () => {
    expect(plainText("2 * 3 = 6, and a lone ** stays.\n")).toBe("2 * 3 = 6, and a lone ** stays.");
  });
});

describe("the changes pages of a letter released three times", () => {
  let site: string;
  beforeAll(async () => {
    const root = await tempDir();
    await cp(fixture("changes-markdown"), root, { recursive: true });
    const letter = join(root, "letters/appeal/letter.md");
    const french = join(root, "letters/appeal/letter.fr.md");
    const edit = async (file: string, from: string, to: string) => writeFile(file, (await readFile(file, "utf8")).replace(from, to));
    await releaseLetter(root, "appeal", { date: "2024-01-10", cache: false });
    // v2: two words and a footnote changed, an emphasis dropped, and one word of the French translation.
    await edit(letter, "**protect**", "**defend**");
    await edit(letter, "<https://example.org/source>", "A report by the experts.");
    await edit(letter, "*business*", "business");
    await edit(french, "**protéger**", "**défendre**");
    await releaseLetter(root, "appeal", { date: "2024-02-01", cache: false });
    // v3: formatting alone.
    await edit(letter, "**defend**", "*defend*");
    await releaseLetter(root, "appeal", { date: "2024-04-01", cache: false });
    site = join(root, "_site");
    const result = await runScript("build.ts", ["--root", root, "--output", site], { OPEN_LETTERS_PDF: "0" });
    expect(result.code, result.stderr).toBe(0);
  });

  it("diff the words a reader reads, never Markdown", async () => {
    const page = await readPage(site, "appeal/v2/changes/index.html");
    const diff = text(page.querySelector('.diff[lang="en"]'));
    for (const syntax of ["**", "[^", "](", "<https", "*business*"]) expect(diff, syntax).not.toContain(syntax);
    expect(diff).toContain("as the experts say.[1]");
    // The footnote's old address shares its "." with the new sentence's full stop.
    expect([...page.querySelectorAll('.diff[lang="en"] del')].map(text)).toEqual(["protect", "https://example", "org/source"]);
    expect([...page.querySelectorAll('.diff[lang="en"] ins')].map(text)).toEqual(["defend", "A report by the experts"]);
    expect(text(page.querySelector("main"))).toContain("to version 2 (February 1, 2024): 6 words added, 3 removed.");
  });

  it("say which translation changed, with its own diff in its language", async () => {
    const page = await readPage(site, "appeal/v2/changes/index.html");
    expect(text(page.querySelector("main"))).toContain("The French translation changed: 1 word added, 1 removed.");
    const french = page.querySelector('.diff[lang="fr"]')!;
    expect(text(page.querySelector("main h2"))).toBe("French");
    expect([...french.querySelectorAll("del")].map(text)).toEqual(["protéger"]);
    expect([...french.querySelectorAll("ins")].map(text)).toEqual(["défendre"]);
    expect(text(french)).not.toContain("**");
  });

  it("say that only the formatting changed when no word did", async () => {
    const page = await readPage(site, "appeal/v3/changes/index.html");
    const main = text(page.querySelector("main"));
    expect(main).toContain("no word changed, only the formatting (emphasis, links).");
    expect(main).not.toMatch(/0 words? added/);
    expect(page.querySelector(".diff")).toBeNull();
  });
});

describe("the changes of a version whose only change was a translation", () => {
  // Released before translations had revisions of their own, such a version stays as it was released.
  const words = (lang: string, body: string, extra: Partial<LetterText> = {}): LetterText =>
    ({ file: "letter.md", title: "Title", date: "2024-01-01", lang, to: [], body, bodyLine: 6, ...extra }) as LetterText;
  const release = (version: number, translations: LetterText[]) => ({ version, text: words("en", "Same words."), translations }) as unknown as Release;
  const view = (version: number) => ({ version, url: `/x/v${version}/`, changesUrl: `/x/v${version}/changes/` }) as unknown as ReleaseView;
  const letter = { slug: "x", dir: "letters/x", lang: "en", releases: [] } as unknown as Letter;

  it("says the letter's text did not change and which translations did, never 0 words added", () => {
    const before = release(1, [words("fr", "Les mêmes mots."), words("ar", "كلمات")]);
    const after = release(2, [words("fr", "D’autres mots."), words("nl", "Nieuwe woorden.", { follows: 1 })]);
    const page = changesPage(letter, before, after, view(1), view(2));
    expect(page.textChanged).toBe(false);
    expect(page.formattingChanged).toBe(false);
    expect(page.translations.map((t) => [t.lang, t.summary])).toEqual([
      ["ar", "The Arabic translation was removed."],
      ["fr", "The French translation changed: 1 word added, 2 removed."],
      ["nl", "The Dutch translation was added."],
    ]);
  });

  it("says a translation now follows a newer version when its words stayed the same", () => {
    const page = changesPage(letter, release(1, [words("fr", "Mots.", { follows: 1 })]), release(2, [words("fr", "Mots.", { follows: 2 })]), view(1), view(2));
    expect(page.translations.map((t) => t.summary)).toEqual(["The French translation now follows version 2; its words did not change."]);
  });
});
