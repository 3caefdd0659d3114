// View models for the templates: everything a page shows, computed from the content model, so templates
// hold no logic. Eleventy receives these as global data.
import { publishedSignatory, type PublishedSignatory, type PublishingRules } from "../describe/published.ts";
import { diffLetterTexts } from "../render/diff.ts";
import { formatDate, languageName, t, uiStrings, type MessageKey } from "../i18n/messages.ts";
import { splitLargeLists, type LargeListView, type ListPage } from "./lists.ts";
import { renderMarkdown } from "../render/markdown.ts";
import { outlinesOf, type LetterOutline } from "../build/reuse.ts";
import { currentList, versionList, type VersionList } from "../load/version-lists.ts";
import type { Letter, LetterStatus, LetterText, Release, Signatory, Site, SiteConfig } from "../model/types.ts";
import { isStale } from "../load/translations.ts";
import { sameText } from "../load/versions.ts";
import { signView, type SignView } from "./sign-section.ts";

export interface SignatoryView {
  name: string;
  /** Title and affiliation, as printed after the name. */
  role?: string;
  url?: string;
  type?: string;
  /** `file:line:col` of the entry, for warnings (never shown). */
  source: string;
  /** ISO 3166 code, for counts and filters. */
  country?: string;
  /** Fragment identifier on a list page (long lists only). */
  anchor?: string;
  /** Set when the signatory endorsed an older text than the one on the page. */
  signedVersion?: { version: number; text: string; url: string };
}

export interface SignatoryGroupView {
  heading?: string;
  signatories: SignatoryView[];
  /** Long lists: the group's size when only its first entries are shown, and where the rest are. */
  count?: number;
  countText?: string;
  more?: { href: string; text: string };
  /** Long lists: set on a list page whose first group began on an earlier page. */
  continued?: string;
}

/** The typeset PDF of a page, set by the PDF plugin's page data step (src/eleventy/pdf.ts, src/outputs/pdf/jobs.ts). */
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

export interface ReleaseView {
  version: number;
  date: string;
  dateText: string;
  notes?: string;
  url: string;
  /** SHA-256 of the frozen letter.md, published at `textUrl`. */
  textSha256: string;
  textUrl: string;
  /** Signatories on the version's list when it was released. */
  countAtRelease: number;
  /** Address of the changes from the previous version, from version 2 on. */
  changesUrl?: string;
  /** The version's PDF (original language), once the PDF step has typeset it. */
  pdf?: { url: string; sha256: string; bytes: number };
}

/** The same page in another language, for the switcher and hreflang links. */
export interface Alternate {
  lang: string;
  /** The language's name in that language, e.g. "Français". */
  name: string;
  url: string;
  current: boolean;
}

/**
 * One letter page: the current version at /<slug>/ or a permanent version at /<slug>/v<n>/, in the
 * original language or a translation (/<slug>/<lang>/, /<slug>/v<n>/<lang>/).
 */
export interface LetterPage {
  kind: "current" | "version";
  slug: string;
  /** Interface strings in the page's language. */
  ui: Record<MessageKey, string>;
  alternates: Alternate[];
  /** Site-relative URL of the page, before any path prefix. */
  url: string;
  /** Address of the letter's current page. */
  letterUrl: string;
  /** The page in the original language of the same version, which holds signatories.json and .csv. */
  listUrl: string;
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
  /** The body in Markdown (the PDF walks its tokens, letter.json carries it) and as HTML. */
  body: string;
  html: string;
  /** The file the text comes from, named in warnings. */
  source: string;
  banner?: Banner;
  /** The version shown (undefined for an unreleased letter in preview). */
  release?: ReleaseView;
  historyUrl?: string;
  signatories: {
    heading: string;
    note?: string;
    /** Language of the heading and note: the page's, or the original's when they are not translated. */
    headingLang: string;
    noteLang: string;
    count: number;
    countText: string;
    withdrawnText?: string;
    groups: SignatoryGroupView[];
    /** The same signatories, flat and with every published field, for the data files. */
    list: PublishedSignatory[];
    /** Set when the list is longer than the site's list_threshold (see lists.ts). */
    large?: LargeListView;
    /** With `large`, `groups` holds only the first entries shown on the page; this holds them all. */
    allGroups?: SignatoryGroupView[];
  };
  pdf?: PdfLink;
  /** The "Sign this letter" section; only on the current pages of open letters with a repository or sign_email. */
  sign?: SignView;
}

export interface HistoryPage {
  slug: string;
  url: string;
  letterUrl: string;
  title: string;
  lang: string;
  dir: "ltr" | "rtl";
  versions: ReleaseView[];
}

export interface ChangesPage {
  slug: string;
  url: string;
  letterUrl: string;
  historyUrl: string;
  title: string;
  lang: string;
  from: ReleaseView;
  to: ReleaseView;
  html: string;
  insertions: number;
  deletions: number;
}

/** A file published as is: frozen texts (so anyone can check their hash) and JSON data. */
export interface RawFile {
  url: string;
  /** A function when the content depends on later steps (versions.json waits for the PDFs' hashes). */
  content: string | (() => string);
}

/** What the home page shows of a letter. */
export interface LetterSummary {
  slug: string;
  url: string;
  title: string;
  lang: string;
  dir: "ltr" | "rtl";
  date: string;
  dateText: string;
  status: LetterStatus;
  statusText: string;
  summary?: string;
  countText: string;
  draft: boolean;
}

export interface SiteData {
  config: SiteConfig;
  letters: LetterSummary[];
  pages: LetterPage[];
  histories: HistoryPage[];
  changes: ChangesPage[];
  files: RawFile[];
  /** Pages of long signatory lists, and their search indexes' files. */
  listPages: ListPage[];
  searchFiles: RawFile[];
  /** Every letter's place in the site-wide files (home page, feed, sitemap), rendered or reused. */
  outlines: LetterOutline[];
}

export interface PageOptions {
  /** Local preview: include drafts and unreleased letters, and show unreleased edits. */
  preview: boolean;
  /** Letters whose output the build takes from the last one (output-reuse.ts): no pages are made for them. */
  reuse?: ReadonlyMap<string, LetterOutline>;
}

/** A letter is public once released and not a draft; preview shows everything. */
export function isPublished(letter: Letter): boolean {
  return letter.status !== "draft" && letter.releases.length > 0;
}

export function buildPages(site: Site, options: PageOptions): SiteData {
  const letters = site.letters
    .filter((letter) => options.preview || isPublished(letter))
    // Newest first on the home page; the slug breaks ties so the order never depends on the file system.
    .sort((a, b) => (a.date === b.date ? (a.slug < b.slug ? -1 : 1) : a.date < b.date ? 1 : -1));
  const data: SiteData = { config: site.config, letters: [], pages: [], histories: [], changes: [], files: [], listPages: [], searchFiles: [], outlines: [] };
  for (const letter of letters) {
    const reused = options.reuse?.get(letter.slug);
    if (reused) {
      data.letters.push(reused.summary);
      continue;
    }
    const releases = letter.releases.map((r) => releaseView(letter, r));
    const current = currentPages(letter, releases, options, site.config);
    data.pages.push(...current);
    data.letters.push(summary(current[0]!, !isPublished(letter)));
    letter.releases.forEach((release, i) => data.pages.push(...versionPages(letter, release, releases[i]!, site.config)));
    if (releases.length) {
      data.histories.push(historyPage(letter, releases));
      data.files.push(versionsJson(letter, releases));
      for (const release of letter.releases) {
        // The frozen letter.md exactly as hashed, so anyone can check it against versions.json.
        data.files.push({ url: textUrl(letter, release.version), content: release.frozenSource });
      }
    }
    for (let i = 1; i < letter.releases.length; i++) {
      data.changes.push(changesPage(letter, letter.releases[i - 1]!, letter.releases[i]!, releases[i - 1]!, releases[i]!));
    }
  }
  const split = { ...data, ...splitLargeLists(data.pages, site.config.listThreshold) };
  return { ...split, outlines: outlinesOf(split, options.reuse) };
}

const letterUrl = (letter: Letter) => `/${letter.slug}/`;
const versionUrl = (letter: Letter, n: number) => `/${letter.slug}/v${n}/`;
/** Translations live one level down: /<slug>/fr/, /<slug>/v2/fr/. */
const inLanguage = (url: string, letter: Letter, text: LetterText) => (text === letter || text.lang === letter.lang ? url : `${url}${text.lang.toLowerCase()}/`);
const textUrl = (letter: Letter, n: number) => `/${letter.slug}/v${n}/letter.md`;

function releaseView(letter: Letter, release: Release): ReleaseView {
  return {
    version: release.version,
    date: release.date,
    dateText: formatDate(release.date, letter.lang),
    notes: release.notes,
    url: versionUrl(letter, release.version),
    textSha256: release.textSha256,
    textUrl: textUrl(letter, release.version),
    countAtRelease: versionList(letter, release.version).countAtRelease,
    changesUrl: release.version > 1 ? `${versionUrl(letter, release.version)}changes/` : undefined,
  };
}

/** The current page in every language: the last release's texts (preview: the working ones). */
function currentPages(letter: Letter, releases: ReleaseView[], options: PageOptions, config: SiteConfig): LetterPage[] {
  const last = letter.releases.at(-1);
  const latest = releases.at(-1);
  // Unreleased edits show in preview only; the public page always shows the last release.
  const showWorking = !last || (options.preview && !sameText(letter, last.text));
  let banner: Banner | undefined;
  if (letter.status === "draft") banner = { kind: "draft", text: t(letter.lang, "draftBanner") };
  else if (!last) banner = { kind: "unreleased", text: t(letter.lang, "unreleasedBanner") };
  else if (showWorking) banner = { kind: "draft", text: t(letter.lang, "nextDraftBanner", last.version + 1) };
  const texts: LetterText[] = [
    showWorking ? letter : last.text,
    ...(!last || options.preview ? letter.translations : last.translations),
  ];
  const list = currentList(letter);
  return texts.map((text, i) => ({
    ...textView(letter, text, texts, letterUrl(letter)),
    kind: "current" as const,
    listUrl: letterUrl(letter),
    banner: (i === 0 ? banner : undefined) ?? translationBanner(letter, text),
    release: latest && inPageLanguage(latest, text.lang),
    historyUrl: latest ? `/${letter.slug}/history/` : undefined,
    signatories: signatoriesView(letter, text, list, config),
    // Signing happens on the current page (old versions are closed by nature).
    sign: signView(letter, config),
  }));
}

function versionPages(letter: Letter, release: Release, view: ReleaseView, rules: PublishingRules): LetterPage[] {
  const latest = letter.releases.at(-1)!;
  const texts = [release.text, ...release.translations];
  const list = versionList(letter, release.version);
  return texts.map((text) => ({
    ...textView(letter, text, texts, view.url),
    kind: "version" as const,
    listUrl: view.url,
    banner:
      release.version < latest.version
        ? {
            kind: "old-version" as const,
            text: t(text.lang, "oldVersionBanner", release.version),
            link: { href: letterUrl(letter), text: t(text.lang, "readCurrentVersion") },
          }
        : translationBanner(letter, text),
    release: inPageLanguage(view, text.lang),
    historyUrl: `/${letter.slug}/history/`,
    signatories: signatoriesView(letter, text, list, rules),
  }));
}

function inPageLanguage(release: ReleaseView, lang: string): ReleaseView {
  return { ...release, dateText: formatDate(release.date, lang) };
}

/** "This translation follows version 1; the English text has changed since." */
function translationBanner(letter: Letter, text: LetterText): Banner | undefined {
  if (text === letter || text.follows === undefined || !isStale(text, letter.releases)) return undefined;
  return {
    kind: "old-version",
    text: t(text.lang, "staleTranslation", text.follows, languageName(letter.lang, text.lang, { capitalise: false })),
    link: { href: letterUrl(letter), text: t(text.lang, "readOriginal") },
  };
}

function textView(letter: Letter, text: LetterText, languages: readonly LetterText[], base: string) {
  const url = inLanguage(base, letter, text);
  return {
    slug: letter.slug,
    url,
    ui: uiStrings(text.lang),
    alternates:
      languages.length > 1
        ? languages.map((other) => {
            const href = inLanguage(base, letter, other);
            return { lang: other.lang, name: languageName(other.lang), url: href, current: href === url };
          })
        : [],
    letterUrl: inLanguage(letterUrl(letter), letter, text),
    title: text.title,
    lang: text.lang,
    dir: textDirection(text.lang),
    date: text.date,
    dateText: formatDate(text.date, text.lang),
    to: text.to,
    salutation: text.salutation,
    summary: text.summary ?? letter.summary,
    status: letter.status,
    statusText: t(text.lang, `status_${letter.status}`),
    body: text.body,
    html: renderMarkdown(text.body, { docId: letter.slug, footnotesLabel: t(text.lang, "notes") }),
    source: text.file,
  };
}

function signatoriesView(letter: Letter, text: LetterText, list: VersionList, rules: PublishingRules): LetterPage["signatories"] {
  // Who is on the list is decided per version (signatory-versions.ts, withdrawals included); what of each
  // may be shown (links, never e-mail addresses) is decided once, here, for the page and the data files.
  const published = list.entries.map((entry) => ({ ...entry, signatory: publishedSignatory(entry.signatory, rules), source: entry.signatory.source }));
  return {
    heading: text.heading ?? letter.display.heading,
    note: text.note ?? letter.display.note,
    headingLang: text.heading ? text.lang : letter.lang,
    noteLang: text.note ? text.lang : letter.lang,
    count: list.entries.length,
    countText: t(text.lang, "signatoryCount", list.entries.length),
    withdrawnText: list.withdrawn ? t(text.lang, "withdrawnCount", list.withdrawn) : undefined,
    groups: groupSignatories(published, letter, text.lang),
    list: published.map((entry) => entry.signatory),
  };
}

function groupSignatories(
  entries: readonly { signatory: PublishedSignatory; source: Signatory["source"]; signedVersion?: number }[],
  letter: Letter,
  lang: string,
): SignatoryGroupView[] {
  const groups: SignatoryGroupView[] = [];
  for (const { signatory, source, signedVersion } of entries) {
    let group = groups.at(-1);
    if (!group || group.heading !== signatory.group) groups.push((group = { heading: signatory.group, signatories: [] }));
    const view = signatoryView({ ...signatory, source });
    if (signedVersion !== undefined) {
      view.signedVersion = { version: signedVersion, text: t(lang, "signedVersion", signedVersion), url: versionUrl(letter, signedVersion) };
    }
    group.signatories.push(view);
  }
  return groups;
}

/** What the page shows of a signatory; `source` only names the entry in warnings and is never shown. */
export function signatoryView(s: PublishedSignatory & Pick<Signatory, "source">): SignatoryView {
  const role = [s.title, s.affiliation].filter(Boolean).join(", ");
  return { name: s.name, role: role || undefined, url: s.url, type: s.type, country: s.country, source: `${s.source.file}:${s.source.line}:${s.source.column}` };
}

function summary(page: LetterPage, draft: boolean): LetterSummary {
  return {
    slug: page.slug,
    url: page.url,
    title: page.title,
    lang: page.lang,
    dir: page.dir,
    date: page.date,
    dateText: page.dateText,
    status: page.status,
    statusText: page.statusText,
    summary: page.summary,
    countText: page.signatories.countText,
    draft,
  };
}

function historyPage(letter: Letter, releases: ReleaseView[]): HistoryPage {
  const last = letter.releases.at(-1)!;
  return {
    slug: letter.slug,
    url: `/${letter.slug}/history/`,
    letterUrl: letterUrl(letter),
    title: last.text.title,
    lang: last.text.lang,
    dir: textDirection(last.text.lang),
    versions: [...releases].reverse(),
  };
}

function changesPage(letter: Letter, before: Release, after: Release, from: ReleaseView, to: ReleaseView): ChangesPage {
  const diff = diffLetterTexts(before.text, after.text);
  return {
    slug: letter.slug,
    url: to.changesUrl!,
    letterUrl: letterUrl(letter),
    historyUrl: `/${letter.slug}/history/`,
    title: after.text.title,
    lang: after.text.lang,
    from,
    to,
    ...diff,
  };
}

/** /<slug>/versions.json: every version with the hashes anyone can check a received copy against. */
function versionsJson(letter: Letter, releases: ReleaseView[]): RawFile {
  // Read when the file is written, after the PDF step has added each version's PDF and its hash.
  const content = () => ({
    letter: letter.slug,
    current: letterUrl(letter),
    versions: releases.map((r) => ({
      version: r.version,
      date: r.date,
      notes: r.notes ?? null,
      url: r.url,
      text: { url: r.textUrl, sha256: r.textSha256 },
      pdf: r.pdf ?? null,
      signatoriesAtRelease: r.countAtRelease,
    })),
  });
  return { url: `/${letter.slug}/versions.json`, content: () => `${JSON.stringify(content(), null, 2)}\n` };
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
