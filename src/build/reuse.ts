// Reusing the output of unchanged letters. Everything a letter's pages, PDFs and data files are made of
// is its model (text, translations, releases, signatories), the site settings, the build options and
// the code; when their fingerprint equals the one recorded at the last build of the same output folder,
// the letter's folder in that output (/<slug>/, which holds every file of that letter and nothing else)
// is hard-linked into the new build instead of being rendered and typeset again. Site-wide files (home
// page, feed, sitemap) are always rendered, from each letter's outline: its summary, its page
// addresses and its feed entries. When nothing under letters/ changed at all, the build does nothing.
// The record lives in <root>/.cache/output/, safe to delete.
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "../model/hash.ts";
import { releaseEntries, updateEntries, type FeedEntry } from "../outputs/data/feed.ts";
import type { LetterSummary } from "../view/home.ts";
import type { SiteData } from "../view/pages.ts";
import type { Letter, Site } from "../model/types.ts";
import { OutputCollisionError } from "../model/errors.ts";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** What site-wide files need of a letter, rendered or reused. */
export interface LetterOutline {
  slug: string;
  summary: LetterSummary;
  /** Site-relative addresses of every HTML page of the letter, for the sitemap. */
  urls: string[];
  /** Feed entries of its later releases and its updates (the letter's own entry comes from its summary). */
  releases: FeedEntry[];
}

interface RecordedLetter {
  fingerprint: string;
  outline: LetterOutline;
  /** Every file of the letter's folder, relative to the output, with its size. */
  files: Record<string, number>;
}

interface Manifest {
  letters: Record<string, RecordedLetter>;
  /** The whole build, for the shortcut when nothing at all changed (see upToDate). */
  build?: RecordedBuild;
}

interface RecordedBuild {
  stamp: string;
  /** Every file of the output with its size. */
  files: Record<string, number>;
  summary: BuildSummary;
}

/** What the build reports, repeated by a build that had nothing to do. */
export interface BuildSummary {
  /** Letters published: released and not drafts. */
  letters: number;
  /** Letters left out of the site: drafts, and letters never released. */
  unpublished?: number;
  /** Signatories listed on the published letters (withdrawn ones not counted). */
  signatories: number;
  warnings: string[];
}

export interface ReusePlan {
  /** Letters whose output is taken from the previous build, by slug. */
  reused: Map<string, LetterOutline>;
  /** The files of each reused letter in the previous output, as checked against the record. */
  files: Map<string, string[]>;
  /** The fingerprint of every letter of the site, for the next build's record. */
  fingerprints: Map<string, string>;
  /** Reuse was on: this build's output is recorded for the next (saveManifest). */
  enabled: boolean;
}

export interface BuildSettings {
  pathPrefix: string;
  pdf: boolean;
}

/** Whether to reuse and record at all; the build decides (BuildOptions.cache), this module reads no environment. */
export interface ReuseOptions {
  /** Off: every letter is rendered and nothing is recorded. */
  enabled: boolean;
}

let code: string | undefined;

/**
 * The code's fingerprint: everything under src/, templates/ and scripts/, the Eleventy configuration
 * and the lock file (library versions, fonts included), and Node's version. A change to any of them
 * renders every letter again.
 */
/** `fresh` reads the files again (and remembers the result), for a long-running preview. */
export function codeFingerprint(project = PROJECT, { fresh = false } = {}): string {
  if (project === PROJECT && code && !fresh) return code;
  const files = [...["src", "templates", "scripts"].flatMap((dir) => walk(join(project, dir))), join(project, ".eleventy.ts"), join(project, "package-lock.json")];
  const digest = sha256(process.version, ...files.sort().flatMap((file) => [`\0${relative(project, file)}\0`, existsSync(file) ? readFileSync(file) : ""]));
  if (project === PROJECT) code = digest;
  return digest;
}

export function letterFingerprint(letter: Letter, site: Site, settings: BuildSettings): string {
  return sha256(codeFingerprint(), JSON.stringify([settings, site.config]), JSON.stringify(letter));
}

const manifestPath = (root: string, output: string) =>
  join(root, ".cache", "output", `${sha256(resolve(output)).slice(0, 32)}.json`);

function readManifest(root: string, output: string): Manifest {
  try {
    return JSON.parse(readFileSync(manifestPath(root, output), "utf8")) as Manifest;
  } catch {
    return { letters: {} };
  }
}

/** Which letters of `site` can be taken from the `output` of the previous build. */
export function planReuse(site: Site, output: string, settings: BuildSettings, { enabled }: ReuseOptions): ReusePlan {
  const fingerprints = new Map(site.letters.map((letter) => [letter.slug, letterFingerprint(letter, site, settings)]));
  const reused = new Map<string, LetterOutline>();
  const files = new Map<string, string[]>();
  if (!enabled) return { reused, files, fingerprints, enabled };
  const recorded = readManifest(site.root, output).letters;
  for (const [slug, fingerprint] of fingerprints) {
    const entry = recorded[slug];
    if (entry?.fingerprint !== fingerprint) continue;
    // The previous output must still hold exactly the files recorded: a hand-edited or half-deleted
    // folder is rendered again rather than copied on.
    if (!sameFiles(filesOf(output, slug), entry.files)) continue;
    reused.set(slug, entry.outline);
    files.set(slug, Object.keys(entry.files));
  }
  return { reused, files, fingerprints, enabled };
}

/** Hard-links (or copies, across file systems) each reused letter's files from `previous` into `staging`. */
export function linkReused(previous: string, staging: string, plan: Pick<ReusePlan, "files">): void {
  for (const [slug, files] of plan.files) {
    for (const file of files) {
      const target = join(staging, file);
      // Eleventy wrote nothing of a reused letter; a file already there means a site-wide file moved
      // into a letter's folder (a letter named "assets"), and copying would hide that.
      if (existsSync(target)) {
        throw new OutputCollisionError(`${file} was written by this build and also reused from the last one.`, {
          hint: `The letter "${slug}" is published under /${slug}/, where the site writes files of its own: rename its folder under letters/.`,
        });
      }
      mkdirSync(dirname(target), { recursive: true });
      try {
        linkSync(join(previous, file), target);
      } catch {
        copyFileSync(join(previous, file), target);
      }
    }
  }
}

/** A link to nothing (or to itself) has no target to stat: its own state stands in, and the loader refuses it. */
function statOrLink(path: string) {
  try {
    return statSync(path);
  } catch {
    return lstatSync(path);
  }
}

/**
 * The state of everything a build reads: the name, size and modification time of every file under
 * letters/ (as the parse cache, a file is taken as unchanged when those are), the code and the settings.
 */
export function siteStamp(root: string, settings: Partial<BuildSettings>): string {
  const lines: string[] = [];
  // Plain string paths and one hash update: at 100,000 signatory files this runs on every build.
  const visit = (dir: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) visit(path, `${prefix}${entry.name}/`);
      else {
        const { size, mtimeMs } = statOrLink(path);
        lines.push(`${prefix}${entry.name}\0${size}\0${mtimeMs}`);
      }
    }
  };
  visit(join(resolve(root), "letters"), "");
  lines.sort();
  return sha256(codeFingerprint(), JSON.stringify(settings), lines.join("\n"));
}

/**
 * The summary of the last build into `output` when nothing it read has changed since and the output is
 * still exactly as that build left it: then there is nothing to do.
 */
export function upToDate(root: string, output: string, stamp: string, { enabled }: ReuseOptions): BuildSummary | undefined {
  if (!enabled) return undefined;
  const recorded = readManifest(root, output).build;
  if (recorded?.stamp !== stamp) return undefined;
  return sameFiles(filesOf(output), recorded.files) ? recorded.summary : undefined;
}

/** Records what this build wrote into `output`, for the next build; nothing when the plan was made with reuse off. */
export function saveManifest(site: Site, output: string, plan: ReusePlan, outlines: readonly LetterOutline[], build?: Omit<RecordedBuild, "files">): void {
  if (!plan.enabled) return;
  // One walk of the output; each letter's files are those under its folder.
  const files = filesOf(output);
  const manifest: Manifest = { letters: {}, ...(build ? { build: { ...build, files } } : {}) };
  // Grouped by first folder in one pass (a letter's folder is its slug), not filtered once per letter.
  const byFolder = new Map<string, Record<string, number>>();
  for (const [path, size] of Object.entries(files)) {
    const folder = path.slice(0, path.indexOf("/") + 1);
    if (!folder) continue;
    let own = byFolder.get(folder);
    if (!own) byFolder.set(folder, (own = {}));
    own[path] = size;
  }
  for (const outline of outlines) {
    const fingerprint = plan.fingerprints.get(outline.slug);
    if (fingerprint) manifest.letters[outline.slug] = { fingerprint, outline, files: byFolder.get(`${outline.slug}/`) ?? {} };
  }
  const path = manifestPath(site.root, output);
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(manifest));
  renameSync(temp, path);
}

/** A site's pages with every letter's outline, rendered or reused. */
export interface OutlinedSite extends SiteData {
  /** Every letter's place in the site-wide files (home page, feed, sitemap), rendered or reused. */
  outlines: LetterOutline[];
}

export function withOutlines(data: SiteData, reused?: ReadonlyMap<string, LetterOutline>): OutlinedSite {
  return { ...data, outlines: outlinesOf(data, reused) };
}

/** Outlines of the letters this build rendered, then those it reused, in the order of the home page. */
export function outlinesOf(data: SiteData, reused: ReadonlyMap<string, LetterOutline> = new Map()): LetterOutline[] {
  return data.letters.map((summary) => {
    const kept = reused.get(summary.slug);
    if (kept) return kept;
    const mine = <T extends { slug: string }>(items: readonly T[]) => items.filter((item) => item.slug === summary.slug);
    const pages = mine(data.pages);
    return {
      slug: summary.slug,
      summary,
      urls: [...pages, ...mine(data.listPages), ...mine(data.histories), ...mine(data.changes), ...mine(data.verifyPages)].map((p) => p.url),
      releases: [...releaseEntries(pages), ...updateEntries(pages)],
    };
  });
}

/** The files of a letter's folder in `output`, or of the whole output, with their sizes. */
function filesOf(output: string, slug = ""): Record<string, number> {
  const files: Record<string, number> = {};
  const root = resolve(output);
  for (const file of walk(join(root, slug))) files[relative(root, file).split(sep).join("/")] = statSync(file).size;
  return files;
}

function sameFiles(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length > 0 && keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
