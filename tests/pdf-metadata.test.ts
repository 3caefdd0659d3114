// The PDF's catalog and Info dictionary have the types ISO 32000-1 gives them, read with a PDF library
// (@cantoo/pdf-lib), not with poppler: pdfinfo used to print "Syntax Error: Suspects object is wrong type
// (boolean)" for every PDF (src/outputs/typst/mark-info.ts says why, and what is done about it).
import { PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from "@cantoo/pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPdf, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { withoutDefaultSuspects } from "../src/outputs/typst/mark-info.ts";

const doc: PdfDocument = {
  slug: "metadata",
  lang: "en",
  title: "Keep the internet open",
  date: "2024-03-01",
  dateText: "1 March 2024",
  to: ["The Council"],
  body: "We ask you to keep it open.",
  docId: "metadata",
  signatories: { heading: "Signatories", groups: [{ entries: [{ name: "Ada Lovelace", role: "Analytical Engines" }] }] },
  metadata: { author: "Fixture Coalition", keywords: ["open letter"], subject: "Version 1 · released 1 March 2024" },
  paper: "a4",
  source: "letters/metadata/letter.md",
};

const isText = (v: PDFObject | undefined) => v instanceof PDFString || v instanceof PDFHexString;
const decoded = (v: PDFObject | undefined) => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);

/** ISO 32000-1, table 317 (document information dictionary): the type each entry must have. */
const INFO_TYPES: Record<string, (v: PDFObject | undefined) => boolean> = {
  Title: isText,
  Author: isText,
  Subject: isText,
  Keywords: isText,
  Creator: isText,
  Producer: isText,
  // A date is a string of the form D:YYYYMMDDHHmmSSOHH'mm (section 7.9.4), any part after the year optional.
  CreationDate: (v) => isText(v) && /^D:\d{4}(\d{2}){0,5}(Z|[+-]\d{2}('\d{2}'?)?)?$/.test(decoded(v)!),
  ModDate: (v) => isText(v) && /^D:\d{4}(\d{2}){0,5}(Z|[+-]\d{2}('\d{2}'?)?)?$/.test(decoded(v)!),
  Trapped: (v) => v instanceof PDFName && ["/True", "/False", "/Unknown"].includes(v.toString()),
};

/** Every "n g obj" the classic cross-reference table points at starts exactly at its offset. */
function xrefOffsetsHold(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString("latin1");
  const at = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const lines = text.slice(at, text.indexOf("trailer", at)).split(/\r?\n/).slice(1);
  let checked = 0;
  for (let i = 0; i < lines.length && lines[i]; ) {
    const [first, count] = lines[i]!.split(" ").map(Number) as [number, number];
    for (let n = 0; n < count; n++) {
      const entry = /^(\d{10}) (\d{5}) n/.exec(lines[i + 1 + n]!);
      if (!entry) continue;
      if (!text.startsWith(`${first + n} ${Number(entry[2])} obj`, Number(entry[1]))) return false;
      checked++;
    }
    i += 1 + count;
  }
  return checked > 10;
}

describe("the PDF's catalog and Info dictionary", () => {
  let bytes: Uint8Array;
  let pdf: PDFDocument;
  beforeAll(async () => {
    bytes = (await renderPdf(doc, { cache: false })).bytes;
    pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  });

  it("mark the PDF as tagged, with no Suspects entry that poppler would call the wrong type", () => {
    const markInfo = pdf.catalog.lookup(PDFName.of("MarkInfo"), PDFDict);
    expect(markInfo.get(PDFName.of("Marked"))).toBe(PDFBool.True);
    // The spec wants a boolean, default false. poppler (pdfinfo 22.12) reports `false` as the wrong
    // type, so a false Suspects is left out; if present it must be a boolean, and only true is worth saying.
    const suspects = markInfo.get(PDFName.of("Suspects"));
    expect(suspects === undefined || suspects === PDFBool.True, String(suspects)).toBe(true);
    expect(pdf.catalog.get(PDFName.of("StructTreeRoot"))).toBeDefined();
  });

  it("give every Info entry the type the PDF specification requires", () => {
    const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
    const keys = info.keys().map((k) => k.decodeText());
    expect(keys).toEqual(expect.arrayContaining(["Title", "Author", "Subject", "Keywords", "Creator", "CreationDate", "ModDate"]));
    for (const key of keys) {
      const value = info.get(PDFName.of(key));
      expect(INFO_TYPES[key], `unknown Info entry /${key}`).toBeDefined();
      expect(INFO_TYPES[key]!(value), `/${key} ${String(value)}`).toBe(true);
    }
    expect(decoded(info.get(PDFName.of("Title")))).toBe("Keep the internet open");
    expect(decoded(info.get(PDFName.of("Author")))).toBe("Fixture Coalition");
    expect(decoded(info.get(PDFName.of("CreationDate")))).toBe("D:20240301000000Z");
  });

  it("keep every cross-reference offset valid, and are the same bytes when typeset again", async () => {
    expect(xrefOffsetsHold(bytes)).toBe(true);
    const again = (await renderPdf(doc, { cache: false })).bytes;
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe("dropping a false /Suspects from the catalog", () => {
  /** A minimal PDF whose catalog's MarkInfo is `marks`, with a correct cross-reference table. */
  function minimalPdf(marks: string): Uint8Array {
    const objects = [`<< /Type /Catalog /Pages 2 0 R /MarkInfo << ${marks} >> >>`, "<< /Type /Pages /Kids [] /Count 0 >>"];
    let body = "%PDF-1.7\n";
    const offsets: number[] = [];
    objects.forEach((o, i) => {
      offsets.push(body.length);
      body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = body.length;
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n\r\n`).join("")}`;
    body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return new Uint8Array(Buffer.from(body, "latin1"));
  }

  it("blanks only that entry, keeping the length and every other byte", async () => {
    const before = minimalPdf("/Marked true /Suspects false");
    const after = withoutDefaultSuspects(before);
    expect(after.length).toBe(before.length);
    const changed = [...before.keys()].filter((i) => before[i] !== after[i]);
    expect(Buffer.from(before.subarray(changed[0], changed.at(-1)! + 1)).toString("latin1")).toBe("/Suspects false");
    const markInfo = (await PDFDocument.load(after)).catalog.lookup(PDFName.of("MarkInfo"), PDFDict);
    expect(markInfo.get(PDFName.of("Marked"))).toBe(PDFBool.True);
    expect(markInfo.get(PDFName.of("Suspects"))).toBeUndefined();
  });

  it("leaves a true Suspects, a PDF without MarkInfo and a look-alike outside the catalog alone", () => {
    for (const marks of ["/Marked true /Suspects true", "/Marked true", "/Marked true /SuspectsX false"]) {
      const pdf = minimalPdf(marks);
      expect(withoutDefaultSuspects(pdf)).toBe(pdf);
    }
    // The same words in the Pages object (as a page's text could put them in a string) are not the catalog's.
    const decoy = Buffer.from(minimalPdf("/Marked true"));
    const text = decoy.toString("latin1").replace("/Count 0 >>", "/Count 0 /X (/MarkInfo << /Suspects false >>) >>");
    const shifted = new Uint8Array(Buffer.from(text.replace(/startxref\n\d+/, `startxref\n${text.indexOf("xref\n")}`), "latin1"));
    expect(Buffer.from(withoutDefaultSuspects(shifted)).equals(Buffer.from(shifted))).toBe(true);
  });
});
