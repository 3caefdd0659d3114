// The content model shared by every output (HTML, PDF, data files). Eleventy only ever sees these
// finished objects; nothing here knows about Eleventy.
import type { ContentError } from "./errors.ts";
import type { letterStatuses, paperSizes, signatoryOrders, signatoryTypes } from "./schema.ts";

export type SignatoryType = (typeof signatoryTypes)[number];
export type LetterStatus = (typeof letterStatuses)[number];
export type SignatoryOrder = (typeof signatoryOrders)[number];
export type PaperSize = (typeof paperSizes)[number];

export interface SourceLocation {
  /** Path relative to the working directory, as printed in messages. */
  file: string;
  line: number;
  column: number;
}

/**
 * Stable identity of a signature across edits: the `id:` in its entry, written by the first release that
 * lists it; before that, one derived from its file name (and, in a list file, its name).
 */
export type SignatoryKey = string;

/** One line of a release record: a signature first listed by that version, and the version its signer read. */
export interface RecordedSignature {
  id: SignatoryKey;
  /** Undefined in records written before ids (read from the signed: date, as those releases did). */
  read?: number;
  /** Records written before ids: the line as written (a file name, or file#name), for messages. */
  legacyKey?: string;
}

/**
 * A site's own interface text, from letters/i18n/<lang>.yaml: by language tag (canonical, e.g. pt-BR),
 * message key → ICU message. Added to or put before the shipped catalogues (src/i18n/messages.ts).
 */
export type InterfaceText = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface SiteConfig {
  title: string;
  description?: string;
  /** Public origin and path, without trailing slash, e.g. https://example.org/letters. */
  url?: string;
  /** Always starts and ends with "/". */
  pathPrefix: string;
  lang: string;
  author: string;
  repository?: string;
  /** Branch that pull requests target (default main). */
  branch: string;
  /** The repository's forge (site.yaml's forge:, or told by its host): which new-file link to make. */
  forge?: "github" | "gitlab" | "gitea";
  /** Address for signing by e-mail; never printed except as the sign-by-mail link. */
  signEmail?: string;
  /** Link individuals' names to their URL (default true). */
  linkIndividuals: boolean;
  paper: PaperSize;
  /** Origins that may frame the embed pages (site.yaml's embed_origins); absent: any site. */
  embedOrigins?: string[];
  /** Lists longer than this move to paginated pages with search (default 500). */
  listThreshold: number;
  /** letters/i18n/<lang>.yaml, checked; absent or empty when the site has none. */
  interfaceText?: InterfaceText;
}

export interface Signatory {
  /** Empty for an erased signature (`erased` set): its personal data is gone, only its count remains. */
  name: string;
  type?: SignatoryType;
  title?: string;
  affiliation?: string;
  url?: string;
  country?: string;
  signed?: string;
  group?: string;
  reconfirmed?: string;
  withdrawn?: string;
  hide_url?: boolean;
  /** Listed first in its group and highlighted on the page. */
  featured?: boolean;
  /** The key an alphabetical list sorts the name by ("Vries, de"), instead of the one derived from it. */
  sort_as?: string;
  /** The `id:` written in the file (set by release); `key` falls back to a derived one. */
  id?: string;
  /** The version of the text the signer read, as written by the signing routes. */
  version?: number;
  /** The GitHub login the signature is bound to (checked by npm run verify-accounts on pull requests). */
  github?: string;
  /** Date the personal data was erased (npm run withdraw -- --erase); always withdrawn too. */
  erased?: string;
  key: SignatoryKey;
  source: SourceLocation;
}

export interface SignatoryDisplay {
  heading: string;
  note?: string;
  order: SignatoryOrder;
}

/** The words of a letter: what signatories endorse, and what a release freezes. */
export interface LetterText {
  /** The file it was read from, relative to the working directory. */
  file: string;
  title: string;
  /** ISO date printed on the letter, YYYY-MM-DD. */
  date: string;
  lang: string;
  to: string[];
  salutation?: string;
  /** Markdown source of the body, without front matter. */
  body: string;
  /** Line of the file on which the body starts (1-based). */
  bodyLine: number;
  /** One paragraph for the home page, feeds and social cards. */
  summary?: string;
  /** Signatory section texts in this language. */
  heading?: string;
  note?: string;
  /** Translations only: the released version of the original they translate. */
  follows?: number;
}

/** One name as a version's PDF prints it. */
export interface EditionEntry {
  id: SignatoryKey;
  name: string;
  role?: string;
}

/** The list a version's PDF prints, as of its latest edition (letters/<slug>/editions/<n>.json). */
export interface EditionList {
  /** Signatures on the version's list withdrawn by then (counted, never named). */
  withdrawn: number;
  groups: { heading?: string; entries: EditionEntry[] }[];
  /**
   * By language, the ids in the order that language's PDF prints them, where it is not the order above
   * (an alphabetical list collates by language). Absent in lists recorded before, and when none differs.
   */
  orders?: Record<string, string[]>;
}

/** A recorded edition of a version's PDFs: its hashes are committed, and stay listed for ever. */
export interface Edition {
  edition: number;
  date: string;
  reason?: string;
  /** SHA-256 of the edition's list file. */
  list: string;
  /** By language tag: the PDF's SHA-256 and the hash of its inputs (text, list, layout, fonts, compiler). */
  pdfs: Record<string, { sha256: string; input: string }>;
}

/** A translation revised or added to a released version: the original's text, and so the version, stay. */
export interface TranslationRevision {
  revision: number;
  date: string;
  notes?: string;
  /** SHA-256 of each frozen translation file in versions/<n>/revisions/<r>/. */
  files: Record<string, string>;
}

/** A released version: permanent text, its release date and the signatories it first included. */
export interface Release {
  version: number;
  /** Release date, YYYY-MM-DD. */
  date: string;
  notes?: string;
  text: LetterText;
  /** SHA-256 of the frozen letter.md: the canonical text anyone can check. */
  textSha256: string;
  /** The frozen letter.md as stored (UTF-8, LF line endings): the bytes `textSha256` covers. */
  frozenSource: string;
  /**
   * Every frozen text of the version as it is now (letter.md and each letter.<lang>.md, a revised
   * translation's latest revision), by file name: the verify page and versions.json hash them.
   */
  frozenTexts: Record<string, string>;
  /** The signatures first included in this version (recorded at release). */
  added: RecordedSignature[];
  /** The record still names signatories (written before ids): `check --fix` converts it. */
  legacyRecord: boolean;
  /** A correction that keeps the meaning: signatures of the version before carry over without a mark. */
  editorial: boolean;
  /** Every edition of its PDFs, oldest first (empty for versions released before editions). */
  editions: Edition[];
  /** The list the latest edition prints. */
  editionList?: EditionList;
  /** Translations revised or added after release, oldest first (each file has its own hash). */
  revisions: TranslationRevision[];
  /** SHA-256 of every frozen file, by file name, as recorded in versions.yaml. */
  files: Record<string, string>;
  /** Frozen translations (letter.<lang>.md), by file name order. */
  translations: LetterText[];
}

/** A letter: its working text (letter.md), settings, releases and every signatory. */
export interface Letter extends LetterText {
  slug: string;
  /** Folder of the letter, relative to the working directory. */
  dir: string;
  status: LetterStatus;
  display: SignatoryDisplay;
  /** Working translations, letter.<lang>.md, in file-name order. */
  translations: LetterText[];
  /** Oldest first; empty until the letter is released. */
  releases: Release[];
  /** Every signatory, withdrawn ones included, in display order: grouped, then as listed or alphabetical. */
  signatories: Signatory[];
  /** updates/<date>-<name>.md: what happened since (delivered, a response, press), newest first. */
  updates: LetterUpdate[];
  /** deliveries.yaml: the recorded delivery packs of its `delivered` updates (see Delivery). */
  deliveries: Delivery[];
  /** The files beside the updates (updates/<name>), served at /<slug>/updates/<name>. */
  attachments: UpdateAttachment[];
}

export interface UpdateAttachment {
  name: string;
  /** Of its bytes: an attachment changed under the same name is copied again. */
  sha256: string;
}

export type UpdateKind = "delivered" | "response" | "press" | "update";

/** One update of a letter, with its translations; not part of any version's text, so never frozen. */
export interface LetterUpdate {
  /** <date>-<name>, from the file name: the permanent anchor (#update-<id>) and feed id. */
  id: string;
  date: string;
  kind: UpdateKind;
  title: string;
  /** Markdown. */
  body: string;
  file: string;
  /** Where its `date:` is written, for messages about the day. */
  datePosition?: { line: number; column: number };
  /** By language tag: the title and body of updates/<id>.<lang>.md. */
  translations: Record<string, { title: string; body: string }>;
}

/** One name as a delivery pack prints it, with what the pack's counts need. */
export interface DeliveryEntry extends EditionEntry {
  type?: SignatoryType;
  /** ISO 3166 code. */
  country?: string;
  /** The day the signature counts from: its `signed:` date, else the release that first listed it. */
  day: string;
}

/** The list a delivery pack prints: who had signed by the day of the delivery (deliveries/<update>.json). */
export interface DeliveryList {
  /** Signatures of that day withdrawn since (counted, never named). */
  withdrawn: number;
  groups: { heading?: string; entries: DeliveryEntry[] }[];
}

/**
 * The recorded delivery pack of a `delivered` update: the version it prints, every edition of its PDF (as
 * a version's, so every published hash stays listed) and the list its latest edition prints.
 */
export interface Delivery {
  /** The update's id, <date>-<name>. */
  update: string;
  version: number;
  /** Oldest first; `pdfs` has one entry per language the pack is typeset in (the letter's, and each the update is translated into). */
  editions: Edition[];
  list: DeliveryList;
}

export interface Site {
  /** Folder holding letters/, absolute. */
  root: string;
  config: SiteConfig;
  letters: Letter[];
  /** Problems that do not stop a build. */
  warnings: ContentError[];
}
