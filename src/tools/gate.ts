// The one gate: what `npm run build` would stop on or warn about once the letters have loaded, found
// without typesetting or writing anything. `npm run build` runs buildProblems before it writes a file,
// and `npm run check` (and so `npm run release`) runs it too, with the checks a build does not need:
// drafts and unreleased texts, which a release would freeze for good, and text left from the scaffold.
// What only typesetting could reveal is found from the same data the typesetter gets: the fonts'
// character maps (outputs/pdf/glyphs.ts), the language codes Typst takes (model/language.ts, in the
// schema) and the nesting it can lay out (render/nesting.ts, in the loader and below for frozen texts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describeSite, type LetterDocument } from "../describe/letter-document.ts";
import { ContentError, InvalidSlugError, type Position } from "../model/errors.ts";
import type { LetterText, Site } from "../model/types.ts";
import { FONT_FAMILIES, uncoveredCharacters } from "../outputs/typst/fonts.ts";
import { SITE_FOLDERS } from "../outputs/data/files.ts";
import { cardContent } from "../outputs/data/social.ts";
import { HEADER_RULE_LIMIT, headerRuleCount, unframedFolders } from "../outputs/data/security.ts";
import { pagePdfJobs, pdfJobProblems } from "../outputs/pdf/index.ts";
import { markdown } from "../render/markdown.ts";
import { checkNesting } from "../render/nesting.ts";
import { LETTERS_DIR } from "../load/site.ts";
import { SITE_CONFIG_FILE } from "../load/site-settings.ts";
import { displayPath } from "../load/files.ts";
import { SCAFFOLD_PLACEHOLDER } from "./scaffold.ts";
import { editionProblems } from "./editions.ts";
import { deliveryProblems } from "./deliveries.ts";

/** Text left as the scaffold or the sign form's example wrote it. */
export class PlaceholderTextError extends ContentError {}
/** A social card (site title, letter title, date, count) with characters no font has. */
export class CardGlyphError extends ContentError {}
/** More _headers rules than a host reads. */
export class HeaderRulesError extends ContentError {}

/**
 * What stops `npm run build` (errors) and what it prints (warnings) for these published documents
 * (`buildPages(...).documents`, or describeSite without preview), beyond the loader's own problems.
 */
export function buildProblems(site: Site, documents: readonly LetterDocument[], options: { pdf?: boolean } = {}): ContentError[] {
  const pdf = options.pdf === false ? { problems: [], warnings: [] } : pdfJobProblems(pagePdfJobs(site, documents));
  // A released PDF or delivery pack that would change without a recorded edition would make a published hash false.
  const editions = options.pdf === false ? [] : [...editionProblems(site), ...deliveryProblems(site)];
  return [...reservedSlugs(site), ...frozenNesting(site), ...pdf.problems, ...pdf.warnings, ...editions, ...cardProblems(site, documents), ...headerRuleProblems(site, documents)];
}

/**
 * Everything `npm run check` adds to the loader's problems: the build's, for the published documents and
 * for every text a release would publish (drafts, unreleased edits and translations), and placeholders.
 */
export function gateProblems(site: Site): ContentError[] {
  const published = describeSite(site, { preview: false });
  const upcoming = describeSite(site, { preview: true });
  const pdf = pdfJobProblems(pagePdfJobs(site, upcoming));
  return unique([...buildProblems(site, published), ...pdf.problems, ...pdf.warnings, ...cardProblems(site, upcoming), ...placeholders(site)]);
}

/** Each problem once: the same text in two documents (a page and its latest version) gives one message. */
export function unique(problems: readonly ContentError[]): ContentError[] {
  return [...new Map(problems.map((p) => [p.format(), p])).values()];
}

/**
 * A letter published at /<slug>/ where the site writes folders of its own (/assets/, /schemas/) would
 * mix its pages with the site's files, and the next build that reuses it fails on the collision.
 */
function reservedSlugs(site: Site): ContentError[] {
  const reserved = new Set<string>(SITE_FOLDERS);
  return site.letters
    .filter((letter) => reserved.has(letter.slug))
    .map((letter) => {
      const fromFrontMatter = positionOf(letter.file, /^slug:/m);
      return new InvalidSlugError(letter.file, fromFrontMatter,
        `The letter would be published at /${letter.slug}/, where the site writes its own files (${SITE_FOLDERS.map((f) => `/${f}/`).join(", ")}).`,
        fromFrontMatter ? "Choose another slug." : `Rename the folder letters/${letter.slug}/, e.g. to letters/${letter.slug}-letter/.`);
    });
}

/**
 * The framing rules of _headers are one per second-level folder of the site's pages (outputs/data/
 * security.ts): each language and each version of any letter, and the letters' own page folders. Past
 * Cloudflare Pages' 100 rules the last ones (later folders, and the embed pages' rule) would be ignored
 * there, and those pages could be framed. Counted from the documents and the pages every letter has, so
 * at least as many as the build writes but for a long list's folder where no letter has one.
 */
export function headerRuleProblems(site: Site, documents: readonly LetterDocument[]): ContentError[] {
  const letters = new Set(documents.map((d) => d.slug));
  const pages = [...documents.map((d) => d.url), ...[...letters].flatMap((slug) => [`/${slug}/history/`, `/${slug}/verify/`])];
  if (site.letters.some((l) => letters.has(l.slug) && l.signatories.length > site.config.listThreshold)) pages.push("/any/signatories/");
  const folders = unframedFolders(pages);
  const rules = headerRuleCount(folders.length);
  if (rules <= HEADER_RULE_LIMIT) return [];
  return [new HeaderRulesError(displayPath(join(site.root, LETTERS_DIR, SITE_CONFIG_FILE)), undefined,
    `The site's _headers needs ${rules} rules (framing is forbidden folder by folder: ${folders.length} second-level folders, one per language and version), and Cloudflare Pages reads only the first ${HEADER_RULE_LIMIT}: there, the pages of the last folders and the embed pages would lose their framing rules.`,
    "On Netlify nothing needs doing. On Cloudflare Pages, add X-Frame-Options: DENY and Content-Security-Policy: frame-ancestors 'none' with a Transform Rule (Rules > Transform Rules > Modify Response Header) for every address but /<slug>/embed/, or host the site on Netlify.").asWarning()];
}

/**
 * Released texts are not loaded with the body checks (their files cannot change), but they are printed:
 * one frozen before the nesting limit existed must still be found before it stops a build.
 */
function frozenNesting(site: Site): ContentError[] {
  const texts: LetterText[] = site.letters.flatMap((letter) => letter.releases.flatMap((r) => [r.text, ...r.translations]));
  return texts.flatMap((text) => checkNesting(markdown, text.body, text.file, text.bodyLine));
}

/** Cards are typeset in the PDF's fonts: text they cannot print stops the build (outputs/card.ts). */
function cardProblems(site: Site, documents: readonly LetterDocument[]): ContentError[] {
  const problems: ContentError[] = [];
  const covered = FONT_FAMILIES.flatMap((f) => f.scripts.split(/,\s*/)).join(", ");
  const hint = `Cards use the PDF's fonts, which cover ${covered}: write it in a script they cover, or add a font to src/outputs/typst/fonts.ts.`;
  const shown = (chars: string[]) => chars.slice(0, 5).map((ch) => `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`).join(", ");
  for (const doc of documents) {
    // What card.ts prints: the site's title on every card, then the letter's title, date and count.
    const card = cardContent(doc, site.config);
    const inSite = uncoveredCharacters(card.site);
    if (inSite.length) {
      const file = displayPath(join(site.root, LETTERS_DIR, SITE_CONFIG_FILE));
      problems.push(new CardGlyphError(file, positionOf(file, inSite[0]!),
        `The site's title cannot be printed on the social cards: no font has ${shown(inSite)}.`, hint));
    }
    const inLetter = uncoveredCharacters([card.title, card.date, card.count].join(" "));
    if (inLetter.length) {
      problems.push(new CardGlyphError(doc.source, positionOf(doc.source, inLetter[0]!),
        `The social card of "${doc.title}" (${doc.lang}) cannot print ${shown(inLetter)}: no font has a glyph for ${inLetter.length > 1 ? "them" : "it"}.`, hint));
    }
  }
  return unique(problems);
}

/** Text the scaffold or the sign form's example wrote, still there: it would be released and published as is. */
function placeholders(site: Site): ContentError[] {
  const problems: ContentError[] = [];
  for (const letter of site.letters) {
    for (const text of [letter, ...letter.translations]) {
      if (!text.body.includes(SCAFFOLD_PLACEHOLDER)) continue;
      problems.push(new PlaceholderTextError(text.file, positionOf(text.file, SCAFFOLD_PLACEHOLDER),
        `"${SCAFFOLD_PLACEHOLDER}..." is the example text npm run new-letter wrote, not the letter's.`,
        "Replace it with the letter's own text: it would be released and published as it is."));
    }
  }
  return problems;
}

/**
 * Line and column of the first match in `file` (a string or a pattern), from line `fromLine` on (the
 * entry of a list file), for an editor to jump to.
 */
function positionOf(file: string, needle: string | RegExp, fromLine = 1): Position | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const lines = text.split("\n");
  const start = lines.slice(0, fromLine - 1).reduce((n, line) => n + line.length + 1, 0);
  const rest = text.slice(start);
  const found = typeof needle === "string" ? rest.indexOf(needle) : rest.search(needle);
  if (found < 0) return undefined;
  const before = text.slice(0, start + found).split("\n");
  return { line: before.length, column: [...before.at(-1)!].length + 1 };
}
