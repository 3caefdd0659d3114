import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../src/render/markdown.ts";

const source = "First claim.[^a] Second claim.[^b] Again.[^a]\n\n[^a]: Note A with <https://example.org/a>.\n[^b]: Note B.\n";
const render = (docId: string) => parseHTML(`<div>${renderMarkdown(source, { docId })}</div>`).document;

describe("footnotes", () => {
  it("number references 1, 2 and link each to its note", () => {
    const doc = render("letter");
    const refs = [...doc.querySelectorAll("sup.footnote-ref a")];
    expect(refs.map((a) => a.textContent)).toEqual(["1", "2", "1"]);
    for (const ref of refs) expect(doc.getElementById(ref.getAttribute("href")!.slice(1))).not.toBeNull();
  });

  it("are announced as note references and described by the notes heading", () => {
    const doc = render("letter");
    const ref = doc.querySelector("sup.footnote-ref a")!;
    expect(ref.getAttribute("role")).toBe("doc-noteref");
    const label = doc.getElementById(ref.getAttribute("aria-describedby")!)!;
    expect(label.textContent).toBe("Notes");
    expect(doc.querySelector("section.footnotes")!.getAttribute("aria-labelledby")).toBe(label.id);
  });

  it("have a labelled back-link from each note to every place that cites it", () => {
    const doc = render("letter");
    const backlinks = [...doc.querySelectorAll("#fn-letter-1 a.footnote-backref")];
    expect(backlinks.map((a) => a.getAttribute("href"))).toEqual(["#fnref-letter-1", "#fnref-letter-1:1"]);
    expect(backlinks[0]!.getAttribute("aria-label")).toBe("Back to reference 1");
    for (const a of backlinks) expect(doc.getElementById(a.getAttribute("href")!.slice(1))).not.toBeNull();
  });

  it("prefix ids with the letter's id so two letters can share a page", () => {
    const a = render("one").querySelectorAll("[id]");
    const b = render("two").querySelectorAll("[id]");
    const ids = [...a, ...b].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keep URLs in notes as links", () => {
    expect(render("x").querySelector("#fn-x-1 a[href='https://example.org/a']")).not.toBeNull();
  });
});

describe("markdown safety", () => {
  it("prints raw HTML as text", () => {
    const html = renderMarkdown("Hello <script>alert(1)</script> <img src=x onerror=alert(1)>", { docId: "x" });
    const doc = parseHTML(`<div>${html}</div>`).document;
    expect(doc.querySelector("script, img")).toBeNull();
    expect(doc.querySelector("p")!.textContent).toContain("<script>alert(1)</script>");
  });

  it("refuses javascript: and data: links but keeps https and mailto", () => {
    const html = renderMarkdown("[a](javascript:alert(1)) [b](data:text/html,x) [c](https://ok.example) [d](mailto:x@example.org)", { docId: "x" });
    const hrefs = [...parseHTML(`<div>${html}</div>`).document.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(["https://ok.example", "mailto:x@example.org"]);
  });
});
