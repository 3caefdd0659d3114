import { describe, expect, it } from "vitest";
import { bodyTree, urlParts, type Block } from "../src/outputs/pdf/tree.ts";
import { renderMarkdown } from "../src/render/markdown.ts";

const tree = (md: string) => bodyTree(md, { docId: "t" });

describe("the PDF's document tree, from the markdown-it token stream", () => {
  it("keeps paragraphs, emphasis, strong text, inline code and line breaks", () => {
    const { blocks } = tree("One *em* and **strong** and `co*de`\nsoft, hard  \nbreak.\n\nTwo.");
    expect(blocks).toEqual([
      { t: "par", c: ["One ", { t: "emph", c: ["em"] }, " and ", { t: "strong", c: ["strong"] }, " and ", { t: "code", text: "co*de" }, " soft, hard", { t: "linebreak" }, "break."] },
      { t: "par", c: ["Two."] },
    ]);
  });

  it("keeps links clickable, and prints an address written as <url> in full", () => {
    const { blocks } = tree("A [page](https://example.org/page) and <https://example.org/a/b>.");
    expect(blocks[0]).toEqual({
      t: "par",
      c: ["A ", { t: "link", url: "https://example.org/page", c: ["page"] }, " and ", { t: "url", url: "https://example.org/a/b", parts: ["https://example.org/", "a/", "b"] }, "."],
    });
  });

  it("links other pages of the site by their public address, and keeps only the text of links a PDF cannot follow", () => {
    const md = "See [the letter](/other-letter/), [a note](#fn-1) and [a file](files/a.pdf).";
    const withSite = bodyTree(md, { docId: "t" }, { siteUrl: "https://letters.example.org/open/" }).blocks;
    expect(withSite).toEqual([
      { t: "par", c: ["See ", { t: "link", url: "https://letters.example.org/open/other-letter/", c: ["the letter"] }, ", a note and a file."] },
    ]);
    expect(tree(md).blocks).toEqual([{ t: "par", c: ["See the letter, a note and a file."] }]);
  });

  it("never links what markdown-it refuses: it prints the source as text, as the web page does", () => {
    const { blocks } = tree("[click](javascript:alert(1))");
    expect(blocks).toEqual([{ t: "par", c: ["[click](javascript:alert(1))"] }]);
    expect(renderMarkdown("[click](javascript:alert(1))", { docId: "t" })).not.toContain("<a");
  });

  it("turns each footnote reference into a note whose text is its definition, once per footnote", () => {
    const { blocks, notes } = tree("First[^a] and second[^b], first again[^a].\n\n[^a]: Note *A* <https://a.example/x>\n[^b]: Note B\n\n    with a second paragraph\n");
    expect(blocks).toEqual([
      { t: "par", c: ["First", { t: "note", id: 0 }, " and second", { t: "note", id: 1 }, ", first again", { t: "note", id: 0, again: true }, "."] },
    ]);
    expect(notes["0"]).toEqual([{ t: "par", c: ["Note ", { t: "emph", c: ["A"] }, " ", { t: "url", url: "https://a.example/x", parts: ["https://a.example/", "x"] }] }]);
    expect(notes["1"]).toEqual([{ t: "par", c: ["Note B"] }, { t: "par", c: ["with a second paragraph"] }]);
  });

  it("numbers footnotes as the HTML does", () => {
    const md = "x[^z] y[^a]\n\n[^a]: A\n[^z]: Z\n";
    const html = renderMarkdown(md, { docId: "t" });
    const { blocks, notes } = tree(md);
    const ids = (blocks[0] as Extract<Block, { t: "par" }>).c.flatMap((n) => (typeof n === "object" && n.t === "note" ? [n.id] : []));
    // The HTML shows 1 for the first citation ([^z]) and 2 for [^a]; the tree's ids follow the same order.
    expect(html).toMatch(/>1<\/a><\/sup> y<sup[^>]*><a[^>]*>2</);
    expect(ids).toEqual([0, 1]);
    expect(notes["0"]).toEqual([{ t: "par", c: ["Z"] }]);
  });

  it("keeps headings, lists (tight or not, with their start), block quotes, code blocks and rules", () => {
    const { blocks } = tree("## Demands\n\n- one\n- two\n\n3. three\n\n   more\n4. four\n\n> Quoted\n\n```\n#code {\n```\n\n---\n");
    expect(blocks).toEqual([
      { t: "heading", level: 2, c: ["Demands"] },
      { t: "list", ordered: false, start: 1, tight: true, items: [[{ t: "par", c: ["one"] }], [{ t: "par", c: ["two"] }]] },
      { t: "list", ordered: true, start: 3, tight: false, items: [[{ t: "par", c: ["three"] }, { t: "par", c: ["more"] }], [{ t: "par", c: ["four"] }]] },
      { t: "quote", c: [{ t: "par", c: ["Quoted"] }] },
      { t: "codeblock", text: "#code {" },
      { t: "rule" },
    ]);
  });

  it("keeps Typst syntax in the text as plain strings", () => {
    const { blocks } = tree("#sys.exit() = x $y$ <l> @r [z] \\\\ // c");
    expect(blocks).toEqual([{ t: "par", c: ["#sys.exit() = x $y$ <l> @r [z] \\ // c"] }]);
  });
});

describe("breaking URLs only after a slash", () => {
  it("cuts after every single slash and keeps the scheme's // with the host", () => {
    expect(urlParts("https://www.example.org/news/2021/item/")).toEqual(["https://www.example.org/", "news/", "2021/", "item/"]);
    expect(urlParts("https://example.org")).toEqual(["https://example.org"]);
    expect(urlParts("https://example.org/a?b=c/d")).toEqual(["https://example.org/", "a?b=c/", "d"]);
    expect(urlParts("https://example.org/a").join("")).toBe("https://example.org/a");
  });
});
