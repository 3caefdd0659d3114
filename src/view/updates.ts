// The updates timeline of a letter's current page: newest first, the latest marked, each in the page's
// language where a translation exists (else the original's, marked with its language), with an anchor
// that stays the same for as long as the file keeps its name.
import { formatDate, type MessageKey, type Messages } from "../i18n/messages.ts";
import type { Letter, LetterUpdate, UpdateKind } from "../model/types.ts";
import { renderMarkdown } from "../render/markdown.ts";

export interface UpdateView {
  id: string;
  /** The element id, and the #fragment of its permanent address. */
  anchor: string;
  date: string;
  dateText: string;
  kind: UpdateKind;
  kindText: string;
  title: string;
  html: string;
  /** The language the update is shown in, when it is not the page's (no translation yet). */
  lang?: string;
  latest: boolean;
  /** A delivered update's delivery pack, set by the PDF step (src/eleventy/pdf.ts). */
  pack?: PackLink;
}

/** The delivery pack's link, as a page's PdfLink (letter-page.ts) says its PDF: address, size, pages, SHA-256. */
export interface PackLink {
  url: string;
  linkText: string;
  bytes?: number;
  sha256?: string;
  sizeText?: string;
  pages?: number;
  pagesText?: string;
  /** Local preview: typeset when the browser asks for it, so no size or hash yet. */
  onDemand?: boolean;
}

const KIND_KEYS: Record<UpdateKind, MessageKey> = {
  delivered: "updateDelivered",
  response: "updateResponse",
  press: "updatePress",
  update: "updateUpdate",
};

export const updateAnchor = (update: Pick<LetterUpdate, "id">) => `update-${update.id}`;

/** The update's words in `lang`: its translation, or the original with the original's language. */
export function updateIn(update: LetterUpdate, letter: Pick<Letter, "lang">, lang: string): { title: string; body: string; lang: string } {
  const translation = update.translations[lang];
  return translation ? { ...translation, lang } : { title: update.title, body: update.body, lang: letter.lang };
}

export function updateViews(letter: Letter, lang: string, { t }: Messages): UpdateView[] {
  return letter.updates.map((update, i) => {
    const words = updateIn(update, letter, lang);
    return {
      id: update.id,
      anchor: updateAnchor(update),
      date: update.date,
      dateText: formatDate(update.date, lang),
      kind: update.kind,
      kindText: t(lang, KIND_KEYS[update.kind]),
      title: words.title,
      html: renderMarkdown(words.body, { docId: `${letter.slug}-${updateAnchor(update)}`, footnotesLabel: t(lang, "notes"), footnoteBackLabel: t(lang, "footnoteBack") }),
      lang: words.lang === lang ? undefined : words.lang,
      latest: i === 0,
    };
  });
}
