// Releasing a letter: freeze the working text (every language file) under versions/<n>/, record whom
// the version first includes, and append the version with its hashes to versions.yaml. A pull request
// then shows the frozen text as new files.
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { parseDocument, stringify } from "yaml";
import { ContentProblemsError, OpenLettersError, hasErrors } from "../model/errors.ts";
import { displayPath, readContentFile } from "../load/files.ts";
import { sha256 } from "../model/hash.ts";
import { LETTER_FILE, TRANSLATION_FILE } from "../load/letter-markdown.ts";
import { isRealDate } from "../model/schema.ts";
import { refuseIfCheckFails } from "./check.ts";
import { includedIn, recordsById, versionRead } from "../load/version-lists.ts";
import { editEntries } from "./edit-entries.ts";
import { recordEditions } from "./editions.ts";
import type { LoadOptions } from "../load/parse-cache.ts";
import { LETTERS_DIR, loadSite } from "../load/site.ts";
import { RECORD_FILE, REVISIONS_DIR, VERSIONS_DIR, VERSIONS_FILE, formatRecord, sameText, sameTexts } from "../load/versions.ts";
import type { Letter, Release } from "../model/types.ts";

/** A mistake in how release was called (not in the content). */
export class ReleaseError extends OpenLettersError {}

export interface ReleaseOptions extends LoadOptions {
  /** Release date, YYYY-MM-DD (default: today, UTC). */
  date?: string;
  notes?: string;
  /** A correction that keeps the meaning: everyone who signed the version before carries over unmarked. */
  editorial?: boolean;
}

export interface ReleaseResult {
  version: number;
  /** Set when only translations changed: the revision of the version's translations this recorded. */
  revision?: { revision: number; langs: string[] };
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

  const letterDir = resolve(root, LETTERS_DIR, letter.dir.split("/").at(-1)!);
  // Only translations changed: a revision of those translations within the version, not a new version
  // of a letter whose words did not change (signatures, version numbers and marks stay as they are).
  if (last && sameText(letter, last.text)) return reviseTranslations(root, letter, last, letterDir, date, options);

  const version = (last?.version ?? 0) + 1;
  const target = join(letterDir, VERSIONS_DIR, String(version));
  if (existsSync(target)) throw new ReleaseError(`${displayPath(target)} already exists; remove it if an earlier release was interrupted.`);

  // Whom this version's list first holds: every signature no release recorded yet and not withdrawn,
  // with the version its signer read (they signed while an older text was current, or this one).
  const records = recordsById(letter.releases);
  const newcomers = letter.signatories.filter((s) => !s.withdrawn && includedIn(s, letter.releases, records) === undefined);
  const added = newcomers.map((s) => ({ id: s.key, read: versionRead(s, letter.releases, records) ?? version }));
  // Every listed entry keeps its identity through spelling fixes and renames from now on: write its id.
  const unnamed = letter.signatories.filter((s) => !s.id && (records.has(s.key) || newcomers.includes(s)));

  const files: Record<string, string> = {};
  const written: string[] = [];
  const manifestPath = join(letterDir, VERSIONS_FILE);
  const manifestBefore = existsSync(manifestPath) ? await readFile(manifestPath, "utf8") : undefined;
  await mkdir(target, { recursive: true });
  try {
    // First: an entry that cannot be edited safely stops the release before anything is frozen.
    written.push(...editEntries(unnamed.map((s) => ({ signatory: s, set: { id: s.key } }))));
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

    // Appended to the manifest as it stands: earlier versions keep every field (their editions' hashes).
    const entry = manifestEntry(version, date, options.notes, files, options.editorial ?? false);
    const header = "# Released versions of this letter, written by `npm run release`. Never edit by hand:\n# `npm run check` verifies every frozen file in versions/<n>/ against these SHA-256 hashes.\n";
    const manifest = manifestBefore === undefined ? undefined : parseDocument(manifestBefore);
    manifest?.add(manifest.createNode(entry));
    await writeFile(manifestPath, manifest ? manifest.toString({ lineWidth: 0 }) : header + stringify([entry], { lineWidth: 0 }));
    written.push(displayPath(join(letterDir, VERSIONS_FILE)));
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw error;
  }
  try {
    // Edition 1 of the new version's PDFs: typeset now, so their hashes are committed with the release.
    for (const edition of await recordEditions(root, slug, { date, versions: [version], cache: options.cache })) written.push(...edition.files);
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    await writeFile(join(letterDir, VERSIONS_FILE), manifestBefore ?? "");
    if (manifestBefore === undefined) await rm(join(letterDir, VERSIONS_FILE), { force: true });
    throw error;
  }
  return { version, date, files: [...new Set(written)], added: added.length };
}

function manifestEntry(version: number, date: string, notes: string | undefined, files: Record<string, string>, editorial: boolean) {
  return { version, date, ...(notes ? { notes } : {}), ...(editorial ? { editorial } : {}), files };
}

/** Freezes the changed or added translations under versions/<n>/revisions/<r>/ and records the edition. */
async function reviseTranslations(root: string, letter: Letter, last: Release, letterDir: string, date: string, options: ReleaseOptions): Promise<ReleaseResult> {
  const changed = letter.translations.filter((t) => {
    const frozen = last.translations.find((x) => x.lang === t.lang);
    return !frozen || !sameText(t, frozen);
  });
  const revision = (last.revisions.at(-1)?.revision ?? 0) + 1;
  const target = join(letterDir, VERSIONS_DIR, String(last.version), REVISIONS_DIR, String(revision));
  if (existsSync(target)) throw new ReleaseError(`${displayPath(target)} already exists; remove it if an earlier release was interrupted.`);
  const manifestPath = join(letterDir, VERSIONS_FILE);
  const manifestBefore = await readFile(manifestPath, "utf8");
  const files: Record<string, string> = {};
  const written: string[] = [];
  await mkdir(target, { recursive: true });
  try {
    for (const translation of changed) {
      const name = basename(translation.file);
      const read = await readContentFile(join(letterDir, name));
      if (read.problem) throw new ContentProblemsError([read.problem]);
      await writeFile(join(target, name), read.text);
      files[name] = sha256(read.text);
      written.push(displayPath(join(target, name)));
    }
    const manifest = parseDocument(manifestBefore);
    const entry = { revision, date, ...(options.notes ? { notes: options.notes } : {}), files };
    manifest.setIn([last.version - 1, "revisions"], manifest.createNode([...last.revisions, entry]));
    await writeFile(manifestPath, manifest.toString({ lineWidth: 0 }));
    written.push(displayPath(manifestPath));
    const langs = changed.map((t) => t.lang);
    const added = changed.filter((t) => !last.translations.some((x) => x.lang === t.lang)).map((t) => t.lang);
    const revised = langs.filter((l) => !added.includes(l));
    const reason = [added.length ? `translation added: ${added.join(", ")}` : "", revised.length ? `translation revised: ${revised.join(", ")}` : ""].filter(Boolean).join("; ");
    for (const e of await recordEditions(root, letter.slug, { date, versions: [last.version], reason, cache: options.cache })) written.push(...e.files);
    return { version: last.version, revision: { revision, langs }, date, files: [...new Set(written)], added: 0 };
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    await writeFile(manifestPath, manifestBefore);
    throw error;
  }
}
