// The view model of a letter page: a LetterDocument (describe/) with what only a web page has: the
// interface strings, the rendered HTML, banners, the language switcher, the PDF link and the sign form.
import { historyUrl, letterUrl, type DocumentSignatories, type LetterDocument, type SignatoryLine } from "../describe/letter-document.ts";
import { languageName, messagesWith, type MessageKey, type Messages } from "../i18n/messages.ts";
import type { Letter, SiteConfig } from "../model/types.ts";
import { renderMarkdown } from "../render/markdown.ts";
import type { CountsChartView, LargeListView, SignatoryGroupView } from "./list-views.ts";
import { inPageLanguage, type ReleaseView } from "./release-view.ts";
import { signView, type SignView } from "./sign-section.ts";
import { updateViews, type UpdateView } from "./updates.ts";

/** What a page shows of a signatory. */
export type SignatoryView = SignatoryLine;

/** The typeset PDF of a page, set by the PDF plugin's page data step (src/eleventy/pdf.ts). */
export interface PdfLink {
  /** Site-relative URL, before any path prefix, e.g. /belgium-e2ee/belgium-e2ee.pdf. */
  url: string;
  linkText: string;
  /** Local preview: the PDF is typeset when opened, so its size is not known yet. */
  onDemand?: boolean;
  bytes?: number;
  /** SHA-256 of the file, published so anyone can check a copy they were sent. */
  sha256?: string;
  /** e.g. "64 kB". */
  sizeText?: string;
  pages?: number;
  /** e.g. "2 pages". */
  pagesText?: string;
}

export interface Banner {
  kind: "draft" | "unreleased" | "old-version";
  text: string;
  link?: { href: string; text: string };
}

/** The same page in another language, for the switcher and hreflang links. */
export interface Alternate {
  lang: string;
  /** The language's name in that language, e.g. "Français". */
  name: string;
  url: string;
  current: boolean;
}

/** One letter page: what its document says (see LetterDocument for which), and what only a page has. */
export interface LetterPage
  extends Pick<LetterDocument, "kind" | "slug" | "url" | "letterUrl" | "listUrl" | "title" | "lang" | "dir" | "date" | "dateText" | "to" | "salutation" | "summary" | "status" | "body" | "source"> {
  /** Interface strings in the page's language. */
  ui: Record<MessageKey, string>;
  /** The browser tab's title: a version's page says which version it is. */
  pageTitle: string;
  alternates: Alternate[];
  statusText: string;
  /** The body as HTML (`body` is its Markdown, which letter.json carries too). */
  html: string;
  /** The updates timeline, newest first: on the current pages only (a version's page stays as released). */
  updates: UpdateView[];
  banner?: Banner;
  /** The version shown (undefined for an unreleased letter in preview). */
  release?: ReleaseView;
  historyUrl?: string;
  signatories: Omit<DocumentSignatories, "groups"> & {
    groups: SignatoryGroupView[];
    /** Set when the list is longer than the site's list_threshold (see lists.ts). */
    large?: LargeListView;
    /** With `large`, `groups` holds only the first entries shown on the page; this holds them all. */
    allGroups?: SignatoryGroupView[];
    /**
     * A list short enough to show whole: its counts by type and by country as charts beside it, each only
     * where it has two bars or more to compare (a long list's are in `large`).
     */
    charts?: CountsChartView[];
  };
  pdf?: PdfLink;
  /** The "Sign this letter" section; only on the current pages of open letters with a repository or sign_email. */
  sign?: SignView;
}

/** The page of one document; `releases` are the letter's releases as the history shows them. */
export function letterPage(letter: Letter, doc: LetterDocument, releases: readonly ReleaseView[], config: SiteConfig): LetterPage {
  const release = doc.release && releases.find((r) => r.version === doc.release!.version);
  const messages = messagesWith(config.interfaceText);
  const { t } = messages;
  return {
    kind: doc.kind,
    slug: doc.slug,
    url: doc.url,
    ui: messages.uiStrings(doc.lang),
    pageTitle: doc.kind === "version" && doc.release ? `${doc.title} (${t(doc.lang, "versionInline", doc.release.version)})` : doc.title,
    alternates:
      doc.languages.length > 1
        ? doc.languages.map((other) => ({ lang: other.lang, name: languageName(other.lang), url: other.url, current: other.url === doc.url }))
        : [],
    letterUrl: doc.letterUrl,
    title: doc.title,
    lang: doc.lang,
    dir: doc.dir,
    date: doc.date,
    dateText: doc.dateText,
    to: doc.to,
    salutation: doc.salutation,
    summary: doc.summary,
    status: doc.status,
    statusText: t(doc.lang, `status_${doc.status}`),
    body: doc.body,
    html: renderMarkdown(doc.body, { docId: doc.slug, footnotesLabel: t(doc.lang, "notes"), footnoteBackLabel: t(doc.lang, "footnoteBack") }),
    source: doc.source,
    updates: doc.kind === "current" ? updateViews(letter, doc.lang, messages) : [],
    listUrl: doc.listUrl,
    banner: banner(letter, doc, messages),
    release: release && inPageLanguage(release, doc.lang),
    historyUrl: releases.length ? historyUrl(letter) : undefined,
    // A new object: long lists replace the groups shown on the page, never the document's.
    signatories: { ...doc.signatories },
    // Signing happens on the current page (old versions are closed by nature).
    sign: doc.kind === "current" ? signView(letter, doc, config) : undefined,
  };
}

function banner(letter: Letter, doc: LetterDocument, { t }: Messages): Banner | undefined {
  if (doc.kind === "current" && !doc.translation) {
    if (letter.status === "draft") return { kind: "draft", text: t(letter.lang, "draftBanner") };
    if (!doc.release) return { kind: "unreleased", text: t(letter.lang, "unreleasedBanner") };
    if (doc.working) return { kind: "draft", text: t(letter.lang, "nextDraftBanner", doc.release.version + 1) };
  }
  if (doc.kind === "version" && doc.release && doc.latestVersion !== undefined && doc.release.version < doc.latestVersion) {
    return {
      kind: "old-version",
      text: t(doc.lang, "oldVersionBanner", doc.release.version),
      link: { href: letterUrl(letter), text: t(doc.lang, "readCurrentVersion") },
    };
  }
  if (doc.staleFollows === undefined) return undefined;
  // "This translation follows version 1; the English text has changed since."
  return {
    kind: "old-version",
    text: t(doc.lang, "staleTranslation", doc.staleFollows, languageName(letter.lang, doc.lang, { capitalise: false })),
    link: { href: letterUrl(letter), text: t(doc.lang, "readOriginal") },
  };
}
