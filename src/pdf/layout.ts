// The Typst side of a PDF: the constant layout (letter.typ) and the JSON it reads from sys.inputs.data.
// Nothing from a letter is ever spliced into Typst source; that is why no Typst escaping is needed, and
// why a name like `#sys.exit()` or `*bold*` prints as written.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PdfDocument } from "./document.ts";
import { FONT_FAMILY } from "./fonts.ts";
import { bodyTree, type BodyTree } from "./tree.ts";

/** The Typst source of every PDF; read once. */
export const LAYOUT = readFileSync(join(import.meta.dirname, "letter.typ"), "utf8");

/** Everything letter.typ reads. Absent values are null (Typst's `none`), never missing keys. */
export interface LayoutData {
  title: string;
  author: string;
  keywords: string[];
  date: { year: number; month: number; day: number };
  dateText: string;
  lang: string;
  region: string | null;
  font: string;
  paper: "a4" | "us-letter";
  to: string[];
  salutation: string | null;
  body: BodyTree;
  signatories: {
    heading: string;
    note: string | null;
    withdrawnText: string | null;
    groups: Array<{ heading: string | null; entries: Array<{ name: string; role: string | null }> }>;
  };
  footer: string | null;
}

export function layoutData(doc: PdfDocument): LayoutData {
  const [year, month, day] = doc.date.split("-").map(Number) as [number, number, number];
  return {
    title: doc.title,
    author: doc.metadata.author,
    keywords: doc.metadata.keywords,
    date: { year, month, day },
    dateText: doc.dateText,
    ...typstLanguage(doc.lang),
    font: FONT_FAMILY,
    paper: doc.paper,
    to: doc.to.map(oneLine),
    salutation: nullable(doc.salutation),
    body: bodyTree(doc.body, { docId: doc.docId }, { siteUrl: doc.siteUrl }),
    signatories: {
      heading: oneLine(doc.signatories.heading),
      note: nullable(doc.signatories.note),
      withdrawnText: nullable(doc.signatories.withdrawnText),
      groups: doc.signatories.groups.map((group) => ({
        heading: nullable(group.heading),
        entries: group.entries.map((e) => ({ name: oneLine(e.name), role: nullable(e.role) })),
      })),
    },
    footer: nullable(doc.footer),
  };
}

/**
 * Typst wants an ISO 639 language and an optional ISO 3166 region: "en-GB" → en + GB, "pt-BR" → pt + BR,
 * "sr-Latn-RS" → sr + RS. The script is dropped (Typst infers it from the text).
 */
export function typstLanguage(tag: string): { lang: string; region: string | null } {
  try {
    const locale = new Intl.Locale(tag);
    return { lang: locale.language.toLowerCase(), region: locale.region && /^[A-Z]{2}$/.test(locale.region) ? locale.region : null };
  } catch {
    return { lang: "en", region: null };
  }
}

// A newline inside a Typst string is a line break; YAML block scalars may carry one into a name.
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
const nullable = (s: string | undefined) => (s === undefined ? null : oneLine(s));
