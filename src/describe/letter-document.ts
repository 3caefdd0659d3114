// What a reader is shown of a letter, before anything is drawn: one LetterDocument per (letter, version
// or current, language), with its text, its dates in its language and its list of signatories. The
// HTML pages (view/) and the PDFs (outputs/pdf/) are both made from these, so they cannot disagree
// about which text or which names a version holds; neither imports the other.
import { MadeFrom } from "../common/once-per.ts";
import { formatDate, messagesWith, type Messages } from "../i18n/messages.ts";
import { orderIn } from "../load/order.ts";
import { currentList, versionList, type VersionEntry, type VersionList } from "../load/version-lists.ts";
import { isStale } from "../load/translations.ts";
import { sameText } from "../load/versions.ts";
import type { Letter, LetterStatus, LetterText, Release, Signatory, Site, SiteConfig } from "../model/types.ts";
import { textDirection } from "./direction.ts";
import { publishedSignatory, type PublishedSignatory, type PublishingRules } from "./published.ts";

/** One name as printed in a list, on a page or in a PDF. */
export interface SignatoryLine {
  /** The signature's id (never shown): what an edition's list and its orders name it by. */
  id: string;
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
  /** Set when the signatory endorsed an older text than the one shown. */
  signedVersion?: { version: number; text: string; url: string };
  /** A featured signatory (listed first in the group), with the label shown beside the name. */
  featured?: { text: string };
  /** The GitHub account the signature was made from: its login, profile address and "signed from @login". */
  account?: { login: string; url: string; text: string };
}

export interface SignatoryGroup {
  heading?: string;
  signatories: SignatoryLine[];
}

export interface DocumentSignatories {
  heading: string;
  note?: string;
  /** Language of the heading and note: the text's, or the original's when they are not translated. */
  headingLang: string;
  noteLang: string;
  count: number;
  countText: string;
  withdrawnText?: string;
  /** How many of `count` are bound to a GitHub account, said in a sentence (when there are any). */
  boundText?: string;
  /** What "signed from @login" proves (an account, not a name), printed under a list that has one. */
  accountNote?: string;
  /** Every entry, under its group heading, in display order. */
  groups: SignatoryGroup[];
  /** The same signatories, flat and with every published field, for the data files. */
  list: PublishedSignatory[];
}

/** The release a document shows, with its date in the document's language. */
export interface DocumentRelease {
  version: number;
  date: string;
  dateText: string;
}

/**
 * One text as published: the current version at /<slug>/ or a permanent version at /<slug>/v<n>/, in
 * the original language or a translation (/<slug>/<lang>/, /<slug>/v<n>/<lang>/).
 */
export interface LetterDocument {
  kind: "current" | "version";
  slug: string;
  /** Site-relative address of its page, before any path prefix; its PDF goes beside it. */
  url: string;
  /** Address of the letter's current page, in this language. */
  letterUrl: string;
  /** The original-language page of the same version, which holds signatories.json and .csv. */
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
  /** The body in Markdown. */
  body: string;
  /** The file the text comes from, named in warnings. */
  source: string;
  /** The version shown: the latest release on current pages (undefined before the first release). */
  release?: DocumentRelease;
  /** The letter's latest release, to tell an old version from the latest. */
  latestVersion?: number;
  /** A translation, not the text in the letter's own language. */
  translation: boolean;
  /** Preview only, original language: the text shown has edits not released yet. */
  working: boolean;
  /** A translation that follows an older version than the original's latest: that version. */
  staleFollows?: number;
  /** The same text in every language of the same version, this one included. */
  languages: { lang: string; url: string }[];
  signatories: DocumentSignatories;
}

export interface DescribeOptions {
  /** Local preview: include drafts and unreleased letters, and show unreleased edits. */
  preview: boolean;
}

/** Everything published of one letter: its current texts, and each release's. */
export interface LetterDocuments {
  current: LetterDocument[];
  /** By release, in release order: each version's texts, the original language first. */
  versions: LetterDocument[][];
}

/** A GitHub account's profile page. */
export const githubProfileUrl = (login: string) => `https://github.com/${encodeURIComponent(login)}`;

export const letterUrl = (letter: Pick<Letter, "slug">) => `/${letter.slug}/`;
export const versionUrl = (letter: Pick<Letter, "slug">, n: number) => `/${letter.slug}/v${n}/`;
export const historyUrl = (letter: Pick<Letter, "slug">) => `/${letter.slug}/history/`;
/** The frozen letter.md of a version, published as is so anyone can check its hash. */
export const textUrl = (letter: Pick<Letter, "slug">, n: number) => `/${letter.slug}/v${n}/letter.md`;
/** Translations live one level down: /<slug>/fr/, /<slug>/v2/fr/. */
const inLanguage = (url: string, letter: Letter, text: LetterText) => (text === letter || text.lang === letter.lang ? url : `${url}${text.lang.toLowerCase()}/`);

/** A letter is public once released and not a draft; preview shows everything. */
export function isPublished(letter: Letter): boolean {
  return letter.status !== "draft" && letter.releases.length > 0;
}

/** The letters a site shows, newest first; the slug breaks ties so the order never depends on the file system. */
export function shownLetters(site: Site, options: DescribeOptions): Letter[] {
  return site.letters
    .filter((letter) => options.preview || isPublished(letter))
    .sort((a, b) => (a.date === b.date ? (a.slug < b.slug ? -1 : 1) : a.date < b.date ? 1 : -1));
}

/** Every document of every letter the site shows (what the PDFs are made from). */
export function describeSite(site: Site, options: DescribeOptions): LetterDocument[] {
  return shownLetters(site, options).flatMap((letter) => {
    const { current, versions } = describeLetter(letter, site.config, options);
    return [...current, ...versions.flat()];
  });
}

/** What describing a letter takes from the site: who may be linked, and its own interface text. */
export type DescribeRules = PublishingRules & Pick<SiteConfig, "interfaceText">;

export function describeLetter(letter: Letter, rules: DescribeRules, options: DescribeOptions): LetterDocuments {
  return {
    current: currentDocuments(letter, rules, options),
    versions: letter.releases.map((release) => versionDocuments(letter, release, rules)),
  };
}

/** The current texts in every language: the last release's (preview: the working ones). */
function currentDocuments(letter: Letter, rules: DescribeRules, options: DescribeOptions): LetterDocument[] {
  const last = letter.releases.at(-1);
  // Unreleased edits show in preview only; the public page always shows the last release.
  const working = !last || (options.preview && !sameText(letter, last.text));
  const texts: LetterText[] = [working ? letter : last.text, ...(!last || options.preview ? letter.translations : last.translations)];
  // The same texts (the very objects: a preview of a letter without unreleased edits or translations
  // shows what is published) give the same documents: made once, for check's two passes.
  return currentMade.get(letter, [rules, working, ...texts], () => makeCurrentDocuments(letter, rules, texts, working));
}

const currentMade = new MadeFrom<Letter, LetterDocument[]>();

function makeCurrentDocuments(letter: Letter, rules: DescribeRules, texts: readonly LetterText[], working: boolean): LetterDocument[] {
  const last = letter.releases.at(-1);
  const list = currentList(letter);
  return texts.map((text, i) => ({
    ...textOf(letter, text, texts, letterUrl(letter)),
    kind: "current" as const,
    listUrl: letterUrl(letter),
    release: last && releaseIn(last, text.lang),
    translation: i > 0,
    working: i === 0 && working && last !== undefined,
    signatories: signatoriesOf(letter, text, list, rules),
  }));
}

/**
 * A version's documents, made once per release for the same letter and rules: they do not depend on the
 * options (a version shows what was released, in preview too), and `npm run check` describes the site
 * twice (as published, and as a release would publish it), a build for its pages, PDFs and packs.
 */
const versionsMade = new MadeFrom<Release, LetterDocument[]>();

function versionDocuments(letter: Letter, release: Release, rules: DescribeRules): LetterDocument[] {
  return versionsMade.get(release, [letter, rules], () => makeVersionDocuments(letter, release, rules));
}

function makeVersionDocuments(letter: Letter, release: Release, rules: DescribeRules): LetterDocument[] {
  const texts = [release.text, ...release.translations];
  const list = versionList(letter, release.version);
  return texts.map((text, i) => ({
    ...textOf(letter, text, texts, versionUrl(letter, release.version)),
    kind: "version" as const,
    listUrl: versionUrl(letter, release.version),
    release: releaseIn(release, text.lang),
    translation: i > 0,
    working: false,
    signatories: signatoriesOf(letter, text, list, rules),
  }));
}

function releaseIn(release: Release, lang: string): DocumentRelease {
  return { version: release.version, date: release.date, dateText: formatDate(release.date, lang) };
}

function textOf(letter: Letter, text: LetterText, languages: readonly LetterText[], base: string) {
  return {
    slug: letter.slug,
    url: inLanguage(base, letter, text),
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
    body: text.body,
    source: text.file,
    latestVersion: letter.releases.at(-1)?.version,
    // "This translation follows version 1; the English text has changed since."
    staleFollows: text !== letter && text.follows !== undefined && isStale(text, letter.releases) ? text.follows : undefined,
    languages: languages.map((other) => ({ lang: other.lang, url: inLanguage(base, letter, other) })),
  };
}

function signatoriesOf(letter: Letter, text: LetterText, list: VersionList, rules: DescribeRules): DocumentSignatories {
  const messages = messagesWith(rules.interfaceText);
  const { t } = messages;
  // Who is on the list is decided per version (load/version-lists.ts, withdrawals included); what of each
  // may be shown (links, never e-mail addresses) is decided once, here, for pages, PDFs and data files.
  // Parallel arrays, not an object per entry spreading another: this runs for every entry of every page
  // and PDF, 100,000 times for a large letter.
  const entries = inOrderOf(list.entries, letter, text.lang);
  const published = entries.map((entry) => publishedSignatory(entry.signatory, rules));
  const bound = published.filter((signatory) => signatory.github !== undefined).length;
  return {
    heading: text.heading ?? letter.display.heading,
    note: text.note ?? letter.display.note,
    headingLang: text.heading ? text.lang : letter.lang,
    noteLang: text.note ? text.lang : letter.lang,
    count: list.entries.length,
    countText: t(text.lang, "signatoryCount", list.entries.length),
    withdrawnText: list.withdrawn ? t(text.lang, "withdrawnCount", list.withdrawn) : undefined,
    boundText: bound ? t(text.lang, "boundCount", bound) : undefined,
    accountNote: bound ? t(text.lang, "accountNote") : undefined,
    groups: groupLines(entries, published, letter, text.lang, messages),
    list: published,
  };
}

/** A list's entries in the order of `lang` (an alphabetical list collates by language: load/order.ts). */
function inOrderOf(entries: readonly VersionEntry[], letter: Letter, lang: string): readonly VersionEntry[] {
  const order = orderIn(letter.signatories, letter.display, letter.lang, lang);
  if (order === letter.signatories) return entries;
  const bySignatory = new Map(entries.map((e) => [e.signatory, e]));
  return order.flatMap((s) => bySignatory.get(s) ?? []);
}

function groupLines(entries: readonly VersionEntry[], published: readonly PublishedSignatory[], letter: Letter, lang: string, { t }: Messages): SignatoryGroup[] {
  const groups: SignatoryGroup[] = [];
  let featured: { text: string } | undefined;
  entries.forEach(({ signatory: entry, signedVersion }, i) => {
    const signatory = published[i]!;
    let group = groups.at(-1);
    if (!group || group.heading !== signatory.group) groups.push((group = { heading: signatory.group, signatories: [] }));
    const line = signatoryLine(signatory, entry);
    if (entry.featured) line.featured = featured ??= { text: t(lang, "featured") };
    // The login is checked against GitHub's rules by the schema, so it is safe in a path and in text.
    if (signatory.github) line.account = { login: signatory.github, url: githubProfileUrl(signatory.github), text: t(lang, "signedFromAccount", `@${signatory.github}`) };
    if (signedVersion !== undefined) {
      line.signedVersion = { version: signedVersion, text: t(lang, "signedVersion", signedVersion), url: versionUrl(letter, signedVersion) };
    }
    group.signatories.push(line);
  });
  return groups;
}

/** What is printed of a signatory; `source` only names the entry in warnings and is never shown. */
export function signatoryLine(s: PublishedSignatory, { key, source }: Pick<Signatory, "source" | "key">): SignatoryLine {
  const role = s.title && s.affiliation ? `${s.title}, ${s.affiliation}` : s.title || s.affiliation;
  return { id: key, name: s.name, role: role || undefined, url: s.url, type: s.type, country: s.country, source: `${source.file}:${source.line}:${source.column}` };
}
