// Eleventy plugin: the letters, loaded and validated by src/, as global data. Eleventy never parses
// content itself; it only receives finished page data.
import { join, resolve } from "node:path";
import { writeFiles } from "../build/write-output.ts";
import { ContentProblemsError, OpenLettersError, formatProblems, hasErrors, sortProblems } from "../model/errors.ts";
import { displayPath } from "../load/files.ts";
import { FALLBACK_SITE_CONFIG } from "../load/site-settings.ts";
import { codeFingerprint, letterFingerprint, withOutlines, type LetterOutline, type OutlinedSite } from "../build/reuse.ts";
import { sha256 } from "../model/hash.ts";
import { SLUG_PATTERN } from "../model/schema.ts";
import { buildPages, type SiteData } from "../view/pages.ts";
import { NO_PROBLEMS, pageProblems, problemsByFolder, type PreviewProblems } from "../view/preview-problems.ts";
import { LETTERS_DIR, loadSite } from "../load/site.ts";
import type { Letter, Site, SiteConfig } from "../model/types.ts";
import { useInterfaceText } from "./i18n.ts";
import { watchLetters } from "./letters-watcher.ts";
import type { LoadedSite } from "./setup.ts";

export interface ContentOptions {
  /** Folder holding letters/. */
  root: string;
  /** Local preview: show drafts, and show content problems in the page instead of failing. */
  preview: boolean;
  /** The parse cache (BuildOptions.cache). */
  cache: boolean;
  /** The site as the caller loaded it (and, for npm run build, checked and made pages of): the first
   * data load uses it instead of loading again. Rebuilds in preview load afresh. */
  loaded?: LoadedSite;
}

interface EleventyConfigLike {
  addGlobalData(name: string, value: () => Promise<unknown>): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addWatchTarget(target: string): void;
  on(event: string, callback: (...args: never[]) => unknown): void;
}

/** A letter the preview cannot show (its files have errors and it never loaded in this session). */
interface UnavailableLetter {
  url: string;
  folder: string;
}

type PreviewData = OutlinedSite & { problems: PreviewProblems; unavailable: UnavailableLetter[] };

/** A later stage of the page data (e.g. the PDFs), run on every load once the pages are built. */
export type PageDataStep = (site: Site, data: SiteData) => Promise<void>;

// Other plugins register steps on the same Eleventy config; keyed by it so that several sites built in
// one process (tests) never share steps.
const steps = new WeakMap<object, PageDataStep[]>();

export function addPageDataStep(eleventyConfig: object, step: PageDataStep): void {
  steps.set(eleventyConfig, [...(steps.get(eleventyConfig) ?? []), step]);
}

/**
 * Work a step started and left running while Eleventy renders (the PDFs: pdf.ts), which completes the page
 * data of some outputs (a PDF's size and hash on its letter page, in letter.json and versions.json). Each
 * getter gives the latest load's.
 */
const unsettled = new WeakMap<object, (() => Promise<unknown>)[]>();

export function addUnsettledWork(eleventyConfig: object, latest: () => Promise<unknown>): void {
  unsettled.set(eleventyConfig, [...(unsettled.get(eleventyConfig) ?? []), latest]);
}

/** Settles once the page data is complete; rejects with the work's error (which fails the output waiting). */
export async function pageDataSettled(eleventyConfig: object): Promise<void> {
  await Promise.all((unsettled.get(eleventyConfig) ?? []).map((latest) => latest()));
}

export default function contentPlugin(eleventyConfig: EleventyConfigLike, options: ContentOptions): void {
  let pending: Promise<PreviewData> | undefined;
  // Load once per build, and again on every rebuild in preview (a YAML file may have changed).
  // A build loads it up front, before Eleventy starts writing: Eleventy copies the assets while it reads
  // the data, and a data step that fails (a PDF) would otherwise leave it writing into a folder the build
  // is removing (the ENOTEMPTY that followed a PdfError).
  eleventyConfig.on("eleventy.before", async () => {
    pending = undefined;
    if (!options.preview) await load().catch(printedByCaller);
  });
  const memory: PreviewMemory = { rendered: new Map(), letters: new Map() };
  let handed = options.loaded;
  const load = () => {
    if (!pending) {
      pending = loadData(options, steps.get(eleventyConfig) ?? [], memory, handed).then((data) => {
        useInterfaceText(eleventyConfig, data.config.interfaceText);
        return data;
      });
      handed = undefined; // used once: a rebuild reads the files again
    }
    return pending;
  };
  eleventyConfig.addGlobalData("site", async () => (await load()).config);
  eleventyConfig.addGlobalData("letters", async () => (await load()).letters);
  eleventyConfig.addGlobalData("letterPages", async () => (await load()).pages);
  eleventyConfig.addGlobalData("histories", async () => (await load()).histories);
  eleventyConfig.addGlobalData("changes", async () => (await load()).changes);
  eleventyConfig.addGlobalData("rawFiles", async () => (await load()).files);
  eleventyConfig.addGlobalData("listPages", async () => (await load()).listPages);
  eleventyConfig.addGlobalData("outlines", async () => (await load()).outlines);
  eleventyConfig.addGlobalData("privacyPages", async () => (await load()).privacyPages);
  eleventyConfig.addGlobalData("privacyLinks", async () => (await load()).privacyLinks);
  eleventyConfig.addGlobalData("verifyPages", async () => (await load()).verifyPages);
  eleventyConfig.addGlobalData("embedPages", async () => (await load()).embedPages);
  eleventyConfig.addGlobalData("attachments", async () => (await load()).attachments);
  // Search indexes are thousands of small JSON files: written as they are, not rendered one by one.
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    await writeFiles(directories.output, (await load()).searchFiles);
  });
  // Preview only (empty in a build): each page shows its letter's problems and the site's, at the top.
  eleventyConfig.addGlobalData("problems", async () => (await load()).problems);
  eleventyConfig.addGlobalData("unavailableLetters", async () => (await load()).unavailable);
  eleventyConfig.addFilter("pageProblems", pageProblems);
  // Templates live in templates/; the content is elsewhere, so preview must watch it explicitly,
  // folder by folder (letters-watcher.ts), not file by file as Eleventy would.
  const lettersDir = join(options.root, LETTERS_DIR);
  eleventyConfig.addWatchTarget(options.preview ? watchLetters(lettersDir) : lettersDir);
}

/**
 * Eleventy prints every error that stops a build with its stack trace, unless it is marked as already
 * printed (EleventyErrorHandler.once, Eleventy 3); a user's mistake is printed by the command that ran
 * the build, as its message and fix alone (scripts/lib/cli.ts), so it is marked. Bugs keep their stack.
 */
function printedByCaller(error: unknown): never {
  if (error instanceof OpenLettersError) Object.defineProperty(error, "__errorAlreadyLogged", { value: true });
  throw error;
}

/**
 * Preview: what the previous rebuild in this server rendered, by letter. The dev server leaves earlier
 * output in place, so a letter with the same fingerprint (output-reuse.ts) keeps its pages from then.
 */
type Rendered = Map<string, { fingerprint: string; outline: LetterOutline }>;

/** What the preview remembers between rebuilds: what it rendered, and the last letters that loaded. */
interface PreviewMemory {
  rendered: Rendered;
  /** The settings as site.yaml last loaded, shown while it has errors. */
  config?: SiteConfig;
  /** Each letter as it last loaded without errors, by folder (Letter.dir): shown, marked out of date, while it has errors. */
  letters: Map<string, Letter>;
}

async function loadData(options: ContentOptions, pageSteps: readonly PageDataStep[], memory: PreviewMemory, handed?: LoadedSite): Promise<PreviewData> {
  const loaded: LoadedSite = handed ?? (await loadSite(options.root, { cache: options.cache }));
  if (!options.preview) {
    if (!loaded.site) throw new ContentProblemsError(loaded.problems);
    const data = loaded.data ?? withOutlines(buildPages(loaded.site, { preview: false }));
    for (const step of pageSteps) await step(loaded.site, data);
    return { ...data, problems: NO_PROBLEMS, unavailable: [] };
  }
  // In preview a typo should not kill the server: say what is wrong, in the terminal and on the pages
  // it affects, and show everything else.
  if (hasErrors(loaded.problems)) console.error(formatProblems(loaded.problems));
  const { site, problems, unavailable } = previewSite(options.root, loaded, memory);
  const data = previewPages(site, memory.rendered, problems);
  for (const step of pageSteps) await step(site, data);
  return { ...data, problems, unavailable };
}

/**
 * The site the preview shows: every letter that loads; each letter whose files have errors as it last
 * loaded, or else as a page saying it cannot be shown; and which problems go on which page.
 */
function previewSite(root: string, loaded: LoadedSite, memory: PreviewMemory): { site: Site; problems: PreviewProblems; unavailable: UnavailableLetter[] } {
  const lettersDir = displayPath(join(resolve(root), LETTERS_DIR));
  const sorted = sortProblems(loaded.problems);
  const { site: siteWide, folders } = problemsByFolder(sorted, lettersDir);
  const good = loaded.site?.letters ?? loaded.partial?.letters ?? [];
  const config = loaded.site?.config ?? loaded.partial?.config;
  // Letters loaded without site.yaml's settings are not remembered: they would show the fallback's.
  if (config) {
    memory.config = config;
    for (const letter of good) memory.letters.set(letter.dir, letter);
  }
  const letters = [...good];
  const slugs = new Set(good.map((l) => l.slug));
  const states = new Map<string, "stale" | "unavailable">();
  const unavailable: UnavailableLetter[] = [];
  const letterFolders = new Set(good.map((l) => l.dir));
  for (const [folder, problems] of folders) {
    const dir = `${lettersDir === "." ? "" : `${lettersDir}/`}${folder}`;
    if (letterFolders.has(dir) || !hasErrors(problems)) continue;
    const last = memory.letters.get(dir);
    // Never two letters at one address (a duplicate slug is one of the errors that lands here).
    if (last && !slugs.has(last.slug)) {
      letters.push(last);
      slugs.add(last.slug);
      states.set(folder, "stale");
    } else if (!last && SLUG_PATTERN.test(folder) && !slugs.has(folder)) {
      unavailable.push({ url: `/${folder}/`, folder });
      slugs.add(folder);
      states.set(folder, "unavailable");
    }
  }
  const format = (list: readonly { format(): string }[]) => list.map((p) => p.format());
  const byLetter: PreviewProblems["letters"] = {};
  for (const letter of letters) {
    const folder = letter.dir.slice(letter.dir.lastIndexOf("/") + 1);
    byLetter[letter.slug] = { problems: format(folders.get(folder) ?? []), state: states.get(folder) ?? "current" };
  }
  for (const { folder } of unavailable) byLetter[folder] = { problems: format(folders.get(folder) ?? []), state: "unavailable" };
  const site: Site = {
    root: resolve(root),
    config: config ?? memory.config ?? { ...FALLBACK_SITE_CONFIG, title: "Content problems" },
    letters,
    warnings: loaded.site?.warnings ?? [],
  };
  return { site, problems: { all: format(sorted), site: format(siteWide), letters: byLetter }, unavailable };
}

/** Preview pages: letters unchanged since the previous rebuild in this server are not rendered again. */
function previewPages(site: Site, rendered: Rendered, problems: PreviewProblems): OutlinedSite {
  // Read the code again: a template edited while the server runs changes every page.
  codeFingerprint(undefined, { fresh: true });
  const settings = { pathPrefix: "", pdf: false };
  // A letter's pages show its problems and the site's: a change in them renders it again.
  const fingerprint = (letter: Letter) => sha256(letterFingerprint(letter, site, settings), JSON.stringify([problems.site, problems.letters[letter.slug]]));
  const fingerprints = new Map(site.letters.map((letter) => [letter.slug, fingerprint(letter)]));
  const reuse = new Map<string, LetterOutline>();
  for (const [slug, fingerprint] of fingerprints) {
    const last = rendered.get(slug);
    if (last?.fingerprint === fingerprint) reuse.set(slug, last.outline);
  }
  const data = withOutlines(buildPages(site, { preview: true, reuse }), reuse);
  rendered.clear();
  for (const outline of data.outlines) rendered.set(outline.slug, { fingerprint: fingerprints.get(outline.slug)!, outline });
  return data;
}
