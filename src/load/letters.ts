// A letter is a folder letters/<slug>/ holding letter.md (front matter and a Markdown body), its
// translations letter.<lang>.md, its signatories and its released versions.
import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import type { ContentError } from "../model/errors.ts";
import { displayPath, readContentFile } from "./files.ts";
import { LETTER_FILE, TRANSLATION_FILE, checkBody, letterText, parseLetterFile, parseTranslation } from "./letter-markdown.ts";
import { checkSignatoryVersions } from "./version-lists.ts";
import type { LoadOptions } from "./parse-cache.ts";
import { loadSignatories, orderSignatories } from "./signatories.ts";
import { checkTranslations } from "./translations.ts";
import type { Letter, LetterText, SiteConfig } from "../model/types.ts";
import { loadReleases } from "./versions.ts";

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
  const translations = await loadTranslations(letterDir, text);
  problems.push(...translations.problems);
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
  };
  // Only meaningful when every release loaded: a broken manifest is reported above.
  if (released.problems.length === 0) problems.push(...checkSignatoryVersions(letter), ...checkTranslations(letter));
  return { letter, problems };
}

async function loadTranslations(letterDir: string, original: LetterText): Promise<{ translations: LetterText[]; problems: ContentError[] }> {
  const translations: LetterText[] = [];
  const problems: ContentError[] = [];
  const names = (await readdir(letterDir)).filter((name) => TRANSLATION_FILE.test(name)).sort();
  for (const name of names) {
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
