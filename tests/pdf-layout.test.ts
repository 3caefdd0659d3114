// Parts of the layout the reference letter does not use: a footer line, withdrawn signatures, groups,
// an empty list, and the Markdown blocks a letter may hold.
import { describe, expect, it } from "vitest";
import { renderPdf, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { pdfFile, pdfText } from "./helpers/pdf.ts";

const base: PdfDocument = {
  slug: "layout",
  lang: "en-GB",
  title: "Layout",
  date: "2024-03-01",
  dateText: "1 March 2024",
  to: ["The Minister"],
  body: "Text.",
  docId: "layout",
  signatories: { heading: "Signed by", groups: [{ entries: [{ name: "Anna Åberg" }, { name: "Bob Brown", role: "Professor, Example University" }] }] },
  metadata: { author: "Test", keywords: [] },
  paper: "a4",
  source: "letters/layout/letter.md",
};

const textOf = async (doc: PdfDocument) => {
  const { bytes, pages } = await renderPdf(doc, { cache: false });
  const file = await pdfFile(bytes);
  return { pages, file, text: await pdfText(file) };
};

describe("the PDF layout", () => {
  it("prints the footer line on every page, beside the page number", async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of a long letter that needs more than one page to be printed in full.`).join("\n\n");
    const { pages, file } = await textOf({ ...base, body: long, footer: "Version 2, released 1 March 2024" });
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) expect(await pdfText(file, p)).toContain("Version 2, released 1 March 2024");
  });

  it("prints group headings, the withdrawn-signatures line and the note after the list", async () => {
    const { text } = await textOf({
      ...base,
      signatories: {
        heading: "Signed by",
        note: "Affiliations for identification only.",
        withdrawnText: "1 signature was withdrawn.",
        groups: [
          { heading: "Organisations", entries: [{ name: "Access Now" }] },
          { heading: "Individuals", entries: [{ name: "Anna Åberg" }] },
        ],
      },
    });
    const order = ["Signed by", "Organisations", "Access Now", "Individuals", "Anna Åberg", "1 signature was withdrawn.", "Affiliations for identification only."];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("leaves out the signatory section while nobody has signed", async () => {
    const { text } = await textOf({ ...base, signatories: { heading: "Signed by", note: "A note.", groups: [] } });
    expect(text).toContain("Text.");
    expect(text).not.toContain("Signed by");
    expect(text).not.toContain("A note.");
  });

  it("prints headings, lists, block quotes, code and rules from the body", async () => {
    const body = "## Our demands\n\n1. Keep encryption\n2. Consult experts\n\n- first point\n- second point\n\n> A quoted sentence.\n\n```\nconst x = 1;\n```\n\n---\n\nLast paragraph.";
    const { text } = await textOf({ ...base, body });
    const flat = text.replace(/\s+/g, " ");
    for (const s of ["Our demands", "1. Keep encryption", "2. Consult experts", "first point", "second point", "A quoted sentence.", "const x = 1;", "Last paragraph."]) {
      expect(flat, s).toContain(s);
    }
  });
});
