// A released letter with a featured signatory and an alphabetical list, built as a user builds it: each
// language's page and PDF list the featured signatory first, then the others by family name in that
// language's collation; a version's PDF prints its edition, so featuring someone later changes no
// released PDF.
import { createHash } from "node:crypto";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "./helpers/pdf.ts";
import { fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

const LETTER = "letters/nordic";
const ORDER = {
  // Niels Bohr is featured; the others by family name: Ångström with the A's, Ørsted with the O's.
  en: ["Niels Bohr", "Anders Ångström", "Vincent van Gogh", "Hans Christian Ørsted", "Royal Society", "Ana de Vries", "Yamada Taro", "Émile Zola"],
  // Swedish: Å, then Ö (and Ø with it), after Z.
  sv: ["Niels Bohr", "Vincent van Gogh", "Royal Society", "Ana de Vries", "Yamada Taro", "Émile Zola", "Anders Ångström", "Hans Christian Ørsted"],
};
ORDER satisfies Record<string, string[]>;

const sha256 = async (file: string) => createHash("sha256").update(await readFile(file)).digest("hex");
/** The names of `order` in the order they appear in `text`. */
const appearing = (text: string, names: readonly string[]) => [...names].sort((a, b) => text.indexOf(a) - text.indexOf(b));

async function build(root: string): Promise<string> {
  const output = join(await tempDir(), "site");
  const result = await runScript("build.ts", ["--root", root, "--output", output]);
  if (result.code !== 0) throw new Error(`build failed:\n${result.stderr}\n${result.stdout}`);
  return output;
}

describe("a released alphabetical letter with a featured signatory", () => {
  let root: string;
  let site: string;
  beforeAll(async () => {
    root = await tempDir();
    await cp(fixture("featured"), root, { recursive: true });
    const released = await runScript("release.ts", ["nordic", "--root", root, "--date", "2024-05-02"]);
    if (released.code !== 0) throw new Error(`release failed:\n${released.stderr}\n${released.stdout}`);
    site = await build(root);
  }, 120_000);

  it("lists the featured signatory first on each page, then by family name in the page's collation", async () => {
    for (const [path, order] of [["nordic/index.html", ORDER.en], ["nordic/de/index.html", ORDER.en], ["nordic/sv/index.html", ORDER.sv], ["nordic/v1/sv/index.html", ORDER.sv]] as const) {
      const page = await readPage(site, path);
      expect([...page.querySelectorAll(".signatory-name")].map((n) => text(n)), path).toEqual(order);
    }
  });

  it("marks the featured signatory with a class and a word in the page's language, not by colour alone", async () => {
    for (const [path, word] of [["nordic/index.html", "Featured"], ["nordic/de/index.html", "Hervorgehoben"]] as const) {
      const page = await readPage(site, path);
      const featured = [...page.querySelectorAll(".signatory-featured")];
      expect(featured.map((li) => text(li.querySelector(".signatory-name")))).toEqual(["Niels Bohr"]);
      expect(text(featured[0]!.querySelector(".featured-label"))).toBe(`, ${word}`); // ", " for screen readers only
      expect(page.querySelectorAll(".featured-label")).toHaveLength(1);
    }
    const css = await readFile(join(site, "assets/site.css"), "utf8");
    expect(css).toMatch(/\.signatory-featured \.signatory-name \{ font-weight: 700; \}/);
  });

  it("prints the same order in each language's PDF, the current one and the released version's", async () => {
    for (const [path, order] of [["nordic/nordic.pdf", ORDER.en], ["nordic/v1/nordic-v1.pdf", ORDER.en], ["nordic/sv/nordic-sv.pdf", ORDER.sv], ["nordic/v1/sv/nordic-v1-sv.pdf", ORDER.sv], ["nordic/v1/de/nordic-v1-de.pdf", ORDER.en]] as const) {
      const printed = await pdfText(join(site, path));
      expect(appearing(printed, order), path).toEqual(order);
    }
  });

  it("records a translation's order in the edition only where it differs from the original's, and the check agrees", async () => {
    const list = JSON.parse(await readFile(join(root, LETTER, "editions/1.json"), "utf8"));
    expect(Object.keys(list.orders)).toEqual(["sv"]);
    const check = await runScript("check.ts", ["--root", root]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toBe("");
  });

  it("changes no released PDF when someone is featured after the release; the current PDF lists them first", async () => {
    const released = await sha256(join(site, "nordic/v1/sv/nordic-v1-sv.pdf"));
    const file = join(root, LETTER, "signatories/scientists.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("- name: Émile Zola\n", "- name: Émile Zola\n  featured: true\n"));
    const check = await runScript("check.ts", ["--root", root]);
    expect(check.code, check.stderr).toBe(0);
    const again = await build(root);
    expect(await sha256(join(again, "nordic/v1/sv/nordic-v1-sv.pdf"))).toBe(released);
    const current = await pdfText(join(again, "nordic/sv/nordic-sv.pdf"));
    expect(appearing(current, ["Niels Bohr", "Émile Zola", "Vincent van Gogh"])).toEqual(["Niels Bohr", "Émile Zola", "Vincent van Gogh"]);
    const page = await readPage(again, "nordic/v1/index.html");
    expect([...page.querySelectorAll(".signatory-featured .signatory-name")].map((n) => text(n))).toEqual(["Niels Bohr", "Émile Zola"]);
  }, 120_000);
});
