// What the history, version pages and versions.json show of one release.
import { textUrl, versionUrl } from "../describe/letter-document.ts";
import { formatDate } from "../i18n/messages.ts";
import { versionList } from "../load/version-lists.ts";
import type { Letter, Release } from "../model/types.ts";

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
  /** Every recorded edition of the version's PDFs, oldest first: every hash ever published stays listed. */
  editions: EditionView[];
  /** Translations revised or added after release, each frozen file with its SHA-256. */
  revisions: { revision: number; date: string; notes?: string; files: Record<string, string> }[];
}

export interface EditionView {
  edition: number;
  date: string;
  dateText: string;
  reason?: string;
  /** By language, in the order recorded. */
  pdfs: { lang: string; sha256: string }[];
}

export function releaseView(letter: Letter, release: Release): ReleaseView {
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
    revisions: release.revisions,
    editions: release.editions.map((e) => ({
      edition: e.edition,
      date: e.date,
      dateText: formatDate(e.date, letter.lang),
      reason: e.reason,
      pdfs: Object.entries(e.pdfs).map(([lang, pdf]) => ({ lang, sha256: pdf.sha256 })),
    })),
  };
}

/** The same release with its date in another language. */
export function inPageLanguage(release: ReleaseView, lang: string): ReleaseView {
  return { ...release, dateText: formatDate(release.date, lang), editions: release.editions.map((e) => ({ ...e, dateText: formatDate(e.date, lang) })) };
}
