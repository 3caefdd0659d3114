// Every PDF Typst writes with tags carries `/MarkInfo << /Marked true /Suspects false >>` in its catalog.
// Both are booleans, as ISO 32000-1 table 321 requires, but poppler up to at least 22.12 (Debian's
// pdfinfo) reports any Suspects that is not `true` as "Syntax Error: Suspects object is wrong type
// (boolean)" (Catalog::getMarkInfo tests `isBool() && getBool()` before its type check). `false` is the
// entry's default, so leaving it out says the same thing; readers of our PDFs run pdfinfo, and a syntax
// error on every file makes them doubt files that are fine. typst.ts has no option for it, so the entry is
// blanked after typesetting: overwritten with as many spaces, so every byte offset and the cross-reference
// table stay valid and the output stays deterministic. If a later Typst writes the catalog differently
// (a cross-reference stream, compressed objects), the bytes are left as they are and
// tests/pdf-metadata.test.ts fails, rather than this guessing at a structure it does not know.

/** Part of the PDF cache key: PDFs cached before this step still carry the entry. */
export const MARK_INFO_STEP = "mark-info:drop-default-suspects";

/** The PDF with its catalog's `/Suspects false` replaced by spaces; the same bytes when there is none. */
export function withoutDefaultSuspects(pdf: Uint8Array): Uint8Array {
  const catalog = catalogRange(pdf);
  if (!catalog) return pdf;
  const text = latin1(pdf, catalog.start, catalog.end);
  const markInfo = /\/MarkInfo\s*<<([^<>]*)>>/.exec(text);
  if (!markInfo) return pdf;
  const suspects = /\/Suspects\s+false(?![^\s/<>[\]()])/.exec(markInfo[1]!);
  if (!suspects) return pdf;
  const at = catalog.start + markInfo.index + markInfo[0].indexOf(markInfo[1]!) + suspects.index;
  const out = new Uint8Array(pdf);
  out.fill(0x20, at, at + suspects[0].length);
  return out;
}

/**
 * Byte range of the catalog object (`N 0 obj ... endobj`), found as a PDF reader finds it: the last
 * `startxref`, its classic cross-reference table, the trailer's /Root and that object's offset.
 */
function catalogRange(pdf: Uint8Array): { start: number; end: number } | undefined {
  const tail = latin1(pdf, Math.max(0, pdf.length - 64), pdf.length);
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref) return undefined;
  const xrefAt = Number(startxref[1]);
  const xref = latin1(pdf, xrefAt, pdf.length);
  if (!xref.startsWith("xref")) return undefined; // a cross-reference stream: not what Typst writes today
  const trailer = xref.indexOf("trailer");
  const root = /\/Root\s+(\d+)\s+(\d+)\s+R/.exec(xref.slice(trailer));
  if (trailer < 0 || !root) return undefined;
  const offset = objectOffset(xref.slice(0, trailer), Number(root[1]));
  if (offset === undefined) return undefined;
  const object = latin1(pdf, offset, Math.min(pdf.length, offset + 4096));
  if (!object.startsWith(`${root[1]} ${root[2]} obj`)) return undefined;
  const end = object.indexOf("endobj");
  return end < 0 ? undefined : { start: offset, end: offset + end };
}

/** The offset of object `number` in a classic table: subsections `first count`, then 20-byte entries. */
function objectOffset(table: string, number: number): number | undefined {
  const lines = table.split(/\r?\n|\r/).slice(1);
  for (let i = 0; i < lines.length; ) {
    const header = /^(\d+) (\d+)\s*$/.exec(lines[i]!);
    if (!header) return undefined;
    const first = Number(header[1]);
    const count = Number(header[2]);
    if (number >= first && number < first + count) {
      const entry = /^(\d{10}) (\d{5}) n/.exec(lines[i + 1 + number - first] ?? "");
      return entry ? Number(entry[1]) : undefined;
    }
    i += 1 + count;
  }
  return undefined;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}
