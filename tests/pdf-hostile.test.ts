// Letters are written by strangers in pull requests. Whatever they type, Typst must print it and never
// run it: the fixture is full of Typst markup and code in every field that reaches the PDF.
import { beforeAll, describe, expect, it } from "vitest";
import { pdfDocumentFromLetter, renderPdf } from "../src/outputs/pdf/index.ts";
import { loadSiteOrThrow } from "../src/load/site.ts";
import { pdfFile, pdfInfo, pdfText } from "./helpers/pdf.ts";
import { fixture } from "./helpers/site.ts";

describe("a letter full of Typst syntax", () => {
  let text: string;
  let info: Record<string, string>;
  let warnings: string[];
  let pages: number;
  beforeAll(async () => {
    const site = await loadSiteOrThrow(fixture("pdf-hostile"));
    const rendered = await renderPdf(pdfDocumentFromLetter(site.letters[0]!, site.config), { cache: false });
    ({ warnings, pages } = rendered);
    const file = await pdfFile(rendered.bytes);
    text = await pdfText(file);
    info = await pdfInfo(file);
  });

  it("prints every signatory's name, role and affiliation literally", () => {
    const names = [
      "#sys.exit()", "*bold*", "<label>", "@ref", "[x]", "back\\slash", "= Heading", "#let x = 1", ")]", '"quoted"', "// comment",
      "#pagebreak()", "]) #pagebreak() #([", '#{ panic("boom") }', "- dash", "+ plus", "/ term: description", "`raw`", "~tilde",
    ];
    const lines = text.split("\n").map((l) => l.trim());
    for (const name of names) expect(lines, name).toContain(name);
    expect(lines).toContain("_italic_, $x^2$");
  });

  it("prints the title, addressees, salutation, headings and note literally", () => {
    for (const s of ["#pagebreak() *Title* $x$ <label>", "= Heading at line start", "- list item, + enum item, / term: x", "Dear @ref [x] \\ friends,", "#heading[Signed]", "// not a comment ~ `tick`"]) {
      expect(text, s).toContain(s);
    }
  });

  it("prints the body's escaped Markdown as the reader sees it on the web page", () => {
    const flat = text.replace(/\s+/g, " ");
    for (const s of ["#sys.exit()", "*stars*", "_under_", "$dollars$", "<angle>", "@at", "[brackets]", "a \\ backslash", "#pagebreak() at the start of a line", "= Heading, #let x = 1, )]", '"quotes"', "'apostrophes'", "// slashes", '#panic("note")', "https://example.org/a/#hash?q=[1]"]) {
      expect(flat, s).toContain(s);
    }
  });

  it("runs none of it: one US Letter page, the site's paper, whatever the text asks for", async () => {
    expect(pages).toBe(1);
    expect(info["Page size"]).toMatch(/^612 x 792 pts/);
  });

  it("keeps the metadata literal", () => {
    expect(info.Title).toBe("#pagebreak() *Title* $x$ <label>");
    expect(info.Author).toBe("#author *bold*");
    expect(info.Keywords).toContain("#set page(width: 2cm) Coalition");
  });

  it("prints the Japanese name and affiliation too, and warns about nothing", () => {
    // Until the fonts covered Han, this was the one warning the letter gave; now it must give none.
    expect(warnings).toEqual([]);
    const lines = text.split("\n").map((l) => l.trim());
    expect(lines.some((l) => l.includes("山田太郎"))).toBe(true);
    expect(lines.some((l) => l.includes("東京大学"))).toBe(true);
  });
});
