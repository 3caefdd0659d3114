// Releasing a letter: freeze the working text (every language file) under versions/<n>/, record whom
// the version first includes, and append the version with its hashes to versions.yaml. A pull request
// then shows the frozen text as new files.
import { existsSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { ContentProblemsError, OpenLettersError, hasErrors } from "../model/errors.ts";
import { displayPath, readContentFile } from "../load/files.ts";
import { sha256 } from "../model/hash.ts";
import { LETTER_FILE, TRANSLATION_FILE } from "../load/letter-markdown.ts";
import { isRealDate } from "../model/schema.ts";
import { refuseIfCheckFails } from "./check.ts";
import { includedIn } from "../load/version-lists.ts";
import type { LoadOptions } from "../load/parse-cache.ts";
import { LETTERS_DIR, loadSite } from "../load/site.ts";
import type { Release } from "../model/types.ts";
import { RECORD_FILE, VERSIONS_DIR, VERSIONS_FILE, formatRecord, sameTexts } from "../load/versions.ts";

/** A mistake in how release was called (not in the content). */
export class ReleaseError extends OpenLettersError {}

export interface ReleaseOptions extends LoadOptions {
  /** Release date, YYYY-MM-DD (default: today, UTC). */
  date?: string;
  notes?: string;
}

export interface ReleaseResult {
  version: number;
  date: string;
  /** Files written, relative to the working directory. */
  files: string[];
  /** Signatories this version lists for the first time. */
  added: number;
}

/** Language files of a letter: letter.md and its translations letter.<lang>.md. */
const isLetterTextFile = (name: string) => name === LETTER_FILE || TRANSLATION_FILE.test(name);

export async function releaseLetter(root: string, slug: string, options: ReleaseOptions = {}): Promise<ReleaseResult> {
  // The one gate: nothing is frozen while npm run check finds an error (src/tools/check.ts).
  await refuseIfCheckFails(root, slug, options);
  const { site, problems } = await loadSite(root, { cache: options.cache });
  if (!site || hasErrors(problems)) throw new ContentProblemsError(problems);
  const letter = site.letters.find((l) => l.slug === slug);
  if (!letter) {
    throw new ReleaseError(`There is no letter "${slug}". Letters: ${site.letters.map((l) => l.slug).join(", ") || "none"}.`);
  }
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (!isRealDate(date)) throw new ReleaseError(`--date must be a date written YYYY-MM-DD, not "${date}".`);
  const last = letter.releases.at(-1);
  if (last && date < last.date) throw new ReleaseError(`Version ${last.version} was released on ${last.date}; a new version cannot be dated before it.`);
  if (last && sameTexts({ text: letter, translations: letter.translations }, last)) {
    throw new ReleaseError(`The text of "${slug}" has not changed since version ${last.version}; edit ${letter.file} first.`);
  }

  const version = (last?.version ?? 0) + 1;
  const letterDir = resolve(root, LETTERS_DIR, letter.dir.split("/").at(-1)!);
  const target = join(letterDir, VERSIONS_DIR, String(version));
  if (existsSync(target)) throw new ReleaseError(`${displayPath(target)} already exists; remove it if an earlier release was interrupted.`);

  const upcoming: Release[] = [...letter.releases, { version, date } as Release];
  const added = letter.signatories.filter((s) => includedIn(s, upcoming) === version).map((s) => s.key);

  const files: Record<string, string> = {};
  const written: string[] = [];
  await mkdir(target, { recursive: true });
  try {
    for (const name of (await readdir(letterDir)).filter(isLetterTextFile).sort()) {
      const read = await readContentFile(join(letterDir, name));
      if (read.problem) throw new ContentProblemsError([read.problem]);
      // The frozen copy is the normalised text (UTF-8, LF), so its hash is the same on every machine.
      await writeFile(join(target, name), read.text);
      files[name] = sha256(read.text);
      written.push(displayPath(join(target, name)));
    }
    const record = formatRecord(version, added);
    await writeFile(join(target, RECORD_FILE), record);
    files[RECORD_FILE] = sha256(record);
    written.push(displayPath(join(target, RECORD_FILE)));

    const manifest = [
      ...letter.releases.map((r) => manifestEntry(r.version, r.date, r.notes, r.files)),
      manifestEntry(version, date, options.notes, files),
    ];
    const header = "# Released versions of this letter, written by `npm run release`. Never edit by hand:\n# `npm run check` verifies every frozen file in versions/<n>/ against these SHA-256 hashes.\n";
    await writeFile(join(letterDir, VERSIONS_FILE), header + stringify(manifest, { lineWidth: 0 }));
    written.push(displayPath(join(letterDir, VERSIONS_FILE)));
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw error;
  }
  return { version, date, files: written, added: added.length };
}

function manifestEntry(version: number, date: string, notes: string | undefined, files: Record<string, string>) {
  return { version, date, ...(notes ? { notes } : {}), files };
}
