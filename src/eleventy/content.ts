// Eleventy plugin: the letters, loaded and validated by src/, as global data. Eleventy never parses
// content itself; it only receives finished page data.
import { join } from "node:path";
import { writeFiles } from "../build/write-output.ts";
import { ContentProblemsError, OpenLettersError, formatProblems, sortProblems } from "../model/errors.ts";
import { FALLBACK_SITE_CONFIG } from "../load/site-settings.ts";
import { codeFingerprint, letterFingerprint, withOutlines, type LetterOutline, type OutlinedSite } from "../build/reuse.ts";
import { buildPages, type SiteData } from "../view/pages.ts";
import { LETTERS_DIR, loadSite } from "../load/site.ts";
import type { Site } from "../model/types.ts";
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
  addWatchTarget(target: string): void;
  on(event: string, callback: (...args: never[]) => unknown): void;
}

type PreviewData = OutlinedSite & { problems: string[] };

/** A later stage of the page data (e.g. the PDFs), run on every load once the pages are built. */
export type PageDataStep = (site: Site, data: SiteData) => Promise<void>;

// Other plugins register steps on the same Eleventy config; keyed by it so that several sites built in
// one process (tests) never share steps.
const steps = new WeakMap<object, PageDataStep[]>();

export function addPageDataStep(eleventyConfig: object, step: PageDataStep): void {
  steps.set(eleventyConfig, [...(steps.get(eleventyConfig) ?? []), step]);
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
  const rendered: Rendered = new Map();
  let handed = options.loaded;
  const load = () => {
    if (!pending) {
      pending = loadData(options, steps.get(eleventyConfig) ?? [], rendered, handed);
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
  // Search indexes are thousands of small JSON files: written as they are, not rendered one by one.
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    await writeFiles(directories.output, (await load()).searchFiles);
  });
  eleventyConfig.addGlobalData("problems", async () => (await load()).problems);
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

async function loadData(options: ContentOptions, pageSteps: readonly PageDataStep[], rendered: Rendered, handed?: LoadedSite): Promise<PreviewData> {
  const { site, problems, data: ready }: LoadedSite = handed ?? (await loadSite(options.root, { cache: options.cache }));
  if (site) {
    const data = ready ?? (options.preview ? previewPages(site, rendered) : withOutlines(buildPages(site, { preview: false })));
    for (const step of pageSteps) await step(site, data);
    return { ...data, problems: [] };
  }
  if (!options.preview) throw new ContentProblemsError(problems);
  rendered.clear(); // the problems page replaces the site: render every letter once it is fixed
  // In preview a typo should not kill the server: say what is wrong, in the terminal and on the page.
  console.error(formatProblems(problems));
  return {
    config: { ...FALLBACK_SITE_CONFIG, title: "Content problems" },
    letters: [],
    pages: [],
    histories: [],
    changes: [],
    files: [],
    listPages: [],
    searchFiles: [],
    outlines: [],
    documents: [],
    problems: sortProblems(problems).map((p) => p.format()),
  };
}

/** Preview pages: letters unchanged since the previous rebuild in this server are not rendered again. */
function previewPages(site: Site, rendered: Rendered): OutlinedSite {
  // Read the code again: a template edited while the server runs changes every page.
  codeFingerprint(undefined, { fresh: true });
  const settings = { pathPrefix: "", pdf: false };
  const fingerprints = new Map(site.letters.map((letter) => [letter.slug, letterFingerprint(letter, site, settings)]));
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
