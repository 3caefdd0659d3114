// Warnings about open letters that would disappoint on launch day: one nobody can sign from its page
// (site.yaml names neither a repository nor a sign_email), and one that was never released, which
// `npm run build` leaves out of the site. Both build fine, so they are warnings, at the `status:` line
// of letter.md, the line that says the letter is open.
import { resolve } from "node:path";
import { UnreleasedLetterError, UnsignableLetterError, type ContentError, type Position } from "../model/errors.ts";
import { readContentFile } from "../load/files.ts";
import { parseLetterFile } from "../load/letter-markdown.ts";
import type { Letter, Site } from "../model/types.ts";
import { signView } from "../view/sign-section.ts";

/** The warnings for every open letter of a loaded site; none when the site did not load. */
export async function openLetterWarnings(site: Site | undefined): Promise<ContentError[]> {
  if (!site) return [];
  const problems: ContentError[] = [];
  for (const letter of site.letters.filter((l) => l.status === "open")) {
    const unsignable = signView(letter, letter, site.config) === undefined;
    const unreleased = letter.releases.length === 0;
    if (!unsignable && !unreleased) continue;
    const { position, defaulted } = await statusLine(letter);
    const open = defaulted ? "This letter is open (the default when letter.md has no status: line)" : "This letter is open";
    if (unsignable) {
      const http = site.config.repository && !/^https:\/\//.test(site.config.repository);
      problems.push(new UnsignableLetterError(letter.file, position,
        `${open} but its page offers no way to sign it: letters/site.yaml ${http ? `has a repository that is not an https:// address (${site.config.repository})` : "names neither a repository nor a sign_email"}.`,
        "Add repository: https://github.com/<org>/<repo> (signing by pull request) or sign_email: <address> to letters/site.yaml, " +
          "or set status: closed if the letter takes no more signatures.").asWarning());
    }
    if (unreleased) {
      problems.push(new UnreleasedLetterError(letter.file, position,
        `${open} but was never released, so npm run build leaves it out of the site (there is no ${letter.dir}/versions.yaml).`,
        `Run npm run release -- ${letter.slug} to publish it, or set status: draft while it is being written.`).asWarning());
    }
  }
  return problems;
}

/** Where letter.md says `status:` (its key), or the first line when the status is the default. */
async function statusLine(letter: Letter): Promise<{ position: Position; defaulted: boolean }> {
  // letter.file is relative to the working directory, as every message shows it.
  const read = await readContentFile(resolve(letter.file));
  const yaml = read.text === undefined ? undefined : parseLetterFile(read.text, letter.file).yaml;
  const status = yaml && (yaml.value as Record<string, unknown> | undefined)?.status !== undefined;
  return status ? { position: yaml.positionOf(["status"], "key"), defaulted: false } : { position: { line: 1, column: 1 }, defaulted: true };
}
