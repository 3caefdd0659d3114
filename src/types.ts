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
  /** Address for signing by e-mail; never printed except as the sign-by-mail link. */
  signEmail?: string;
  /** Link individuals' names to their URL (default true). */
  linkIndividuals: boolean;
  paper: PaperSize;
}

export interface Signatory {
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
  source: SourceLocation;
}

export interface SignatoryDisplay {
  heading: string;
  note?: string;
  order: SignatoryOrder;
}

export interface Letter {
  slug: string;
  /** Folder of the letter, relative to the working directory. */
  dir: string;
  /** letter.md, relative to the working directory. */
  file: string;
  title: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  lang: string;
  to: string[];
  salutation?: string;
  status: LetterStatus;
  summary?: string;
  display: SignatoryDisplay;
  /** Markdown source of the body, without front matter. */
  body: string;
  /** Line of letter.md on which the body starts (1-based). */
  bodyLine: number;
  /** In display order: grouped, then as listed or alphabetical. */
  signatories: Signatory[];
}

export interface Site {
  /** Folder holding letters/, absolute. */
  root: string;
  config: SiteConfig;
  letters: Letter[];
  /** Problems that do not stop a build. */
  warnings: ContentError[];
}
