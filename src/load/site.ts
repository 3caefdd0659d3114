// Loads the whole site: the config and every letter, collecting every problem in every file at once.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  ContentProblemsError, DuplicateSlugError, InvalidSlugError, MissingLetterFileError, StrayFileError, hasErrors, type ContentError,
} from "../model/errors.ts";
import { displayPath, isInside, linksOutOf } from "./files.ts";
import { INTERFACE_TEXT_DIR, loadInterfaceText } from "./interface-text.ts";
import { LETTER_FILE, intendedTextName, loadLetter } from "./letters.ts";
import type { LoadOptions } from "./parse-cache.ts";
import { FALLBACK_SITE_CONFIG, SITE_CONFIG_FILE, loadSiteConfig } from "./site-settings.ts";
import { SLUG_PATTERN } from "../model/schema.ts";
import type { Letter, Site, SiteConfig } from "../model/types.ts";

export const LETTERS_DIR = "letters";
/** Names and words `npm run check` holds for review, site-wide in letters/ or in one letter's folder (read by tools/moderation.ts). */
export const MODERATION_FILE = "moderation.yaml";
/** Files that may sit directly in letters/ besides the letter folders. */
const TOP_LEVEL_FILES = new Set([SITE_CONFIG_FILE, MODERATION_FILE, "README.md", ".gitkeep"]);

export interface LoadResult {
  site?: Site;
  problems: ContentError[];
  /**
   * When there are errors, what loaded all the same, for the preview to show beside them: the settings
   * (unless site.yaml is broken) and every letter with no error in its own folder.
   */
  partial?: { config?: SiteConfig; letters: Letter[] };
}

/** Loads and validates everything under `<root>/letters`. Never throws for content mistakes. */
export async function loadSite(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const absoluteRoot = resolve(root);
  const lettersDir = join(absoluteRoot, LETTERS_DIR);
  if (!existsSync(lettersDir)) {
    return {
      problems: [new MissingLetterFileError(displayPath(lettersDir), undefined, "There is no letters folder.",
        `Create ${displayPath(lettersDir)}/ with a site.yaml and one folder per letter.`)],
    };
  }
  // letters/ itself may be a link (to a folder elsewhere in the repository), never out of it.
  const outside = linksOutOf(absoluteRoot, lettersDir);
  if (outside.length || !isInside(absoluteRoot, lettersDir)) return { problems: outside };
  const { config: settings, problems } = await loadSiteConfig(lettersDir);
  // letters/i18n/<lang>.yaml: the site's own interface text, checked like the letters and handed on with
  // the settings, so that every page, PDF and script that takes the settings speaks the site's words.
  const text = await interfaceText(absoluteRoot, lettersDir);
  problems.push(...text.problems);
  const config = settings && Object.keys(text.interfaceText).length ? { ...settings, interfaceText: text.interfaceText } : settings;
  const entries = (await readdir(lettersDir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  // Letters load concurrently (their folder listings overlap); results keep the folders' order.
  const loading = entries.map(async (entry) => {
    const own: ContentError[] = [];
    const path = join(lettersDir, entry.name);
    // A letter folder, or anything in it, that leads out of the repository is refused, and not read.
    const links = entry.name.startsWith(".") ? [] : linksOutOf(absoluteRoot, path);
    if (links.length) return { own: links };
    if (!entry.isDirectory()) {
      if (!TOP_LEVEL_FILES.has(entry.name) && !entry.name.startsWith(".")) {
        own.push(new StrayFileError(displayPath(path), undefined, "This file is not part of any letter and is ignored.",
          "Put letter files inside a letter folder: letters/<slug>/letter.md and letters/<slug>/signatories/*.yaml.").asWarning());
      }
      return { own };
    }
    if (entry.name.startsWith(".") || entry.name === INTERFACE_TEXT_DIR) return { own };
    if (!existsSync(join(path, LETTER_FILE))) {
      // Letter.md is letter.md on a Mac and nothing on the Linux machine that builds the site.
      const variant = (await readdir(path)).find((name) => intendedTextName(name) === LETTER_FILE);
      own.push(new MissingLetterFileError(displayPath(join(path, LETTER_FILE)), undefined, `The folder letters/${entry.name}/ has no ${LETTER_FILE}.`,
        variant
          ? `It has ${variant}: rename it to ${LETTER_FILE} (file names are case-sensitive where the site is built).`
          : `Add ${LETTER_FILE} with front matter and the letter's text, or remove the folder.`));
      return { own };
    }
    if (!SLUG_PATTERN.test(entry.name)) {
      own.push(new InvalidSlugError(displayPath(path), undefined, `The folder name "${entry.name}" cannot be used in a URL.`,
        "Rename it with lowercase letters, digits and hyphens, e.g. belgium-e2ee."));
    }
    if (!config) return { own }; // without the site defaults a letter cannot be completed, but its problems can be found
    return { own, result: await loadLetter(path, config, options) };
  });
  const letters: Letter[] = [];
  for (const { own, result } of await Promise.all(loading)) {
    problems.push(...own, ...(result?.problems ?? []));
    if (result?.letter) letters.push(result.letter);
  }
  if (!config) {
    // Still report the letters' own problems: every problem in every file at once.
    for (const entry of entries.filter((e) => e.isDirectory() && existsSync(join(lettersDir, e.name, LETTER_FILE)) && !linksOutOf(absoluteRoot, join(lettersDir, e.name)).length)) {
      const result = await loadLetter(join(lettersDir, entry.name), FALLBACK_SITE_CONFIG, options);
      problems.push(...result.problems);
      if (result.letter) letters.push(result.letter);
    }
  }
  problems.push(...duplicateSlugs(letters));
  if (!config || hasErrors(problems)) return { problems, partial: { config, letters: lettersWithoutErrors(letters, problems) } };
  return { site: { root: absoluteRoot, config, letters, warnings: problems }, problems };
}

/** letters/i18n/, which may not lead out of the repository (like a letter's folder, it is then not read). */
async function interfaceText(root: string, lettersDir: string): ReturnType<typeof loadInterfaceText> {
  const links = linksOutOf(root, join(lettersDir, INTERFACE_TEXT_DIR));
  return links.length ? { interfaceText: {}, problems: links } : loadInterfaceText(lettersDir);
}

/** Like loadSite, but throws one ContentProblemsError listing every problem. */
export async function loadSiteOrThrow(root: string, options: LoadOptions = {}): Promise<Site> {
  const { site, problems } = await loadSite(root, options);
  if (!site) throw new ContentProblemsError(problems);
  return site;
}

/** The letters none of whose own files has an error (a letter's files are all inside its folder). */
function lettersWithoutErrors(letters: readonly Letter[], problems: readonly ContentError[]): Letter[] {
  const broken = problems.filter((p) => p.severity === "error").map((p) => p.file);
  return letters.filter((l) => !broken.some((file) => file === l.dir || file.startsWith(`${l.dir}/`)));
}

function duplicateSlugs(letters: readonly Letter[]): ContentError[] {
  const seen = new Map<string, Letter>();
  const problems: ContentError[] = [];
  for (const letter of letters) {
    const first = seen.get(letter.slug);
    if (first) {
      problems.push(new DuplicateSlugError(letter.file, undefined, `Two letters use the slug "${letter.slug}" (the other is ${first.file}).`,
        'Give one of them another folder name, or set a different "slug:" in its front matter.'));
    } else seen.set(letter.slug, letter);
  }
  return problems;
}
