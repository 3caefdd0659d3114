// Local preview: which content problems each page shows, at its top. A problem in a letter's folder
// belongs to that letter's pages (every page under /<slug>/: versions, history, lists); one outside every
// letter folder (site.yaml, a stray file) to every page; the home page, which lists every letter, shows
// them all. A letter whose files have errors is shown as it last loaded ("stale", and the page says so)
// or, if it never loaded in this session, as a page that says why it cannot be shown ("unavailable").
import { INTERFACE_TEXT_DIR } from "../load/interface-text.ts";
import type { ContentError } from "../model/errors.ts";

export type LetterState = "current" | "stale" | "unavailable";

export interface PreviewProblems {
  /** Every problem, as `file:line:col: severity: message. Fix.` lines, for the home page. */
  all: string[];
  /** Problems outside every letter folder, shown on every page. */
  site: string[];
  /** By slug (the first segment of the letter's page addresses). */
  letters: Record<string, { problems: string[]; state: LetterState }>;
}

/** What one page shows: its problems, and whether it is out of date or stands in for a letter. */
export interface PageProblems {
  lines: string[];
  stale: boolean;
  unavailable: boolean;
}

export const NO_PROBLEMS: PreviewProblems = { all: [], site: [], letters: {} };

/**
 * Sorts `problems` (already in file order) between the site and its letter folders. `lettersDir` is the
 * letters folder as messages show it (displayPath); returns the folder name for each letter's problems.
 */
export function problemsByFolder(problems: readonly ContentError[], lettersDir: string): { site: ContentError[]; folders: Map<string, ContentError[]> } {
  const site: ContentError[] = [];
  const folders = new Map<string, ContentError[]>();
  for (const problem of problems) {
    const folder = folderOf(problem.file, lettersDir);
    if (folder === undefined) site.push(problem);
    else folders.set(folder, [...(folders.get(folder) ?? []), problem]);
  }
  return { site, folders };
}

/** The letter folder a file is in (`letters/<folder>/...`), or undefined for a file outside every one. */
export function folderOf(file: string, lettersDir: string): string | undefined {
  const prefix = lettersDir === "." ? "" : `${lettersDir}/`;
  if (!file.startsWith(prefix)) return undefined;
  const rest = file.slice(prefix.length);
  const slash = rest.indexOf("/");
  const folder = slash > 0 ? rest.slice(0, slash) : rest !== "" && !rest.includes(".") ? rest : undefined;
  // letters/i18n/ is the site's interface text, not a letter: its problems are the whole site's.
  return folder === INTERFACE_TEXT_DIR ? undefined : folder;
}

/** The problems the page at `url` (site-relative, as Eleventy's page.url) shows. */
export function pageProblems(problems: PreviewProblems | undefined, url: string | undefined): PageProblems {
  if (!problems || url === undefined) return { lines: [], stale: false, unavailable: false };
  if (url === "/") return { lines: problems.all, stale: false, unavailable: false };
  const letter = problems.letters[url.split("/")[1] ?? ""];
  return {
    lines: [...problems.site, ...(letter?.problems ?? [])],
    stale: letter?.state === "stale",
    unavailable: letter?.state === "unavailable",
  };
}
