// What the history, version pages and versions.json show of one release.
import { normaliseText } from "../common/normalised-text.ts";
import { textUrl, versionUrl } from "../describe/letter-document.ts";
import { formatDate } from "../i18n/messages.ts";
import { TRANSLATION_FILE } from "../load/letter-markdown.ts";
import { LETTER_TEXT_FILE } from "../load/versions.ts";
import { countAtRelease } from "../load/version-lists.ts";
import { sha256 } from "../model/hash.ts";
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
  /** The version's PDF in every language it has, by language, once the PDF step has typeset them. */
  pdfs: Record<string, { url: string; sha256: string }>;
  /** The original's language. */
  lang: string;
  /** Every frozen text of the version (the original first), with the hashes a copy is checked against. */
  texts: FrozenTextView[];
  /** Every recorded edition of the version's PDFs, oldest first: every hash ever published stays listed. */
  editions: EditionView[];
  /** Translations revised or added after release, each frozen file with its SHA-256. */
  revisions: { revision: number; date: string; notes?: string; files: Record<string, string> }[];
  /** The delivery packs that hand this version over, once the PDF step has typeset them. */
  packs: PackView[];
}

/** A delivery pack of the version: the one served, and every recorded edition's hash. */
export interface PackView {
  /** The delivered update's id. */
  update: string;
  date: string;
  lang: string;
  url: string;
  sha256: string;
  /** Oldest first; empty for a pack not recorded yet. */
  editions: { edition: number; sha256: string }[];
}

export interface FrozenTextView {
  /** letter.md or letter.<lang>.md. */
  file: string;
  lang: string;
  /** SHA-256 of the file's bytes. */
  sha256: string;
  /** SHA-256 of its text as normalised by src/common/normalised-text.ts: what pasted text is compared by. */
  textHash: string;
  /** Where it is published (the original's canonical text); translations' files are not served. */
  url?: string;
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
    countAtRelease: countAtRelease(letter, release.version),
    changesUrl: release.version > 1 ? `${versionUrl(letter, release.version)}changes/` : undefined,
    revisions: release.revisions,
    pdfs: {},
    packs: [],
    lang: release.text.lang,
    texts: frozenTexts(letter, release),
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

/** The version's frozen texts, the original first, then translations by file name. */
function frozenTexts(letter: Letter, release: Release): FrozenTextView[] {
  return Object.entries(release.frozenTexts)
    .map(([file, text]) => {
      const lang = file === LETTER_TEXT_FILE ? release.text.lang : (TRANSLATION_FILE.exec(file)?.[1] ?? release.text.lang);
      const url = file === LETTER_TEXT_FILE ? textUrl(letter, release.version) : undefined;
      return { file, lang, sha256: sha256(text), textHash: textHash(text), ...(url ? { url } : {}) };
    })
    .sort((a, b) => Number(b.file === LETTER_TEXT_FILE) - Number(a.file === LETTER_TEXT_FILE) || (a.file < b.file ? -1 : 1));
}

/** The hash pasted text is compared by: SHA-256 of the normalised text, as UTF-8. */
export function textHash(text: string): string {
  return sha256(normaliseText(text));
}

/** One file whose SHA-256 is published: a PDF of an edition (per language), or a frozen text. */
export interface PublishedFile {
  kind: "pdf" | "text" | "pack";
  /** A delivery pack's update id. */
  update?: string;
  version: number;
  lang: string;
  /** The PDF's edition (null for PDFs of versions released before editions, and for texts). */
  edition: number | null;
  sha256: string;
  /** Where the file is served now; null for an earlier edition (its hash still verifies a copy). */
  url: string | null;
}

/**
 * Every file hash a received copy of the version is checked against: each edition's PDF in each language
 * (every edition ever recorded, also no longer served) and each frozen text. Read after the PDF step, which
 * fills in the served PDFs' addresses (and, for versions released before editions, their hashes).
 */
export function publishedFiles(release: ReleaseView): PublishedFile[] {
  const files: PublishedFile[] = [];
  const latest = release.editions.at(-1);
  for (const edition of release.editions) {
    for (const pdf of edition.pdfs) {
      const served = release.pdfs[pdf.lang];
      const url = edition === latest && served?.sha256 === pdf.sha256 ? served.url : null;
      files.push({ kind: "pdf", version: release.version, lang: pdf.lang, edition: edition.edition, sha256: pdf.sha256, url });
    }
  }
  if (!latest) {
    for (const [lang, pdf] of Object.entries(release.pdfs)) files.push({ kind: "pdf", version: release.version, lang, edition: null, sha256: pdf.sha256, url: pdf.url });
  }
  // Each delivery pack of the version: every recorded edition (the latest served), or the pack as served.
  for (const pack of release.packs) {
    const latest = pack.editions.at(-1);
    for (const e of pack.editions) files.push({ kind: "pack", update: pack.update, version: release.version, lang: pack.lang, edition: e.edition, sha256: e.sha256, url: e === latest && e.sha256 === pack.sha256 ? pack.url : null });
    if (!latest) files.push({ kind: "pack", update: pack.update, version: release.version, lang: pack.lang, edition: null, sha256: pack.sha256, url: pack.url });
  }
  for (const text of release.texts) files.push({ kind: "text", version: release.version, lang: text.lang, edition: null, sha256: text.sha256, url: text.url ?? null });
  return files;
}
