// A letter is a folder letters/<slug>/ holding letter.md (front matter and a Markdown body), its
// translations letter.<lang>.md, its signatories and its released versions.
import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { MisnamedFileError, type ContentError } from "../model/errors.ts";
import { displayPath, readContentFile } from "./files.ts";
import { LETTER_FILE, TRANSLATION_FILE, checkBody, letterText, parseLetterFile, parseTranslation } from "./letter-markdown.ts";
import { checkSignatoryVersions } from "./version-lists.ts";
import type { LoadOptions } from "./parse-cache.ts";
import { loadSignatories, orderSignatories } from "./signatories.ts";
import { checkTranslations } from "./translations.ts";
import type { Letter, LetterText, SiteConfig } from "../model/types.ts";
import { loadReleases } from "./versions.ts";
import { loadUpdates } from "./updates.ts";
import { checkDeliveries, loadDeliveries } from "./deliveries.ts";

export { LETTER_FILE, parseLetterFile };

export async function loadLetter(letterDir: string, config: SiteConfig, options: LoadOptions = {}): Promise<{ letter?: Letter; problems: ContentError[] }> {
  const absolute = join(letterDir, LETTER_FILE);
  const file = displayPath(absolute);
  const read = await readContentFile(absolute);
  const signatories = await loadSignatories(letterDir, undefined, options);
  if (read.problem) return { problems: [read.problem, ...signatories.problems] };

  const parsed = parseLetterFile(read.text, file);
  const released = await loadReleases(letterDir, config.lang);
  const problems = [...parsed.problems, ...checkBody(parsed, file), ...signatories.problems, ...released.problems];
  const fm = parsed.frontMatter;
  if (!fm) return { problems };

  const text = letterText(fm, parsed, file, config.lang);
  const names = await readdir(letterDir);
  const translations = await loadTranslations(letterDir, names, text);
  problems.push(...misnamedTexts(letterDir, names), ...translations.problems);
  const updates = await loadUpdates(letterDir, [text.lang, ...translations.translations.map((t) => t.lang)]);
  problems.push(...updates.problems);
  const deliveries = await loadDeliveries(letterDir);
  problems.push(...deliveries.problems);
  const display = {
    heading: fm.signatories?.heading ?? "Signatories",
    note: fm.signatories?.note,
    order: fm.signatories?.order ?? "as-listed",
  };
  const letter: Letter = {
    ...text,
    slug: fm.slug ?? basename(letterDir),
    dir: displayPath(letterDir),
    status: fm.status ?? "open",
    display,
    translations: translations.translations,
    releases: released.releases,
    signatories: orderSignatories(signatories.signatories, display, text.lang),
    updates: updates.updates,
    attachments: updates.attachments,
    deliveries: deliveries.deliveries,
  };
  // Only meaningful when every release loaded: a broken manifest is reported above.
  if (released.problems.length === 0) {
    problems.push(...checkSignatoryVersions(letter), ...checkTranslations(letter), ...checkDeliveries(letterDir, letter, deliveries));
  }
  return { letter, problems };
}

async function loadTranslations(letterDir: string, names: readonly string[], original: LetterText): Promise<{ translations: LetterText[]; problems: ContentError[] }> {
  const translations: LetterText[] = [];
  const problems: ContentError[] = [];
  for (const name of names.filter((n) => TRANSLATION_FILE.test(n)).sort()) {
    const read = await readContentFile(join(letterDir, name));
    if (read.problem) {
      problems.push(read.problem);
      continue;
    }
    const result = parseTranslation(read.text, displayPath(join(letterDir, name)), name, original);
    problems.push(...result.problems);
    if (result.translation) translations.push(result.translation);
  }
  return { translations, problems };
}

/**
 * A letter text's name gone slightly wrong: `Letter.md`, `LETTER.MD`, `letter.markdown`, `Letter.fr.md`,
 * `letter-fr.md`, `letter_pt_BR.md`. Nothing reads such a file, so its text, or a whole translation,
 * would be missing from the site without a word; and a name differing from another only in case is the
 * same file on macOS and Windows. Gives the name it should have, or undefined for any other file.
 */
export function intendedTextName(name: string): string | undefined {
  if (name === LETTER_FILE || TRANSLATION_FILE.test(name)) return undefined;
  const match = /^letter(?:[._ -]([a-z]{2}(?:[-_][a-z0-9]{2,8})*))?\.(?:md|markdown)$/i.exec(name);
  if (!match) return undefined;
  const tag = match[1];
  if (tag === undefined) return LETTER_FILE;
  // Two-letter codes only, and known ones: "letter-old.md" or "letter-new.md" is somebody's copy, not Newari.
  let lang: string;
  try {
    lang = Intl.getCanonicalLocales(tag.replace(/_/g, "-"))[0]!;
  } catch {
    return undefined;
  }
  return knownLanguage(lang) ? `letter.${lang}.md` : undefined;
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
const knownLanguage = (lang: string) => languageNames.of(lang.split("-")[0]!) !== undefined;

function misnamedTexts(letterDir: string, names: readonly string[]): ContentError[] {
  return names.flatMap((name) => {
    const intended = intendedTextName(name);
    if (!intended) return [];
    const lang = TRANSLATION_FILE.exec(intended)?.[1];
    const what = lang ? `a translation into ${languageNames.of(lang) ?? lang} is named ${intended}` : `the letter's text is named ${intended}`;
    const taken = names.includes(intended);
    return [
      new MisnamedFileError(displayPath(join(letterDir, name)), undefined, `This file is not read: ${what}.`,
        taken ? `${intended} exists too: merge what you need from this file into it, then delete this one.` : `Rename it to ${intended}.`),
    ];
  });
}
