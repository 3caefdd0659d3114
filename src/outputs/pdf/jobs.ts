// PDF jobs: which PDFs a site has and where they go. One job per letter today; versions and translations
// add one job per (letter, version, language), each with its own PdfDocument and path.
import type { ContentError } from "../../model/errors.ts";
import { describeSite, type DescribeOptions, type LetterDocument } from "../../describe/letter-document.ts";
import type { Letter, Site, SiteConfig } from "../../model/types.ts";
import { pagePdfPath, pdfDocumentFromLetter, pdfDocumentFromPage, pdfPath, withEditionList, type PdfDocument } from "./document.ts";
import { CompilePool, workerCount } from "./pool.ts";
import { documentProblems, pdfInputKey, renderPdf, type RenderedPdf, type RenderOptions } from "./render.ts";

export interface PdfJob {
  /** Where the file goes, relative to the site's output folder, e.g. "belgium-e2ee/belgium-e2ee.pdf". */
  path: string;
  doc: PdfDocument;
}

export interface PdfOutput extends RenderedPdf {
  job: PdfJob;
}

export function letterPdfJob(letter: Letter, config: SiteConfig): PdfJob {
  const doc = pdfDocumentFromLetter(letter, config);
  return { path: pdfPath(doc), doc };
}

// One job per page document and settings: the build's gate and its PDF step ask for the same jobs, and a
// job's document keys what is found once per document (its layout, problems and JSON: render.ts).
const made = new WeakMap<LetterDocument, { letter: Letter; config: SiteConfig; job: PdfJob }>();

/**
 * One job per page: every (letter, version, language) has its PDF beside its page. A released version
 * whose PDFs have a recorded edition prints that edition's list.
 */
export function pagePdfJob(page: LetterDocument, letter: Letter, config: SiteConfig): PdfJob {
  const known = made.get(page);
  if (known?.letter === letter && known.config === config) return known.job;
  const job = newPagePdfJob(page, letter, config);
  made.set(page, { letter, config, job });
  return job;
}

function newPagePdfJob(page: LetterDocument, letter: Letter, config: SiteConfig): PdfJob {
  const doc = pdfDocumentFromPage(page, config);
  const list = page.kind === "version" && page.release ? letter.releases[page.release.version - 1]?.editionList : undefined;
  return { path: pagePdfPath(page, letter.lang), doc: list ? withEditionList(doc, list, config) : doc };
}

/** The PDF of every page, each beside its page. */
export function pagePdfJobs(site: Site, pages: readonly LetterDocument[]): PdfJob[] {
  const letters = new Map(site.letters.map((l) => [l.slug, l]));
  return pages.map((page) => pagePdfJob(page, letters.get(page.slug)!, site.config));
}

/**
 * What would stop a site's PDFs from being made, and what typesetting them would warn about, found before
 * anything is typeset: `npm run build` stops before writing anything. With `preview`, also the texts not
 * published yet (drafts, unreleased edits and translations): `npm run check` reports those before a
 * release freezes them for good.
 */
export function sitePdfProblems(site: Site, options: DescribeOptions): ContentError[] {
  const { problems, warnings } = pdfJobProblems(pagePdfJobs(site, describeSite(site, options)));
  return [...problems, ...warnings];
}

export interface PdfJobProblems {
  /** Every problem once: a current page and its latest version share a source file, and so an error. */
  problems: ContentError[];
  /** The jobs that cannot be typeset. */
  failed: Set<PdfJob>;
  /** What typesetting would warn about (characters a signatory's name needs that no font has), each once. */
  warnings: ContentError[];
}

/** What stops these PDFs from being made (a letter's text in a script no PDF font covers), all at once. */
export function pdfJobProblems(jobs: readonly PdfJob[]): PdfJobProblems {
  const problems = new Map<string, ContentError>();
  const warnings = new Map<string, ContentError>();
  const failed = new Set<PdfJob>();
  for (const job of jobs) {
    const { error, warnings: found } = documentProblems(job.doc);
    // One name appears in every PDF that lists it (each version, each language): say it once.
    for (const warning of found) warnings.set(warning.format(), warning);
    if (!error) continue;
    failed.add(job);
    problems.set(error.format(), error);
  }
  return { problems: [...problems.values()], failed, warnings: [...warnings.values()] };
}

/**
 * Runs the jobs, typesetting those not in the cache in parallel worker threads (pool.ts). `background`:
 * the caller works meanwhile (a build renders its pages), so even one long PDF goes to a worker.
 */
export async function runPdfJobs(jobs: readonly PdfJob[], { workers, background, ...options }: RenderOptions & { workers?: number; background?: boolean } = {}): Promise<PdfOutput[]> {
  // Cache look-ups are cheap and run for all jobs at once; typesetting goes through a bounded pool.
  // A page and the version it shows are often the very same document (the current page of a letter and
  // its latest release): one typesetting serves every job with the same inputs, as the cache would on a
  // second build, so a cold build never typesets a document twice.
  const byInput = new Map<string, PdfJob[]>();
  for (const job of jobs) {
    const key = pdfInputKey(job.doc);
    byInput.set(key, [...(byInput.get(key) ?? []), job]);
  }
  const pool = new CompilePool(workerCount(byInput.size, workers, background), background);
  try {
    const rendered = new Map<PdfJob, RenderedPdf>();
    await Promise.all([...byInput.values()].map(async ([first, ...same]) => {
      const pdf = await renderPdf(first!.doc, { ...options, compile: pool.compile });
      rendered.set(first!, pdf);
      // The others are as good as read from the cache: the same bytes, and warnings already given.
      for (const job of same) rendered.set(job, { ...pdf, cached: true, warnings: [] });
    }));
    return jobs.map((job) => ({ job, ...rendered.get(job)! }));
  } finally {
    await pool.close();
  }
}

/** "64 kB", "1.3 MB": decimal units, as file managers show them, in the reader's number format. */
export function sizeText(bytes: number, lang: string): string {
  const [value, unit] = bytes < 1_000_000 ? [Math.max(1, Math.round(bytes / 1000)), "kilobyte"] : [bytes / 1_000_000, "megabyte"];
  return new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
}
