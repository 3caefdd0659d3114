// The deepest nesting npm run check accepts is one the PDF can typeset, quickly, whatever is nested and
// whatever sits at the bottom; one level more is refused at its line. Typst stops at a fixed depth of
// show rules and calls, so these tests typeset for real (no cache), each within a time limit.
import { describe, expect, it } from "vitest";
import { checkBody } from "../src/load/letter-markdown.ts";
import { NestingTooDeepError } from "../src/model/errors.ts";
import { limits } from "../src/model/limits.ts";
import { renderPdf, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { bodyTree } from "../src/outputs/pdf/tree.ts";
import { markdown } from "../src/render/markdown.ts";
import { nestingOf } from "../src/render/nesting.ts";

const LIMIT = limits.maxNesting;

const doc = (body: string): PdfDocument => ({
  slug: "deep", lang: "en", title: "Deep", date: "2024-05-01", dateText: "1 May 2024", to: [], body, docId: "deep",
  signatories: { heading: "Signatories", groups: [] }, metadata: { author: "Test", keywords: [] }, paper: "a4", source: "letters/deep/letter.md",
});

/** Containers, each given how many levels to wrap around a leaf. */
const containers: Record<string, (n: number, leaf: string) => string> = {
  "block quotes": (n, leaf) => "> ".repeat(n) + leaf,
  "bullet lists": (n, leaf) => "- ".repeat(n) + leaf,
  "numbered lists": (n, leaf) => "1. ".repeat(n) + leaf,
  "quotes and lists": (n, leaf) => Array.from({ length: n }, (_, i) => ["> ", "- ", "1. "][i % 3]).join("") + leaf,
  "quotes around emphasis and links": (n, leaf) => {
    const quotes = Math.floor(n / 2);
    let inline = leaf;
    for (let i = 0; i < n - quotes; i++) inline = [`*a ${inline} a*`, `__b ${inline} b__`, `[c ${inline} c](https://example.org/${i})`][i % 3]!;
    return "> ".repeat(quotes) + inline;
  },
};
const blockLeaves = { heading: "# A heading", "code block": "```\ncode\n```", rule: "***" };
const inlineLeaves = {
  text: "words", "web address": "<https://example.org/a/b>", "inline code": "`code`", image: "![a map](map.png)",
  "line break": "one  \ntwo", "footnote holding a heading": "cited[^1]\n\n[^1]: # A heading in a note",
};

/** The deepest body `wrap` makes around `leaf` that the check accepts, and the first it refuses. */
function aroundTheLimit(wrap: (n: number, leaf: string) => string, leaf: string): { accepted: string; depth: number; refused: string } {
  let accepted = { body: "", depth: 0 };
  for (let n = 0; n < 80; n++) {
    const body = `${wrap(n, leaf)}\n`;
    const depth = nestingOf(markdown.parse(body, {})).depth;
    if (depth > LIMIT) return { accepted: accepted.body, depth: accepted.depth, refused: body };
    accepted = { body, depth };
  }
  throw new Error("never deeper than the limit");
}

describe("nesting the PDF can typeset", () => {
  for (const [name, wrap] of Object.entries(containers)) {
    const leaves = name.includes("emphasis") ? inlineLeaves : { ...blockLeaves, ...inlineLeaves };
    it(`typesets ${name} as deep as the check accepts, around every kind of element, and refuses one level more`, async () => {
      let exact = 0;
      for (const [leafName, leaf] of Object.entries(leaves)) {
        const what = `${name} around ${leafName}`;
        const { accepted, depth, refused } = aroundTheLimit(wrap, leaf);
        // One more wrap adds one or two levels (a list item's paragraph), so some shapes stop one short.
        expect(depth, what).toBeGreaterThanOrEqual(LIMIT - 1);
        if (depth === LIMIT) exact++;
        expect(checkBody({ body: accepted, bodyLine: 6 }, "letters/deep/letter.md"), what).toEqual([]);
        const started = performance.now();
        const pdf = await renderPdf(doc(accepted), { cache: false });
        expect(pdf.pages, what).toBeGreaterThan(0);
        // Nested lists get exponentially slow past the limit (limits.ts); at it, a PDF takes well under a second.
        expect(performance.now() - started, what).toBeLessThan(3000);
        const problems = checkBody({ body: refused, bodyLine: 6 }, "letters/deep/letter.md");
        expect(problems.map((p) => p.constructor.name), `${what}, one level more`).toEqual(["NestingTooDeepError"]);
      }
      expect(exact, name).toBeGreaterThan(0);
    });
  }

  it("names the line where the text gets too deep, counting a footnote's text where it is cited", () => {
    // The quotes, their paragraph, the note, and the note's quotes and paragraph: LIMIT + 3 levels.
    const body = ["A paragraph.", "", "> ".repeat(LIMIT - 3) + "cited here[^deep]", "", `[^deep]: ${"> ".repeat(3)}a quote in a note`, ""].join("\n");
    const [problem] = checkBody({ body, bodyLine: 6 }, "letters/deep/letter.md");
    expect(problem).toBeInstanceOf(NestingTooDeepError);
    expect(problem!.format()).toMatch(
      new RegExp(`^letters/deep/letter\\.md:8:1: error: The text here is nested ${LIMIT + 3} levels deep .*; the PDF can typeset at most ${LIMIT}\\. Nest fewer`),
    );
  });

  it("counts a footnote that cites itself once, instead of for ever", () => {
    const body = "Text[^1].\n\n[^1]: A note that cites itself[^1].\n";
    expect(nestingOf(markdown.parse(body, {})).depth).toBe(4); // paragraph, note, its paragraph, the citation again
  });
});

describe("footnotes the PDF prints", () => {
  it("prints a note whose first citation markdown-it found inside the note itself, at the letter's citation", async () => {
    // The definition comes first, so markdown-it numbers its self-citation first; the PDF used to refer to
    // a note it never printed ("label `<note-0>` does not exist in the document").
    const body = "[^1]: A note that cites itself[^1].\n\nThe letter cites it[^1].\n";
    const { blocks, notes } = bodyTree(body, { docId: "t" });
    expect(blocks).toEqual([{ t: "par", c: ["The letter cites it", { t: "note", id: 0 }, "."] }]);
    expect(notes["0"]).toEqual([{ t: "par", c: ["A note that cites itself", { t: "note", id: 0, again: true }, "."] }]);
    expect((await renderPdf(doc(body), { cache: false })).pages).toBe(1);
  });

  it("prints two notes that cite each other, each once, in reading order", async () => {
    const body = "[^a]: See also[^b].\n\n[^b]: And back[^a].\n\nText[^a].\n";
    const { blocks, notes } = bodyTree(body, { docId: "t" });
    expect(blocks).toEqual([{ t: "par", c: ["Text", { t: "note", id: 1 }, "."] }]);
    expect(notes["1"]).toEqual([{ t: "par", c: ["See also", { t: "note", id: 0 }, "."] }]);
    expect(notes["0"]).toEqual([{ t: "par", c: ["And back", { t: "note", id: 1, again: true }, "."] }]);
    expect((await renderPdf(doc(body), { cache: false })).pages).toBe(1);
  });
});
