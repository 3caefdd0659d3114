// Translations: letter.<lang>.md beside letter.md, sharing the signatories. A translation says which
// released version of the original it translates (`follows:`), so a stale one can be flagged.
import { join } from "node:path";
import { FrontMatterError, type ContentError } from "../model/errors.ts";
import { languageName } from "../i18n/messages.ts";
import type { Letter, LetterText, Release } from "../model/types.ts";
import { sameText } from "./versions.ts";

/**
 * The first version whose original text equals the one the translation follows: if the original was
 * only re-released without changing words, the translation is still current.
 */
export function isStale(translation: LetterText, releases: readonly Release[]): boolean {
  const latest = releases.at(-1);
  if (!latest || translation.follows === undefined) return false;
  const followed = releases[translation.follows - 1];
  return followed !== undefined && !sameText(followed.text, latest.text);
}

export function checkTranslations(letter: Letter): ContentError[] {
  const latest = letter.releases.at(-1);
  const problems: ContentError[] = [];
  for (const translation of letter.translations) {
    const where = { line: 2, column: 1 };
    // follows: latest + 1 is a translation of the working text, which the next release will freeze.
    const next = (latest?.version ?? 0) + 1;
    if (translation.follows !== undefined && translation.follows > next) {
      problems.push(new FrontMatterError(translation.file, where, `"follows" is ${translation.follows}, but the next version of the letter will be ${next}.`,
        `Set follows: to the version of the original that you translated (${next} for the text not yet released).`));
    } else if (latest && translation.follows === undefined) {
      problems.push(new FrontMatterError(translation.file, where, "This translation does not say which version of the original it translates.",
        `Add "follows: ${latest.version}" if it translates the current version.`).asWarning());
    } else if (isStale(translation, letter.releases)) {
      problems.push(new FrontMatterError(translation.file, where,
        `This translation follows version ${translation.follows}; the ${languageName(letter.lang, "en")} text has changed since (version ${latest!.version}).`,
        `Update the translation from ${join(letter.dir, "letter.md")} and set follows: ${latest!.version}.`).asWarning());
    }
  }
  return problems;
}
