// Stage tools/: what the npm scripts do (check, fix, release, sign, import, changes, build). Takes flags
// from scripts/; gives files written and problems to print, using every stage below.
//
// Adding one signature to a letter, the way every route that writes files does it (npm run sign, an
// approved issue, an import): the loader's duplicate rule, the letter's latest released version, a safe
// file name that never overwrites, and the loader's own validation of the exact text written.
import { readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { SignatoryIndex, normaliseName } from "../common/names.ts";
import { cleanFields, signatoryFileName, signatoryYaml, type SignFields } from "../common/sign-fields.ts";
import { assertWritable, displayPath } from "../load/files.ts";
import { SIGNATORIES_DIR, loadSignatories, parseSignatoryFile } from "../load/signatories.ts";
import { LETTERS_DIR } from "../load/site.ts";
import { loadReleases } from "../load/versions.ts";
import { ContentProblemsError, OpenLettersError, OutsideRepositoryError, printablePath, quote } from "../model/errors.ts";
import type { Signatory } from "../model/types.ts";

/** The letter already lists this signatory (same name and affiliation, or a look-alike). */
export class AlreadySignedError extends OpenLettersError {}

export interface AddedSignature {
  /** The file written, relative to the working directory. */
  file: string;
  /** The letter's version the signatory read (none before the first release). */
  version?: number;
  /** A signatory with a similar name, worth a second look. */
  similar?: Signatory;
}

export interface AddOptions {
  cache?: boolean;
  /** Only check, write nothing. */
  dryRun?: boolean;
}

/** A letter opened for adding signatures: what it lists, and the file names given so far. */
export interface SigningContext {
  root: string;
  slug: string;
  signaturesDir: string;
  signatories: Signatory[];
  index: SignatoryIndex<{ name: string; affiliation?: string; source?: { file: string; line: number; column: number } }>;
  /** The letter's latest released version: the text a new signatory reads. */
  version?: number;
  /** Files named in this run (an import names many before writing any). */
  taken: Set<string>;
  /**
   * The folder's file names when it was opened, lower-cased (a file system may not tell case apart): an
   * import asks for ten thousand names, which a look at the disk for each would spend its time on.
   * Writing never overwrites all the same (writeSignatures), should a file appear since.
   */
  existing: Set<string>;
  /**
   * The letter's signatories by loosely compared name (the first of each), made on the first signature:
   * an import asks it once per row, which a scan of the letter would make quadratic.
   */
  similarNames?: Map<string, Signatory>;
}

/** Reads a letter's signatories once, for one signature or ten thousand. */
export async function openForSigning(root: string, slug: string, options: { cache?: boolean } = {}): Promise<SigningContext> {
  const letterDir = join(root, LETTERS_DIR, slug);
  const { signatories, problems } = await loadSignatories(letterDir, undefined, { cache: options.cache ?? true });
  // A letter folder leading out of the repository: nothing is read from it, nor written to it.
  const outside = problems.filter((p) => p instanceof OutsideRepositoryError);
  if (outside.length) throw new ContentProblemsError(outside);
  const index: SigningContext["index"] = new SignatoryIndex();
  for (const s of signatories) if (!s.erased) index.repeats(s);
  const { releases } = await loadReleases(letterDir, "en");
  const signaturesDir = join(letterDir, SIGNATORIES_DIR);
  const existing = new Set(namesIn(signaturesDir).map((name) => name.toLowerCase()));
  return { root, slug, signaturesDir, signatories, index, version: releases.at(-1)?.version, taken: new Set(), existing };
}

/** No folder yet (or not a folder, which the write then reports): no names taken. */
function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export interface PreparedSignature extends AddedSignature {
  /** Absolute path of the file to write. */
  path: string;
  text: string;
}

/**
 * The file for `fields` in the letter, checked but not written: throws AlreadySignedError when the letter
 * (or an earlier signature of this run) has that signatory, an OpenLettersError when the text would not
 * load. The signature then counts as given for the rest of the run.
 */
export function prepareSignature(context: SigningContext, fields: Omit<SignFields, "version">): PreparedSignature {
  const clean = cleanFields(fields);
  const base = signatoryFileName(clean.name).replace(/\.yaml$/, "");
  let path = join(context.signaturesDir, `${base}.yaml`);
  const used = (p: string) => context.taken.has(p) || context.existing.has(basename(p).toLowerCase());
  for (let n = 2; used(path); n++) path = join(context.signaturesDir, `${base}-${n}.yaml`);
  const text = signatoryYaml({ ...fields, version: context.version });
  // The loader's own validation, on the exact text about to be written: a safety net behind the checks
  // of each route; its messages name no file, since none was written.
  const { problems } = parseSignatoryFile(text, displayPath(path));
  if (problems.length) throw new OpenLettersError(problems.map((p) => `${p.message}${p.hint ? ` ${p.hint}` : ""}`).join("\n"));
  // The loader's duplicate rule: the same name and affiliation, or a look-alike in another script.
  const same = context.index.repeats({ ...clean, source: { file: displayPath(path), line: 1, column: 1 } })?.first.source;
  if (same) throw new AlreadySignedError(`${quote(clean.name)} already signed: ${printablePath(same.file)}:${same.line}:${same.column}.`);
  context.taken.add(path);
  const similar = similarNames(context).get(normaliseName(clean.name, { loose: true }));
  return { path, text, file: displayPath(path), version: context.version, similar };
}

function similarNames(context: SigningContext): Map<string, Signatory> {
  if (!context.similarNames) {
    context.similarNames = new Map();
    for (const s of context.signatories) {
      const key = normaliseName(s.name, { loose: true });
      if (!context.similarNames.has(key)) context.similarNames.set(key, s);
    }
  }
  return context.similarNames;
}

/**
 * Writes prepared signatures of one letter, never over an existing file. The folder is checked once to be
 * inside the repository; each file is then created only where nothing is ("wx": O_CREAT | O_EXCL, which
 * also refuses a symbolic link put in its place). One after the other, synchronously: creating files in
 * one folder from the thread pool's four threads was measured slower (they wait on the folder's lock).
 */
export function writeSignatures(context: SigningContext, prepared: readonly PreparedSignature[]): void {
  if (!prepared.length) return;
  assertWritable(context.root, prepared[0]!.path);
  for (const p of prepared) writeFileSync(p.path, p.text, { flag: "wx" });
}

/**
 * Writes `fields` as a new signatory file of letter `slug` and returns where. Throws AlreadySignedError
 * when the letter already has that signatory, and an OpenLettersError when the text would not load;
 * writes nothing then.
 */
export async function addSignature(root: string, slug: string, fields: Omit<SignFields, "version">, options: AddOptions = {}): Promise<AddedSignature> {
  const context = await openForSigning(root, slug, options);
  const prepared = prepareSignature(context, fields);
  if (!options.dryRun) writeSignatures(context, [prepared]);
  return { file: prepared.file, version: prepared.version, similar: prepared.similar };
}
