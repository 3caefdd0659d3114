// Reading PDFs the way a reader's tools do, with MuPDF compiled to WebAssembly (the `mupdf` devDependency,
// so `npm ci` is all the tests need): text per page, text in reading order per column, lines with their
// positions, metadata, embedded fonts and page images.
//
// Lines are rebuilt from the characters' positions rather than taken from MuPDF's own grouping, so that
// they match what pdftotext -bbox-layout gave these tests before: one line per baseline and column (a
// superscript footnote number belongs to the line it sits on), words in visual order (right-to-left
// words last letter first), coordinates in PDF points from the top-left corner. pdfText gives the same
// lines in logical order, as a reader copying the text gets it, in the order the PDF draws them.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as mupdf from "mupdf";
import { tempDir } from "./site.ts";

/** Writes the bytes to a temporary file once, for the functions below (and for a person to open). */
export async function pdfFile(bytes: Uint8Array): Promise<string> {
  const file = join(await tempDir("open-letters-pdf-"), "letter.pdf");
  await writeFile(file, bytes);
  return file;
}

export interface PdfLine {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  /** Top to bottom. */
  lines: PdfLine[];
}

/** The text of one page (1-based) or of every page, each page ending with a form feed as pdftotext's did. */
export async function pdfText(file: string, page?: number): Promise<string> {
  const pdf = await open(file);
  const numbers = page === undefined ? pageNumbers(pdf) : [page];
  return numbers.map((n) => logicalLines(readPage(pdf, n)).map((line) => `${line}\n`).join("") + "\f").join("");
}

/** The document's metadata, under the names and in the formats pdfinfo -isodates printed them. */
export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const pdf = await open(file);
  const info: Record<string, string> = {};
  for (const key of ["Title", "Subject", "Keywords", "Author", "Creator", "Producer"]) {
    const value = pdf.doc.getMetaData(`info:${key}`);
    if (value !== undefined) info[key] = value;
  }
  for (const key of ["CreationDate", "ModDate"]) {
    const value = pdf.doc.getMetaData(`info:${key}`);
    if (value !== undefined) info[key] = isoDate(value);
  }
  const markInfo = pdf.doc.getTrailer().get("Root", "MarkInfo");
  info.Tagged = markInfo.isDictionary() && markInfo.get("Marked").isBoolean() && markInfo.get("Marked").asBoolean() ? "yes" : "no";
  info.Pages = String(pdf.doc.countPages());
  info.Encrypted = pdf.doc.getMetaData("encryption") === "None" ? "no" : "yes";
  const first = pdf.doc.loadPage(0);
  const [x0, y0, x1, y1] = first.getBounds("CropBox");
  info["Page size"] = pageSize(x1 - x0, y1 - y0);
  info["PDF version"] = (pdf.doc.getMetaData("format") ?? "").replace(/^PDF /, "");
  return info;
}

/** Names of the fonts the pages use (embedded or not), once each, without the subset prefix (ABCDEF+). */
export async function pdfFonts(file: string): Promise<string[]> {
  const pdf = await open(file);
  const names: string[] = [];
  const seen = new Set<string>();
  const visit = (resources: mupdf.PDFObject) => {
    if (!resources.isDictionary() || seen.has(key(resources))) return;
    seen.add(key(resources));
    const fonts = resources.get("Font");
    if (fonts.isDictionary()) fonts.forEach((font) => {
      if (seen.has(key(font))) return;
      seen.add(key(font));
      names.push(font.get("BaseFont").isName() ? font.get("BaseFont").asName().replace(/^[A-Z]{6}\+/, "") : "[none]");
      visit(font.get("Resources")); // Type 3 glyphs may use fonts of their own
    });
    const xobjects = resources.get("XObject");
    if (xobjects.isDictionary()) xobjects.forEach((xobject) => visit(xobject.get("Resources")));
  };
  for (const n of pageNumbers(pdf)) visit(pdf.doc.findPage(n - 1).getInheritable("Resources"));
  return names;
}

/** One page (1-based) as a PNG image, `dpi` pixels per inch, by MuPDF's renderer. */
export async function pdfPageImage(file: string, page: number, dpi = 72): Promise<Buffer> {
  const pdf = await open(file);
  const pixmap = pdf.doc.loadPage(page - 1).toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false);
  try {
    return Buffer.from(pixmap.asPNG());
  } finally {
    pixmap.destroy();
  }
}

/** The lines of one page (1-based) with their positions. */
export async function pdfLines(file: string, page: number): Promise<PdfPage> {
  return (await pdfLayout(file, page, page))[0]!;
}

/** Every page's lines with their positions, or those of pages first to last (1-based). */
export async function pdfLayout(file: string, first?: number, last?: number): Promise<PdfPage[]> {
  const pdf = await open(file);
  return pageNumbers(pdf, first, last).map((n) => {
    const { width, height, lines } = readPage(pdf, n);
    return { width, height, lines: lines.map(({ text, xMin, yMin, xMax, yMax }) => ({ text, xMin, yMin, xMax, yMax })) };
  });
}

/** Text as a reader follows it through a two-column list: the left column top to bottom, then the right. */
export function columnText(page: PdfPage, top = 0): string {
  const below = page.lines.filter((l) => l.yMin >= top);
  const left = below.filter((l) => l.xMin < page.width / 2);
  const right = below.filter((l) => l.xMin >= page.width / 2);
  return [...left, ...right].map((l) => l.text).join("\n");
}

/** For comparing wrapped, hyphenated text: drops all whitespace and hyphens (soft or real). */
export const squash = (s: string) => s.replace(/[\s\u00ad\u2010-]/g, "");

// --- Opening documents ----------------------------------------------------------------------------

interface OpenPdf {
  doc: mupdf.PDFDocument;
  pages: Map<number, PageText>;
}

/** A few recently read documents by content, since tests read the same file page by page. */
const recent = new Map<string, OpenPdf>();

async function open(file: string): Promise<OpenPdf> {
  const bytes = await readFile(file);
  const id = createHash("sha256").update(bytes).digest("hex");
  const cached = recent.get(id);
  if (cached) {
    recent.delete(id);
    recent.set(id, cached);
    return cached;
  }
  const doc = mupdf.Document.openDocument(bytes, "application/pdf").asPDF();
  if (!doc) throw new Error(`${file} is not a PDF`);
  // Text extraction does not need the structure tree, and MuPDF looks every marked span up in it, which
  // takes seconds per page of a long list (a tagged PDF of 10,000 names: 8 s a page, 0.01 s without).
  doc.getTrailer().get("Root").delete("StructTreeRoot");
  const pdf = { doc, pages: new Map<number, PageText>() };
  recent.set(id, pdf);
  for (const [old, { doc }] of recent) {
    if (recent.size <= 4) break;
    recent.delete(old);
    doc.destroy();
  }
  return pdf;
}

function pageNumbers(pdf: OpenPdf, first = 1, last = pdf.doc.countPages()): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

const key = (o: mupdf.PDFObject) => (o.isIndirect() ? `${o.asIndirect()}` : `direct ${o.pointer}`);

// --- Metadata ---------------------------------------------------------------------------------------

/** D:YYYYMMDDHHmmSS+HH'mm' as pdfinfo -isodates prints it: YYYY-MM-DDTHH:mm:SS+HH:mm (or Z). */
function isoDate(value: string): string {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz]|[+-]\d{2}'?\d{2}'?)?/.exec(value);
  if (!m) return value;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", zone] = m;
  const tz = !zone ? "" : /z/i.test(zone) ? "Z" : `${zone.slice(0, 3)}:${zone.replace(/'/g, "").slice(3, 5)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${tz}`;
}

/** "595.276 x 841.89 pts (A4)", as pdfinfo names the paper. */
function pageSize(w: number, h: number): string {
  const g = (n: number) => String(Number(n.toPrecision(6)));
  let name = "";
  const near = (a: number, b: number, tolerance: number) => (Math.abs(w - a) < tolerance && Math.abs(h - b) < tolerance) || (Math.abs(w - b) < tolerance && Math.abs(h - a) < tolerance);
  if (near(612, 792, 0.1)) name = " (letter)";
  else {
    // A0 to A6: a square metre halved each time, with sides in the ratio 1 : √2.
    let height = (Math.sqrt(Math.SQRT2) * 7200) / 2.54;
    for (let i = 0; i <= 6 && !name; i++, height /= Math.SQRT2) if (near(height / Math.SQRT2, height, 1)) name = ` (A${i})`;
  }
  return `${g(w)} x ${g(h)} pts${name}`;
}

// --- Text -------------------------------------------------------------------------------------------

/** A character with its combining marks, where the page draws it. */
interface Cluster {
  /** In logical order: the letter, then its marks. */
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  baseline: number;
  size: number;
  /** Drawing order on the page of its first and last character. */
  first: number;
  last: number;
  rtl: boolean;
  /** Drawing order of the first and last character of the run of clusters it is drawn in. */
  run?: { first: number; last: number };
}

interface Line extends PdfLine {
  /** In visual order, left to right. */
  clusters: Cluster[];
  seq: number;
}

interface PageText {
  width: number;
  height: number;
  lines: Line[];
  /** The lines' text in logical order, in the order the page draws them (worked out when asked for). */
  logical?: string[];
}

const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
type Kind = "space" | "mark" | "rtl" | "other";
const kinds = new Map<string, Kind>();
/** What a character is to line building (looked up once per character: a long PDF has a million). */
function kind(c: string): Kind {
  let k = kinds.get(c);
  if (!k) {
    k = /^\s$/u.test(c) ? "space" : /^[\p{M}\p{Cf}]$/u.test(c) ? "mark" : RTL.test(c) && !/\p{Nd}/u.test(c) ? "rtl" : "other";
    kinds.set(c, k);
  }
  return k;
}
const isRtl = (c: string) => kind(c[0] ?? "") === "rtl";

function readPage(pdf: OpenPdf, number: number): PageText {
  const cached = pdf.pages.get(number);
  if (cached) return cached;
  const page = pdf.doc.loadPage(number - 1);
  const [bx0, by0, bx1, by1] = page.getBounds();
  const text = page.toStructuredText("preserve-ligatures");
  const clusters: Cluster[] = [];
  let seq = 0;
  let previous: Cluster | undefined;
  let marks = "";
  text.walk({
    beginLine() {
      previous = undefined;
      marks = "";
    },
    onChar(c, origin, _font, size, q) {
      seq++;
      const k = kind(c);
      if (k === "space") {
        // Spaces are put back from the gaps between words, as pdftotext did.
        previous = undefined;
        marks = "";
      } else if (k === "mark") {
        // A vowel mark, an accent or a joiner belongs to the letter before it in the same word, or else (as
        // Amiri's marks sometimes come first) to the letter after it.
        if (previous) {
          previous.text += c;
          previous.last = seq;
        } else marks += c;
      } else {
        previous = {
          text: c + marks,
          x0: Math.min(q[0], q[2], q[4], q[6]), x1: Math.max(q[0], q[2], q[4], q[6]),
          y0: Math.min(q[1], q[3], q[5], q[7]), y1: Math.max(q[1], q[3], q[5], q[7]),
          baseline: origin[1], size, first: seq - marks.length, last: seq, rtl: k === "rtl",
        };
        marks = "";
        clusters.push(previous);
      }
    },
  });
  text.destroy();
  const lines = groupLines(clusters);
  const result: PageText = {
    width: bx1 - bx0,
    height: by1 - by0,
    lines: [...lines].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin),
  };
  pdf.pages.set(number, result);
  return result;
}

function logicalLines(page: PageText): string[] {
  page.logical ??= [...page.lines].sort((a, b) => a.seq - b.seq).map(logicalText);
  return page.logical;
}

/** Clusters on one baseline (within half a font size, so superscripts too), split where a gap is wider than a font size. */
function groupLines(clusters: Cluster[]): Line[] {
  const rows: { baseline: number; size: number; clusters: Cluster[] }[] = [];
  for (const c of [...clusters].sort((a, b) => a.baseline - b.baseline)) {
    const row = rows.at(-1);
    if (row && Math.abs(c.baseline - row.baseline) <= 0.5 * Math.max(c.size, row.size)) {
      row.clusters.push(c);
      if (c.size > row.size) Object.assign(row, { baseline: c.baseline, size: c.size });
    } else rows.push({ baseline: c.baseline, size: c.size, clusters: [c] });
  }
  const lines: Line[] = [];
  for (const row of rows) {
    const sorted = row.clusters.sort((a, b) => a.x0 + a.x1 - (b.x0 + b.x1));
    let current: Cluster[] = [];
    let right = -Infinity;
    for (const c of sorted) {
      if (current.length && c.x0 - right > Math.max(c.size, current.at(-1)!.size)) {
        lines.push(makeLine(current));
        current = [];
      }
      current.push(c);
      right = current.length === 1 ? c.x1 : Math.max(right, c.x1);
    }
    if (current.length) lines.push(makeLine(current));
  }
  return lines;
}

/**
 * The clusters of a line in visual order. The PDF draws each word as one run, right-to-left ones in
 * logical order from right to left, and a ligature's letters may all sit at one point: so keep the
 * drawing order within a run and place the runs by position.
 */
function visualOrder(clusters: Cluster[]): Cluster[] {
  const runs: Cluster[][] = [];
  for (const c of [...clusters].sort((a, b) => a.first - b.first)) {
    const run = runs.at(-1);
    const before = run?.at(-1);
    const onward = before && (c.rtl ? c.x1 <= before.x0 + 0.3 * c.size : c.x0 >= before.x1 - 0.3 * c.size);
    if (run && before && onward && c.first === before.last + 1 && c.rtl === before.rtl && Math.abs(c.baseline - before.baseline) < 0.1 * c.size) run.push(c);
    else runs.push([c]);
  }
  for (const run of runs) {
    const span = { first: run[0]!.first, last: run.at(-1)!.last };
    for (const c of run) c.run = span;
  }
  const left = (run: Cluster[]) => Math.min(...run.map((c) => c.x0 + c.x1));
  return runs.sort((a, b) => left(a) - left(b)).flatMap((run) => (run[0]!.rtl ? [...run].reverse() : run));
}

/** A gap wider than this (in font sizes) between two characters is a space. */
const SPACE = 0.12;

/**
 * Whether a space separates two neighbouring clusters, left and right: a gap, or (as pdftotext made a
 * footnote number a word of its own) another baseline or size, or not being drawn one after the other.
 */
function spaced(a: Cluster, b: Cluster): boolean {
  const size = Math.max(a.size, b.size);
  if (b.x0 - a.x1 > SPACE * size) return true;
  if (Math.abs(a.baseline - b.baseline) > 0.1 * size || Math.abs(a.size - b.size) > 0.05 * size) return true;
  // Typst draws the runs of a line from left to right (right-to-left words too): a run drawn out of
  // that order, such as a footnote number set after the line, is a word of its own.
  return a.run !== b.run && a.run!.last + 1 !== b.run!.first;
}

function makeLine(unordered: Cluster[]): Line {
  const clusters = visualOrder(unordered);
  let text = "";
  clusters.forEach((c, i) => {
    if (i > 0 && spaced(clusters[i - 1]!, c)) text += " ";
    // In visual order a right-to-left letter's marks come before it, as in the words of pdftotext -bbox.
    text += c.rtl ? [...c.text].reverse().join("") : c.text;
  });
  return {
    text,
    clusters,
    xMin: Math.min(...clusters.map((c) => c.x0)),
    yMin: Math.min(...clusters.map((c) => c.y0)),
    xMax: Math.max(...clusters.map((c) => c.x1)),
    yMax: Math.max(...clusters.map((c) => c.y1)),
    seq: Math.min(...clusters.map((c) => c.first)),
  };
}

type Direction = "L" | "R" | "D" | "N";

/** Strong left-to-right, strong right-to-left, digit or neutral: the Unicode bidi classes, simplified. */
const direction = (text: string): Direction => (isRtl(text) ? "R" : /^\p{Nd}/u.test(text) ? "D" : /^\p{L}/u.test(text) ? "L" : "N");

/**
 * A line's text in logical order, as a reader copying it gets it. The clusters are in visual order, so
 * undo the bidi algorithm's reordering (rule L2), with embedding levels resolved the simple way: a line
 * with right-to-left letters is a right-to-left paragraph (level 1), in which left-to-right words and
 * numbers are level 2, and so are neutrals between two of them (rule N1, numbers counting as
 * right-to-left there, so "1 / 5" stays three runs).
 */
function logicalText(line: Line): string {
  const units: { text: string; dir: Direction }[] = [];
  line.clusters.forEach((c, i) => {
    if (i > 0 && spaced(line.clusters[i - 1]!, c)) units.push({ text: " ", dir: "N" });
    units.push({ text: c.text, dir: direction(c.text) });
  });
  if (!units.some((u) => u.dir === "R")) return units.map((u) => u.text).join("");
  // W4: a single separator between two digits belongs to the number ("1/5", "3.14", "1,000").
  units.forEach((u, i) => {
    if (u.dir === "N" && /^[.,/:+\-]$/.test(u.text) && units[i - 1]?.dir === "D" && units[i + 1]?.dir === "D") u.dir = "D";
  });
  const strong = (i: number, step: number): Direction => {
    for (let j = i + step; j >= 0 && j < units.length; j += step) if (units[j]!.dir !== "N") return units[j]!.dir;
    return "R";
  };
  const levels = units.map((u, i) => (u.dir === "R" ? 1 : u.dir !== "N" ? 2 : strong(i, -1) === "L" && strong(i, 1) === "L" ? 2 : 1));
  // Reversing the runs at level 1 or more, then those at level 2, undoes reversing them in the other order.
  let order = units.map((_, i) => i);
  for (const level of [1, 2]) {
    const next: number[] = [];
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j < order.length && levels[order[j]!]! >= level) j++;
      if (j > i) next.push(...order.slice(i, j).reverse());
      else next.push(order[j++]!);
      i = j;
    }
    order = next;
  }
  return order.map((i) => units[i]!.text).join("");
}
