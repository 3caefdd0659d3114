// What one PDF prints: a "PDF job" independent of where it comes from. Today every letter gives one; with
// versions and translations every (letter, version, language) builds its own PdfDocument the same way.
import { signatoryLine, type LetterDocument } from "../../describe/letter-document.ts";
import { formatDate, messagesWith } from "../../i18n/messages.ts";
import type { EditionList, Letter, PaperSize, Signatory, SiteConfig } from "../../model/types.ts";

export interface PdfEntry {
  name: string;
  /** Title and affiliation, as printed under the name. */
  role?: string;
  /** `file:line:col` of the entry, named in warnings about it. */
  source?: string;
}

export interface PdfSignatories {
  heading: string;
  note?: string;
  /** Language of the heading and of the note, when not the document's (a translation that kept the original's). */
  headingLang?: string;
  noteLang?: string;
  groups: Array<{ heading?: string; entries: PdfEntry[] }>;
  /** e.g. "2 signatures were withdrawn.", printed after the list. */
  withdrawnText?: string;
}

export interface PdfDocument {
  slug: string;
  /** BCP 47 tag of the text: sets hyphenation, quotes and the PDF's language. */
  lang: string;
  title: string;
  /** ISO date YYYY-MM-DD: the PDF's document date, so two builds give identical bytes. */
  date: string;
  /** The date as printed on the letter. */
  dateText: string;
  to: string[];
  salutation?: string;
  /** Markdown source of the body. */
  body: string;
  /** Prefix that keeps footnote ids apart when several documents share a page (as in the HTML). */
  docId: string;
  /** Public address of the site, so that links to other pages of the site still work from the PDF. */
  siteUrl?: string;
  signatories: PdfSignatories;
  /** A line printed at the foot of every page beside the page number, e.g. a version and its date. */
  footer?: string;
  /**
   * The page number in the footer, with {page} and {total} for the PDF to fill in ("{page} / {total}"), in
   * the site's words; the shipped catalogue's when absent.
   */
  pageNumber?: string;
  /** `subject` is the PDF's Subject (Typst's document description), e.g. the version and its date. */
  metadata: { author: string; keywords: string[]; subject?: string };
  paper: PaperSize;
  /** The file the document comes from, named in warnings and errors (e.g. letters/x/letter.md). */
  source: string;
  /** A delivery pack: the annex and the last page after the letter (pack.ts); the letter then prints no list. */
  pack?: PdfPack;
}

/** A table of the pack's annex, with the chart that draws the same figures. */
export interface PdfPackTable {
  heading: string;
  /** SVG (print palette), embedded as an image; `alt` is its text alternative. */
  chart?: { svg: string; alt: string };
  columns: string[];
  /** Per column: numbers line up at the end. */
  align: ("start" | "end")[];
  rows: string[][];
}

/** What a delivery pack prints after the letter, every text already in the letter's language. */
export interface PdfPack {
  heading: string;
  summary: string;
  withdrawnText?: string;
  tables: PdfPackTable[];
  listHeading: string;
  groups: PdfSignatories["groups"];
  check: {
    heading: string;
    text: string;
    addressLabel: string;
    address: string;
    hashLabel: string;
    hash: string;
    /** The QR code as SVG, holding `qrText`. */
    qr: string;
    qrCaption: string;
    qrText: string;
    /** `qrText` in lines that fit the page. */
    qrLines: string[];
  };
}

/**
 * The PDF of one page (current or a version, in one language), built from the same document as the
 * HTML page, so both show the same text and the same list.
 */
export function pdfDocumentFromPage(page: LetterDocument, config: SiteConfig): PdfDocument {
  const { t } = messagesWith(config.interfaceText);
  // "Version 2 · released 1 June 2024", in the page's language: a printed copy says which text it is.
  const footer = page.release ? t(page.lang, "pdfFooter", page.release.version, page.release.dateText) : t(page.lang, "status_draft");
  return {
    slug: page.slug,
    lang: page.lang,
    title: page.title,
    date: page.date,
    dateText: page.dateText,
    to: page.to,
    salutation: page.salutation,
    body: page.body,
    docId: page.slug,
    siteUrl: config.url,
    signatories: {
      heading: page.signatories.heading,
      note: page.signatories.note,
      headingLang: page.signatories.headingLang,
      noteLang: page.signatories.noteLang,
      // The document's groups hold every entry, also where a long list's page shows only the first.
      groups: page.signatories.groups.map((g) => ({
        heading: g.heading,
        entries: g.signatories.map((s) => ({ name: s.name, role: s.role, source: s.source })),
      })),
      withdrawnText: page.signatories.withdrawnText,
    },
    footer,
    pageNumber: t(page.lang, "pdfPageNumber"),
    metadata: {
      author: config.author,
      keywords: ["open letter", config.title, ...(page.release ? [`version ${page.release.version}`, `released ${page.release.date}`] : [])],
      subject: footer,
    },
    paper: config.paper,
    source: page.source,
  };
}

/**
 * A released version's PDF as its latest edition prints it: the list recorded with that edition, not
 * today's, so a corrected spelling does not change a PDF whose hash was published (a withdrawal does,
 * through a new edition).
 */
export function withEditionList(doc: PdfDocument, list: EditionList, config: Pick<SiteConfig, "interfaceText">): PdfDocument {
  const { t } = messagesWith(config.interfaceText);
  return {
    ...doc,
    signatories: {
      ...doc.signatories,
      groups: list.groups.map((g) => ({ heading: g.heading, entries: inOrder(g.entries, list.orders?.[doc.lang]).map((e) => ({ name: e.name, role: e.role })) })),
      withdrawnText: list.withdrawn ? t(doc.lang, "withdrawnCount", list.withdrawn) : undefined,
    },
  };
}

/** A group's entries in a language's recorded order (`ids`); entries it does not name keep their place after those it does. */
function inOrder<T extends { id: string }>(entries: readonly T[], ids: readonly string[] | undefined): readonly T[] {
  if (!ids) return entries;
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...entries].sort((a, b) => (rank.get(a.id) ?? ids.length) - (rank.get(b.id) ?? ids.length));
}

/** Where a page's PDF goes, beside the page, with a name that says what it is once downloaded. */
export function pagePdfPath(page: Pick<LetterDocument, "url" | "slug" | "kind" | "lang" | "release">, originalLang: string): string {
  const parts = [page.slug];
  if (page.kind === "version" && page.release) parts.push(`v${page.release.version}`);
  if (page.lang !== originalLang) parts.push(page.lang.toLowerCase());
  return `${page.url.replace(/^\//, "")}${parts.join("-")}.pdf`;
}

/** The PDF of a letter as it stands (its working text and every signatory who has not withdrawn). */
export function pdfDocumentFromLetter(letter: Letter, config: SiteConfig): PdfDocument {
  return {
    slug: letter.slug,
    lang: letter.lang,
    title: letter.title,
    date: letter.date,
    dateText: formatDate(letter.date, letter.lang),
    to: letter.to,
    salutation: letter.salutation,
    body: letter.body,
    docId: letter.slug,
    siteUrl: config.url,
    signatories: {
      heading: letter.display.heading,
      note: letter.display.note,
      groups: groupEntries(letter.signatories.filter((s) => !s.withdrawn)),
    },
    pageNumber: messagesWith(config.interfaceText).t(letter.lang, "pdfPageNumber"),
    metadata: { author: config.author, keywords: ["open letter", config.title] },
    paper: config.paper,
    source: letter.file,
  };
}

/** Signatories under their group headings, in display order; the role text is the web page's. */
export function groupEntries(signatories: readonly Signatory[]): PdfSignatories["groups"] {
  const groups: PdfSignatories["groups"] = [];
  for (const s of signatories) {
    let group = groups.at(-1);
    if (!group || group.heading !== s.group) groups.push((group = { heading: s.group, entries: [] }));
    const { name, role } = signatoryLine(s, s);
    group.entries.push({ name, role, source: `${s.source.file}:${s.source.line}:${s.source.column}` });
  }
  return groups;
}

/** The PDF's file name next to its page: `<slug>/<slug>.pdf`, readable when downloaded. */
export function pdfPath(doc: Pick<PdfDocument, "slug">): string {
  return `${doc.slug}/${doc.slug}.pdf`;
}
