// Released versions: letters/<slug>/versions.yaml (the manifest written by `npm run release`) and the
// frozen files under letters/<slug>/versions/<n>/. A released text never changes: every frozen file is
// checked against the SHA-256 the manifest recorded for it.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { FrozenFileError, InvalidFieldError, type ContentError } from "../model/errors.ts";
import { displayPath, readContentFile, readContentFileSync, readFolder } from "./files.ts";
import { sha256 } from "../model/hash.ts";
import { TRANSLATION_FILE, letterText, parseLetterFile, parseTranslation } from "./letter-markdown.ts";
import { versionsManifestSchema, type VersionEntryInput } from "../model/schema.ts";
import type { EditionList, LetterText, RecordedSignature, Release, SignatoryKey } from "../model/types.ts";
import { derivedId } from "./signatories.ts";
import { validate } from "./validate.ts";
import { parseYaml } from "./yaml.ts";

export const VERSIONS_FILE = "versions.yaml";
export const VERSIONS_DIR = "versions";
export const RECORD_FILE = "signatories.txt";
export const LETTER_TEXT_FILE = "letter.md";
/** letters/<slug>/editions/<n>.json: the list version n's latest PDF edition prints. */
export const EDITIONS_DIR = "editions";
/** versions/<n>/revisions/<r>/: translations revised or added to version n after its release. */
export const REVISIONS_DIR = "revisions";
export const editionListFile = (letterDir: string, version: number) => join(letterDir, EDITIONS_DIR, `${version}.json`);

export interface LoadedReleases {
  releases: Release[];
  problems: ContentError[];
}

export async function loadReleases(letterDir: string, defaultLang: string): Promise<LoadedReleases> {
  const manifestPath = join(letterDir, VERSIONS_FILE);
  const versionsDir = join(letterDir, VERSIONS_DIR);
  if (!existsSync(manifestPath)) {
    const problems = existsSync(versionsDir)
      ? [new FrozenFileError(displayPath(versionsDir), undefined, `There are released versions but no ${VERSIONS_FILE}.`,
          `Restore ${VERSIONS_FILE} from the repository history; it records the hashes of every released file.`)]
      : [];
    return { releases: [], problems };
  }
  const manifestFile = displayPath(manifestPath);
  const read = await readContentFile(manifestPath);
  if (read.problem) return { releases: [], problems: [read.problem] };
  const parsed = parseYaml(read.text, manifestFile);
  if (parsed.problems.length) return { releases: [], problems: parsed.problems };
  const { data, problems } = validate(versionsManifestSchema, parsed.value ?? [], { file: manifestFile, positionOf: parsed.positionOf });
  if (!data) return { releases: [], problems };

  data.forEach((entry, i) => {
    const previous = data[i - 1];
    if (entry.version !== i + 1) {
      problems.push(new InvalidFieldError(manifestFile, parsed.positionOf([i, "version"]), `Version ${entry.version} is listed where version ${i + 1} belongs.`,
        "Versions are numbered 1, 2, 3... in release order; only npm run release should write this file."));
    }
    if (previous && entry.date < previous.date) {
      problems.push(new InvalidFieldError(manifestFile, parsed.positionOf([i, "date"]), `Version ${entry.version} is dated before version ${previous.version}.`,
        "Release dates never go back in time; restore this file from the repository history."));
    }
  });

  const releases: Release[] = [];
  for (const [i, entry] of data.entries()) {
    const result = await loadRelease(letterDir, entry, defaultLang, { file: manifestFile, position: parsed.positionOf([i]) });
    problems.push(...result.problems);
    if (result.release) releases.push(result.release);
  }
  problems.push(...(await unlistedVersionFolders(versionsDir, data)));
  return { releases, problems };
}

async function loadRelease(
  letterDir: string,
  entry: VersionEntryInput,
  defaultLang: string,
  manifest: { file: string; position: { line: number; column: number } },
): Promise<{ release?: Release; problems: ContentError[] }> {
  const dir = join(letterDir, VERSIONS_DIR, String(entry.version));
  const problems: ContentError[] = [];
  const texts = new Map<string, string>();
  const restore = `Released files never change: restore it with "git checkout -- ${displayPath(dir)}". To change the text, edit letter.md and run npm run release.`;

  const verify = async (folder: string, files: Record<string, string>) => {
    for (const [name, expected] of Object.entries(files)) {
      const path = join(folder, name);
      if (!existsSync(path)) {
        problems.push(new FrozenFileError(manifest.file, manifest.position, `Version ${entry.version}'s file ${displayPath(path)} is missing.`, restore));
        continue;
      }
      const read = await readContentFile(path);
      if (read.problem) {
        problems.push(read.problem);
        continue;
      }
      if (sha256(read.text) !== expected) {
        problems.push(new FrozenFileError(displayPath(path), { line: 1, column: 1 }, `This file of released version ${entry.version} was edited: its SHA-256 no longer matches ${VERSIONS_FILE}.`, restore));
        continue;
      }
      texts.set(name, read.text);
      paths.set(name, path);
    }
  };
  const paths = new Map<string, string>();
  await verify(dir, entry.files);
  // A revised or added translation is frozen beside the version, under revisions/<r>/: the later one wins.
  for (const revision of entry.revisions ?? []) await verify(join(dir, REVISIONS_DIR, String(revision.revision)), revision.files);
  const folder = await readFolder(dir, { message: `This is not a folder, so released version ${entry.version} cannot be read.`, hint: restore });
  if (folder.problem) problems.push(folder.problem);
  for (const name of folder.names) {
    if (!(name in entry.files) && !(name === REVISIONS_DIR && entry.revisions?.length)) {
      problems.push(new FrozenFileError(displayPath(join(dir, name)), undefined, `This file was added to released version ${entry.version}.`,
        "A released version cannot gain files; remove it (new text belongs in letter.md, released with npm run release)."));
    }
  }
  const frozen = texts.get(LETTER_TEXT_FILE);
  const record = texts.get(RECORD_FILE);
  if (frozen === undefined || record === undefined || problems.length) return { problems };

  const file = displayPath(join(dir, LETTER_TEXT_FILE));
  const parsed = parseLetterFile(frozen, file);
  if (!parsed.frontMatter) return { problems: [...problems, ...parsed.problems] };
  const text = letterText(parsed.frontMatter, parsed, file, defaultLang);
  const translations: LetterText[] = [];
  for (const name of [...texts.keys()].filter((n) => TRANSLATION_FILE.test(n)).sort()) {
    const result = parseTranslation(texts.get(name)!, displayPath(paths.get(name)!), name, text);
    if (result.translation) translations.push(result.translation);
  }
  const recorded = parseRecord(record);
  const editions = entry.editions ?? [];
  const list = editions.length ? await loadEditionList(letterDir, entry.version, editions.at(-1)!.list, manifest) : {};
  if (list.problem) return { problems: [...problems, list.problem] };
  return {
    problems,
    release: {
      version: entry.version,
      date: entry.date,
      notes: entry.notes,
      editorial: entry.editorial ?? false,
      legacyRecord: recorded.legacy,
      text,
      textSha256: entry.files[LETTER_TEXT_FILE]!,
      frozenSource: frozen,
      // Texts only: the record (signatories.txt) is no text a reader holds.
      frozenTexts: Object.fromEntries([...texts].filter(([name]) => name === LETTER_TEXT_FILE || TRANSLATION_FILE.test(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      files: entry.files,
      translations,
      added: recorded.signatures,
      editions,
      editionList: list.list,
      revisions: (entry.revisions ?? []).map((r) => ({ revision: r.revision, date: r.date, notes: r.notes, files: r.files })),
    },
  };
}

async function loadEditionList(letterDir: string, version: number, expected: string, manifest: { file: string; position: { line: number; column: number } }): Promise<{ list?: EditionList; problem?: ContentError }> {
  const path = editionListFile(letterDir, version);
  const restore = `Restore it with "git checkout -- ${displayPath(path)}"; only npm run release, withdraw and release --edition write it.`;
  if (!existsSync(path)) return { problem: new FrozenFileError(manifest.file, manifest.position, `The list of version ${version}'s latest PDF edition, ${displayPath(path)}, is missing.`, restore) };
  const read = await readContentFile(path);
  if (read.problem) return { problem: read.problem };
  if (sha256(read.text) !== expected) {
    return { problem: new FrozenFileError(displayPath(path), { line: 1, column: 1 }, `This list of version ${version}'s PDF edition was edited: its SHA-256 no longer matches ${VERSIONS_FILE}.`, restore) };
  }
  return { list: JSON.parse(read.text) as EditionList };
}

/**
 * Ids recorded by any release of the letter in `letterDir`, read straight from the records: `--fix` never
 * renames what a release recorded under a file name.
 */
export function recordedKeys(letterDir: string): Set<SignatoryKey> {
  const keys = new Set<SignatoryKey>();
  for (const { text } of releaseRecords(letterDir)) for (const { id } of parseRecord(text).signatures) keys.add(id);
  return keys;
}

/**
 * The release record of each version that reads as a content file, read as the loader reads them: a pipe
 * in a record's place would block a plain read forever, a folder fail it. The loader reports those.
 */
export function releaseRecords(letterDir: string): { file: string; text: string }[] {
  const dir = join(letterDir, VERSIONS_DIR);
  let versions: string[];
  try {
    versions = readdirSync(dir);
  } catch {
    return []; // no versions yet, or not a folder (the loader's error)
  }
  return versions.flatMap((version) => {
    const file = join(dir, version, RECORD_FILE);
    if (!existsSync(file)) return [];
    const read = readContentFileSync(file);
    return read.problem ? [] : [{ file, text: read.text }];
  });
}

/** A record line: an id, a space, the version its signer read. No file name can make one (ids have no dot). */
const RECORD_LINE = /^([a-z][a-z0-9-]{5,39}) ([1-9][0-9]*)$/;

/**
 * signatories.txt: one signature per line, `<id> <version read>`; lines starting with # are comments.
 * Records written before ids hold keys (`file.yaml`, `file.yaml#name`): each is read as the id derived
 * from it, which is the id `check --fix` writes into that entry, so both formats name the same people.
 */
export function parseRecord(text: string): { signatures: RecordedSignature[]; legacy: boolean } {
  let legacy = false;
  const signatures = text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line): RecordedSignature => {
      const match = RECORD_LINE.exec(line);
      if (match) return { id: match[1]!, read: Number(match[2]) };
      legacy = true;
      return { id: derivedId(line), legacyKey: line };
    });
  return { signatures, legacy };
}

export function formatRecord(version: number, signatures: readonly { id: string; read: number }[]): string {
  const header = `# Signatures first listed by version ${version}: the id of each, and the version its signer read. Written by npm run release; never edit.\n`;
  return header + [...signatures].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((s) => `${s.id} ${s.read}\n`).join("");
}

async function unlistedVersionFolders(versionsDir: string, entries: readonly VersionEntryInput[]): Promise<ContentError[]> {
  const { names, problem } = await readFolder(versionsDir, {
    message: "This is not a folder, so no released version of this letter can be read.",
    hint: `Released versions are folders under ${VERSIONS_DIR}/: restore it with "git checkout -- ${displayPath(versionsDir)}".`,
  });
  if (problem) return [problem];
  const listed = new Set(entries.map((e) => String(e.version)));
  return names
    .filter((name) => !listed.has(name))
    .map((name) => new FrozenFileError(displayPath(join(versionsDir, name)), undefined, `This folder is not a version listed in ${VERSIONS_FILE}.`,
      "Versions are created only by npm run release; remove the folder."));
}

/** The words that a release freezes, for deciding whether a text changed since the last release. */
export function sameText(a: LetterText, b: LetterText): boolean {
  return words(a) === words(b);
}

/** Whether any language changed, or a language was added or removed. */
export function sameTexts(a: { text: LetterText; translations: readonly LetterText[] }, b: { text: LetterText; translations: readonly LetterText[] }): boolean {
  const all = (x: typeof a) => JSON.stringify([words(x.text), ...x.translations.map(words)]);
  return all(a) === all(b);
}

function words(t: LetterText): string {
  return JSON.stringify([t.title, t.date, t.lang, t.to, t.salutation ?? "", t.body.trim(), t.follows ?? null]);
}
