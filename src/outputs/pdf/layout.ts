// The Typst side of a PDF: the constant layout (letter.typ) and the JSON it reads from sys.inputs.data.
// Nothing from a letter is ever spliced into Typst source; that is why no Typst escaping is needed, and
// why a name like `#sys.exit()` or `*bold*` prints as written.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { t } from "../../i18n/messages.ts";
import { primaryLanguage } from "../../model/language.ts";
import { textDirection } from "../../describe/direction.ts";
import type { PdfDocument } from "./document.ts";
import { fontFamiliesFor } from "../typst/fonts.ts";
import { bodyTree, type BodyTree } from "./tree.ts";
import { oncePer } from "../../common/once-per.ts";

/** The Typst source of every PDF; read once. */
export const LAYOUT = readFileSync(join(import.meta.dirname, "letter.typ"), "utf8");
/**
 * A delivery pack's: the letter's layout, unchanged, then the annex and last page (pack.typ), which use
 * its functions. letter.typ itself is left alone: its text is part of every released PDF's input hash.
 */
export const PACK_LAYOUT = `${LAYOUT}\n${readFileSync(join(import.meta.dirname, "pack.typ"), "utf8")}`;

/** The Typst source a document is typeset with. */
export const layoutOf = (doc: Pick<PdfDocument, "pack">) => (doc.pack ? PACK_LAYOUT : LAYOUT);

type Direction = "ltr" | "rtl";

/** A language as Typst sets it: hyphenation, quotes and direction. */
export interface Language {
  lang: string;
  region: string | null;
  dir: Direction;
}

/** Everything letter.typ reads. Absent values are null (Typst's `none`), never missing keys. */
export interface LayoutData {
  title: string;
  author: string;
  keywords: string[];
  /** The PDF's Subject, e.g. "Version 2 · released 1 June 2024". */
  description: string | null;
  date: { year: number; month: number; day: number };
  dateText: string;
  lang: string;
  region: string | null;
  /** Writing direction, decided as for the web page so that both agree (see textDirection). */
  dir: "ltr" | "rtl";
  /** Font families in fallback order: those the document prints from (see fontFamiliesFor). */
  font: readonly string[];
  paper: "a4" | "us-letter";
  to: string[];
  salutation: string | null;
  body: BodyTree;
  signatories: {
    heading: string;
    note: string | null;
    /** Language of the heading and note when it is not the letter's (a translation that keeps the original's). */
    headingLang: Language | null;
    noteLang: Language | null;
    withdrawnText: string | null;
    withdrawnDir: Direction | null;
    /** `dir`: set when a heading or name reads the other way than the letter (a Latin name in Arabic). */
    groups: Array<{ heading: string | null; dir: Direction | null; entries: Array<{ name: string; role: string | null; dir: Direction | null }> }>;
  };
  footer: string | null;
  /** The footer's page number with {page} and {total} to fill in, in the page's language. */
  pageNumber: string;
  /** The digits 0 to 9 as the language writes numbers (Persian: ۰ to ۹), for the page numbers. */
  digits: string[];
  /** Delivery packs only (absent, not null, in a letter's: its input hash stays what editions recorded). */
  pack?: PackLayout;
}

type Entry = LayoutData["signatories"]["groups"][number];

/** What pack.typ reads: the pack's texts as one-line strings, the list as the letter's list is laid out. */
export interface PackLayout {
  heading: string;
  summary: string;
  withdrawnText: string | null;
  tables: Array<{ heading: string; chart: { svg: string; alt: string } | null; columns: string[]; align: ("start" | "end")[]; rows: string[][] }>;
  listHeading: string;
  groups: Entry[];
  check: { heading: string; text: string; addressLabel: string; address: string; hashLabel: string; hash: string; qr: string; qrCaption: string; qrText: string; qrLines: string[] };
}

/**
 * Made once per document: a build asks for it to check the scripts (the gate), to key the cache and to
 * typeset, and a 200-letter site has 1,200 documents of 500 names. A document is never changed once
 * described (an edition's list makes a new one), so its object is the key.
 */
export const layoutData: (doc: PdfDocument) => LayoutData = oncePer(withFonts);

function withFonts(doc: PdfDocument): LayoutData {
  const data = layoutDataWithoutFonts(doc);
  // Every string the layout may print decides the fonts; keys and codes ("a4", "ltr") are Latin and cost
  // nothing, so walking the whole object is simpler than listing the printed fields and cannot miss one.
  data.font = fontFamiliesFor(doc.lang, strings(data).join("\n"));
  return data;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === "object") for (const item of Object.values(value)) strings(item, out);
  return out;
}

function layoutDataWithoutFonts(doc: PdfDocument): LayoutData {
  const [year, month, day] = doc.date.split("-").map(Number) as [number, number, number];
  const dir = textDirection(doc.lang);
  const otherLanguage = (tag: string | undefined) => (tag && tag !== doc.lang ? { ...typstLanguage(tag), dir: textDirection(tag) } : null);
  const otherDirection = (text: string) => {
    const own = firstStrongDirection(text);
    return own && own !== dir ? own : null;
  };
  return {
    title: doc.title,
    author: doc.metadata.author,
    keywords: doc.metadata.keywords,
    description: nullable(doc.metadata.subject),
    date: { year, month, day },
    dateText: doc.dateText,
    ...typstLanguage(doc.lang),
    // Typst would infer the direction from the language too, but from its own list, which differs from
    // the web page's for some languages (it puts Punjabi, written in Gurmukhi, right to left, and Sorani
    // Kurdish left to right); one rule for both keeps the page and its PDF the same way round.
    dir,
    font: [],
    paper: doc.paper,
    to: doc.to.map(oneLine),
    salutation: nullable(doc.salutation),
    body: bodyTree(doc.body, { docId: doc.docId }, { siteUrl: doc.siteUrl }),
    signatories: {
      heading: oneLine(doc.signatories.heading),
      note: nullable(doc.signatories.note),
      headingLang: otherLanguage(doc.signatories.headingLang),
      noteLang: otherLanguage(doc.signatories.noteLang),
      withdrawnText: nullable(doc.signatories.withdrawnText),
      withdrawnDir: doc.signatories.withdrawnText ? otherDirection(doc.signatories.withdrawnText) : null,
      groups: doc.signatories.groups.map((group) => ({
        heading: nullable(group.heading),
        dir: group.heading ? otherDirection(group.heading) : null,
        entries: group.entries.map((e) => ({ name: oneLine(e.name), role: nullable(e.role), dir: otherDirection(`${e.name} ${e.role ?? ""}`) })),
      })),
    },
    footer: nullable(doc.footer),
    pageNumber: doc.pageNumber ?? t(doc.lang, "pdfPageNumber"),
    digits: digits(doc.lang),
    ...(doc.pack ? { pack: packLayout(doc.pack, otherDirection) } : {}),
  };
}

function packLayout(pack: NonNullable<PdfDocument["pack"]>, otherDirection: (text: string) => Direction | null): PackLayout {
  const { check } = pack;
  return {
    heading: oneLine(pack.heading),
    summary: oneLine(pack.summary),
    withdrawnText: nullable(pack.withdrawnText),
    tables: pack.tables.map((table) => ({
      heading: oneLine(table.heading),
      chart: table.chart ? { svg: table.chart.svg, alt: oneLine(table.chart.alt) } : null,
      columns: table.columns.map(oneLine),
      align: table.align,
      rows: table.rows.map((row) => row.map(oneLine)),
    })),
    listHeading: oneLine(pack.listHeading),
    // As the letter's list: names and roles from signatory files are only ever Typst strings.
    groups: pack.groups.map((group) => ({
      heading: nullable(group.heading),
      dir: group.heading ? otherDirection(group.heading) : null,
      entries: group.entries.map((e) => ({ name: oneLine(e.name), role: nullable(e.role), dir: otherDirection(`${e.name} ${e.role ?? ""}`) })),
    })),
    check: { ...check, heading: oneLine(check.heading), text: oneLine(check.text), addressLabel: oneLine(check.addressLabel), hashLabel: oneLine(check.hashLabel), qrCaption: oneLine(check.qrCaption) },
  };
}

/** 0 to 9 as `lang` writes them, the way the dates in the same PDF are written (Intl decides both). */
export function digits(lang: string): string[] {
  try {
    const format = new Intl.NumberFormat(lang, { useGrouping: false });
    return Array.from({ length: 10 }, (_, i) => format.format(i));
  } catch {
    return [..."0123456789"];
  }
}

// Letters of the scripts written right to left (Unicode's bidirectional classes R and AL).
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Samaritan}\p{Script=Mandaic}]/u;

/**
 * The direction of a text from its first letter, as HTML's dir="auto" decides it. Without it a Latin
 * name in an Arabic letter would be laid out right to left: "Acme (EU)" would print as ")Acme (EU".
 */
export function firstStrongDirection(text: string): Direction | undefined {
  const letter = /\p{L}/u.exec(text)?.[0];
  return letter === undefined ? undefined : RTL_LETTER.test(letter) ? "rtl" : "ltr";
}

/**
 * Typst wants an ISO 639 language and an optional ISO 3166 region: "en-GB" → en + GB, "pt-BR" → pt + BR,
 * "sr-Latn-RS" → sr + RS. The script is dropped (Typst infers it from the text).
 */
export function typstLanguage(tag: string): { lang: string; region: string | null } {
  try {
    const locale = new Intl.Locale(tag);
    // The loader takes only tags whose language Typst takes (model/language.ts), "und" included.
    return { lang: primaryLanguage(tag) ?? "en", region: locale.region && /^[A-Z]{2}$/.test(locale.region) ? locale.region : null };
  } catch {
    return { lang: "en", region: null };
  }
}

// A newline inside a Typst string is a line break; YAML block scalars may carry one into a name.
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
const nullable = (s: string | undefined) => (s === undefined ? null : oneLine(s));
