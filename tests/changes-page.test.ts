// The changes page of a release (/<slug>/v<n>/changes/) shows what a reader of the letter sees change:
// words, not Markdown syntax; and a release that changed only a translation says which one.
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { plainText } from "../src/render/diff.ts";
import { releaseLetter } from "../src/tools/release.ts";
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

describe("the changes pages of a letter released four times", () => {
  let site: string;
  beforeAll(async () => {
    const root = await tempDir();
    await cp(fixture("changes-markdown"), root, { recursive: true });
    const letter = join(root, "letters/appeal/letter.md");
    const french = join(root, "letters/appeal/letter.fr.md");
    const edit = async (file: string, from: string, to: string) => writeFile(file, (await readFile(file, "utf8")).replace(from, to));
    await releaseLetter(root, "appeal", { date: "2024-01-10", cache: false });
    // v2: two words and a footnote changed, and an emphasis dropped.
    await edit(letter, "**protect**", "**defend**");
    await edit(letter, "<https://example.org/source>", "A report by the experts.");
    await edit(letter, "*business*", "business");
    await releaseLetter(root, "appeal", { date: "2024-02-01", cache: false });
    // v3: the French translation alone.
    await edit(french, "**protéger**", "**défendre**");
    await releaseLetter(root, "appeal", { date: "2024-03-01", cache: false });
    // v4: formatting alone.
    await edit(letter, "**defend**", "*defend*");
    await releaseLetter(root, "appeal", { date: "2024-04-01", cache: false });
    site = join(root, "_site");
    const result = await runScript("build.ts", ["--root", root, "--output", site], { OPEN_LETTERS_PDF: "0" });
    expect(result.code, result.stderr).toBe(0);
  });

  it("diff the words a reader reads, never Markdown", async () => {
    const page = await readPage(site, "appeal/v2/changes/index.html");
    const diff = text(page.querySelector(".diff"));
    for (const syntax of ["**", "[^", "](", "<https", "*business*"]) expect(diff, syntax).not.toContain(syntax);
    expect(diff).toContain("as the experts say.[1]");
    // The footnote's old address shares its "." with the new sentence's full stop.
    expect([...page.querySelectorAll(".diff del")].map(text)).toEqual(["protect", "https://example", "org/source"]);
    expect([...page.querySelectorAll(".diff ins")].map(text)).toEqual(["defend", "A report by the experts"]);
    expect(text(page.querySelector("main"))).toContain("to version 2 (February 1, 2024): 6 words added, 3 removed.");
  });

  it("say which translation changed when the letter's text did not, instead of 0 words added", async () => {
    const page = await readPage(site, "appeal/v3/changes/index.html");
    const main = text(page.querySelector("main"));
    expect(main).not.toMatch(/0 words? added/);
    expect(main).toContain("the text of the letter did not change.");
    expect(main).toContain("The French translation changed: 1 word added, 1 removed.");
    const diffs = [...page.querySelectorAll(".diff")];
    expect(diffs.map((d) => d.getAttribute("lang"))).toEqual(["fr"]);
    expect(text(page.querySelector("main h2"))).toBe("French");
    expect([...diffs[0]!.querySelectorAll("del")].map(text)).toEqual(["protéger"]);
    expect([...diffs[0]!.querySelectorAll("ins")].map(text)).toEqual(["défendre"]);
    expect(text(diffs[0])).not.toContain("**");
  });

  it("say that only the formatting changed when no word did", async () => {
    const page = await readPage(site, "appeal/v4/changes/index.html");
    const main = text(page.querySelector("main"));
    expect(main).toContain("no word changed, only the formatting (emphasis, links).");
    expect(page.querySelector(".diff")).toBeNull();
  });
});
