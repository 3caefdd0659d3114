// View models for the templates: everything a page shows, computed from the content model, so templates
// hold no logic. Eleventy receives these as global data.
import { diffLetterTexts } from "./diff.ts";
import { formatDate, t } from "./i18n.ts";
import { splitLargeLists, type LargeListView, type ListPage } from "./lists.ts";
import { renderMarkdown } from "./markdown.ts";
import { currentList, versionList, type VersionList } from "./signatory-versions.ts";
import type { Letter, LetterStatus, LetterText, Release, Signatory, Site, SiteConfig } from "./types.ts";
import { sameText } from "./versions.ts";

export interface SignatoryView {
  name: string;
  /** Title and affiliation, as printed after the name. */
  role?: string;
  url?: string;
  type?: string;
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
}

/** One letter page: the current version at /<slug>/ or a permanent version at /<slug>/v<n>/. */
export interface LetterPage {
  kind: "current" | "version";
  slug: string;
  /** Site-relative URL of the page, before any path prefix. */
  url: string;
  /** Address of the letter's current page. */
  letterUrl: string;
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
  banner?: Banner;
  /** The version shown (undefined for an unreleased letter in preview). */
  release?: ReleaseView;
  historyUrl?: string;
  signatories: {
    heading: string;
    note?: string;
    count: number;
    countText: string;
    withdrawnText?: string;
    groups: SignatoryGroupView[];
    /** Set when the list is longer than the site's list_threshold (see lists.ts). */
    large?: LargeListView;
  };
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
  content: string;
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
}

export interface PageOptions {
  /** Local preview: include drafts and unreleased letters, and show unreleased edits. */
  preview: boolean;
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
  const data: SiteData = { config: site.config, letters: [], pages: [], histories: [], changes: [], files: [], listPages: [], searchFiles: [] };
  for (const letter of letters) {
    const releases = letter.releases.map((r) => releaseView(letter, r));
    const current = currentPage(letter, releases, options);
    data.pages.push(current);
    data.letters.push(summary(current, !isPublished(letter)));
    letter.releases.forEach((release, i) => data.pages.push(versionPage(letter, release, releases[i]!)));
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
  return { ...data, ...splitLargeLists(data.pages, site.config.listThreshold) };
}

const letterUrl = (letter: Letter) => `/${letter.slug}/`;
const versionUrl = (letter: Letter, n: number) => `/${letter.slug}/v${n}/`;
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

function currentPage(letter: Letter, releases: ReleaseView[], options: PageOptions): LetterPage {
  const last = letter.releases.at(-1);
  const latest = releases.at(-1);
  // Unreleased edits to letter.md show in preview only; the public page always shows the last release.
  const showWorking = !last || (options.preview && !sameText(letter, last.text));
  const text: LetterText = showWorking ? letter : last.text;
  let banner: Banner | undefined;
  if (letter.status === "draft") banner = { kind: "draft", text: t(letter.lang, "draftBanner") };
  else if (!last) banner = { kind: "unreleased", text: t(letter.lang, "unreleasedBanner") };
  else if (showWorking) banner = { kind: "draft", text: t(letter.lang, "nextDraftBanner", last.version + 1) };
  return {
    ...textView(letter, text, `/${letter.slug}/`),
    kind: "current",
    banner,
    release: latest,
    historyUrl: latest ? `/${letter.slug}/history/` : undefined,
    signatories: signatoriesView(letter, currentList(letter)),
  };
}

function versionPage(letter: Letter, release: Release, view: ReleaseView): LetterPage {
  const latest = letter.releases.at(-1)!;
  const banner: Banner | undefined =
    release.version < latest.version
      ? {
          kind: "old-version",
          text: t(letter.lang, "oldVersionBanner", release.version),
          link: { href: letterUrl(letter), text: t(letter.lang, "readCurrentVersion") },
        }
      : undefined;
  return {
    ...textView(letter, release.text, view.url),
    kind: "version",
    banner,
    release: view,
    historyUrl: `/${letter.slug}/history/`,
    signatories: signatoriesView(letter, versionList(letter, release.version)),
  };
}

function textView(letter: Letter, text: LetterText, url: string) {
  return {
    slug: letter.slug,
    url,
    letterUrl: letterUrl(letter),
    title: text.title,
    lang: text.lang,
    dir: textDirection(text.lang),
    date: text.date,
    dateText: formatDate(text.date, text.lang),
    to: text.to,
    salutation: text.salutation,
    summary: letter.summary,
    status: letter.status,
    statusText: t(letter.lang, `status_${letter.status}`),
    html: renderMarkdown(text.body, { docId: letter.slug, footnotesLabel: t(text.lang, "notes") }),
  };
}

function signatoriesView(letter: Letter, list: VersionList): LetterPage["signatories"] {
  return {
    heading: letter.display.heading,
    note: letter.display.note,
    count: list.entries.length,
    countText: t(letter.lang, "signatoryCount", list.entries.length),
    withdrawnText: list.withdrawn ? t(letter.lang, "withdrawnCount", list.withdrawn) : undefined,
    groups: groupSignatories(list, letter),
  };
}

function groupSignatories(list: VersionList, letter: Letter): SignatoryGroupView[] {
  const groups: SignatoryGroupView[] = [];
  for (const { signatory, signedVersion } of list.entries) {
    let group = groups.at(-1);
    if (!group || group.heading !== signatory.group) groups.push((group = { heading: signatory.group, signatories: [] }));
    const view = signatoryView(signatory);
    if (signedVersion !== undefined) {
      view.signedVersion = { version: signedVersion, text: t(letter.lang, "signedVersion", signedVersion), url: versionUrl(letter, signedVersion) };
    }
    group.signatories.push(view);
  }
  return groups;
}

export function signatoryView(s: Signatory): SignatoryView {
  const role = [s.title, s.affiliation].filter(Boolean).join(", ");
  return { name: s.name, role: role || undefined, url: s.url, type: s.type, country: s.country };
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
  const content = {
    letter: letter.slug,
    current: letterUrl(letter),
    versions: releases.map((r) => ({
      version: r.version,
      date: r.date,
      notes: r.notes ?? null,
      url: r.url,
      text: { url: r.textUrl, sha256: r.textSha256 },
      signatoriesAtRelease: r.countAtRelease,
    })),
  };
  return { url: `/${letter.slug}/versions.json`, content: `${JSON.stringify(content, null, 2)}\n` };
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
