// View models for the templates: everything a page shows, computed from the content model, so templates
// hold no logic. Eleventy receives these as global data.
import { formatDate, t } from "./i18n.ts";
import { renderMarkdown } from "./markdown.ts";
import { signView, type SignView } from "./sign-view.ts";
import type { Letter, LetterStatus, Signatory, Site, SiteConfig } from "./types.ts";

export interface SignatoryView {
  name: string;
  /** Title and affiliation, as printed after the name. */
  role?: string;
  url?: string;
  type?: string;
}

export interface SignatoryGroupView {
  heading?: string;
  signatories: SignatoryView[];
}

export interface LetterPage {
  slug: string;
  /** Site-relative URL of the page, before any path prefix. */
  url: string;
  title: string;
  lang: string;
  dir: "ltr" | "rtl";
  date: string;
  dateText: string;
  to: string[];
  salutation?: string;
  summary?: string;
  status: LetterStatus;
  statusText: string;
  html: string;
  signatories: {
    heading: string;
    note?: string;
    count: number;
    countText: string;
    groups: SignatoryGroupView[];
  };
  /** The "Sign this letter" section; only on open letters with a repository or sign_email configured. */
  sign?: SignView;
}

export interface SiteData {
  config: SiteConfig;
  letters: LetterPage[];
}

export interface PageOptions {
  /** Include drafts (local preview) or not (production build). */
  drafts: boolean;
}

export function buildPages(site: Site, options: PageOptions): SiteData {
  const letters = site.letters
    .filter((letter) => options.drafts || letter.status !== "draft")
    .map((letter) => ({ ...letterPage(letter), sign: signView(letter, site.config) }))
    // Newest first on the home page; the slug breaks ties so the order never depends on the file system.
    .sort((a, b) => (a.date === b.date ? (a.slug < b.slug ? -1 : 1) : a.date < b.date ? 1 : -1));
  return { config: site.config, letters };
}

export function letterPage(letter: Letter): LetterPage {
  return {
    slug: letter.slug,
    url: `/${letter.slug}/`,
    title: letter.title,
    lang: letter.lang,
    dir: textDirection(letter.lang),
    date: letter.date,
    dateText: formatDate(letter.date, letter.lang),
    to: letter.to,
    salutation: letter.salutation,
    summary: letter.summary,
    status: letter.status,
    statusText: t(letter.lang, `status_${letter.status}`),
    html: renderMarkdown(letter.body, { docId: letter.slug, footnotesLabel: t(letter.lang, "notes") }),
    signatories: {
      heading: letter.display.heading,
      note: letter.display.note,
      count: letter.signatories.length,
      countText: t(letter.lang, "signatoryCount", letter.signatories.length),
      groups: groupSignatories(letter.signatories),
    },
  };
}

function groupSignatories(signatories: readonly Signatory[]): SignatoryGroupView[] {
  const groups: SignatoryGroupView[] = [];
  for (const s of signatories) {
    let group = groups.at(-1);
    if (!group || group.heading !== s.group) groups.push((group = { heading: s.group, signatories: [] }));
    group.signatories.push(signatoryView(s));
  }
  return groups;
}

export function signatoryView(s: Signatory): SignatoryView {
  const role = [s.title, s.affiliation].filter(Boolean).join(", ");
  return { name: s.name, role: role || undefined, url: s.url, type: s.type };
}

const RTL_SCRIPTS = new Set(["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"]);

/** Writing direction of a language, from its likely script (Intl.Locale.maximize adds it). */
export function textDirection(lang: string): "ltr" | "rtl" {
  try {
    const script = new Intl.Locale(lang).maximize().script;
    return script && RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
  } catch {
    return "ltr";
  }
}
