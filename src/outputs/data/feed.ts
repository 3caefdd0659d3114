// The Atom feed (/feed.xml): one entry per letter and one per later release of it, newest first. Entries
// come from siteFeedEntries, the one place to add other kinds of entries without touching the writer.
// Atom needs absolute ids, so a site without `url` in site.yaml gets no feed.
// https://www.rfc-editor.org/rfc/rfc4287
import type { LetterPage } from "../../view/letter-page.ts";
import type { SiteConfig } from "../../model/types.ts";
import { FEED_PATH, holdsSignatoryLists } from "./files.ts";
import { absoluteUrl, type UrlContext } from "./urls.ts";
import { escapeXml } from "./xml.ts";

export interface FeedEntry {
  /** Site-relative address of the page the entry announces, e.g. "/belgium-e2ee/". */
  path: string;
  /** Permanent id; defaults to the page's absolute URL. Must never change once published. */
  id?: string;
  title: string;
  /** YYYY-MM-DD or a full ISO timestamp. */
  updated: string;
  published?: string;
  summary?: string;
  lang?: string;
}

/** What the feed needs of a letter: the home page's summary of it, or a whole letter page. */
export type FeedLetter = Pick<LetterPage, "url" | "title" | "date" | "summary" | "lang">;

/**
 * Every entry of the site's feed: each published letter, and each release from version 2 on (version 1
 * is the letter's own publication), announced once, in the original language.
 */
export function siteFeedEntries(letters: readonly FeedLetter[], releases: readonly FeedEntry[] = []): FeedEntry[] {
  return [...letters.map(letterEntry), ...releases];
}

/** The feed entries of a letter's later releases, from its pages (see siteFeedEntries). */
export function releaseEntries(pages: readonly LetterPage[]): FeedEntry[] {
  return pages.filter((page) => page.kind === "version" && holdsSignatoryLists(page) && (page.release?.version ?? 0) >= 2).map(releaseEntry);
}

/**
 * One entry per update of a letter, from its current page in the original language: the page's address
 * with the update's anchor, which stays the update's id for as long as its file keeps its name.
 */
export function updateEntries(pages: readonly LetterPage[]): FeedEntry[] {
  const original = pages.find((page) => page.kind === "current" && page.url === page.letterUrl);
  return (original?.updates ?? []).map((update) => ({
    path: `${original!.url}#${update.anchor}`,
    title: `${original!.title}: ${update.title}`,
    updated: update.date,
    published: update.date,
    lang: update.lang ?? original!.lang,
  }));
}

export function letterEntry(letter: FeedLetter): FeedEntry {
  return { path: letter.url, title: letter.title, updated: letter.date, published: letter.date, summary: letter.summary, lang: letter.lang };
}

export function releaseEntry(page: LetterPage): FeedEntry {
  const release = page.release!;
  return {
    path: page.url,
    title: `${page.title} (${page.ui.versionLabel} ${release.version})`,
    updated: release.date,
    published: release.date,
    summary: release.notes ?? page.summary,
    lang: page.lang,
  };
}

/** The feed as XML, or undefined when the site has no public address to build ids from. */
export function atomFeed(site: SiteConfig, context: UrlContext, entries: readonly FeedEntry[]): string | undefined {
  const home = absoluteUrl(context, "/");
  const self = absoluteUrl(context, FEED_PATH);
  if (!home || !self) return undefined;
  const sorted = [...entries].sort(newestFirst);
  // The newest entry dates the feed, never the build clock: the same content gives the same bytes.
  const updated = sorted[0] ? timestamp(sorted[0].updated) : "1970-01-01T00:00:00Z";
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.lang)}">`,
    `  <id>${escapeXml(home)}</id>`,
    `  <title>${escapeXml(site.title)}</title>`,
    ...(site.description ? [`  <subtitle>${escapeXml(site.description)}</subtitle>`] : []),
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(home)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(site.author)}</name></author>`,
    ...sorted.flatMap((entry) => entryLines(entry, context)),
    `</feed>`,
  ];
  return `${lines.join("\n")}\n`;
}

function entryLines(entry: FeedEntry, context: UrlContext): string[] {
  const url = absoluteUrl(context, entry.path)!;
  return [
    `  <entry${entry.lang ? ` xml:lang="${escapeXml(entry.lang)}"` : ""}>`,
    `    <id>${escapeXml(entry.id ?? url)}</id>`,
    `    <title type="text">${escapeXml(entry.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
    ...(entry.published ? [`    <published>${timestamp(entry.published)}</published>`] : []),
    `    <updated>${timestamp(entry.updated)}</updated>`,
    ...(entry.summary ? [`    <summary type="text">${escapeXml(entry.summary)}</summary>`] : []),
    `  </entry>`,
  ];
}

/** Atom dates are RFC 3339 timestamps; a letter has only a day, which we pin to midnight UTC. */
export function timestamp(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : new Date(date).toISOString().replace(/\.000Z$/, "Z");
}

function newestFirst(a: FeedEntry, b: FeedEntry): number {
  const [ta, tb] = [timestamp(a.updated), timestamp(b.updated)];
  if (ta !== tb) return ta < tb ? 1 : -1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
