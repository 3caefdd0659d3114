// Adding one signature to a letter, the way every route that writes files does it (npm run sign, an
// approved issue, an import): the loader's duplicate rule, the letter's latest released version, a safe
// file name that never overwrites, and the loader's own validation of the exact text written.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
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
  /** Signatures already accepted in the same run (an import): a duplicate of one of them is refused too. */
  alsoSigned?: SignatoryIndex<{ name: string; affiliation?: string; source?: Signatory["source"] }>;
  /** Only check, write nothing (an import's dry run). */
  dryRun?: boolean;
  /** File names given in this run, so a dry run names files as the real one would. */
  taken?: Set<string>;
}

/** The signatories of a letter, read once, with the index that finds a repeated signature. */
export async function signatoryIndex(root: string, slug: string, options: { cache?: boolean } = {}) {
  const letterDir = join(root, LETTERS_DIR, slug);
  const { signatories, problems } = await loadSignatories(letterDir, undefined, { cache: options.cache ?? true });
  // A letter folder leading out of the repository: nothing is read from it, nor written to it.
  const outside = problems.filter((p) => p instanceof OutsideRepositoryError);
  if (outside.length) throw new ContentProblemsError(outside);
  const index = new SignatoryIndex<{ name: string; affiliation?: string; source?: Signatory["source"] }>();
  for (const s of signatories) index.repeats(s);
  return { signatories, index };
}

/**
 * Writes `fields` as a new signatory file of letter `slug` and returns where. Throws AlreadySignedError
 * when the letter (or `alsoSigned`) already has that signatory, and an OpenLettersError when the text
 * would not load; writes nothing then.
 */
export async function addSignature(root: string, slug: string, fields: Omit<SignFields, "version">, options: AddOptions = {}): Promise<AddedSignature> {
  const letterDir = join(root, LETTERS_DIR, slug);
  const clean = cleanFields(fields);
  const { signatories, index } = await signatoryIndex(root, slug, options);
  const refuse = (same: { file: string; line: number; column: number }) =>
    new AlreadySignedError(`${quote(clean.name)} already signed: ${printablePath(same.file)}:${same.line}:${same.column}.`);
  const same = index.repeats(clean)?.first.source;
  if (same) throw refuse(same);
  // The text the signatory read: the latest release (none yet before the first one).
  const { releases } = await loadReleases(letterDir, "en");
  const version = releases.at(-1)?.version;
  const dir = join(letterDir, SIGNATORIES_DIR);
  const base = signatoryFileName(clean.name).replace(/\.yaml$/, "");
  let file = join(dir, `${base}.yaml`);
  for (let n = 2; existsSync(file) || options.taken?.has(file); n++) file = join(dir, `${base}-${n}.yaml`);
  // Within one run, the index keeps the first entry of each signatory with the file it was given.
  const earlier = options.alsoSigned?.repeats({ ...clean, source: { file: displayPath(file), line: 1, column: 1 } })?.first.source;
  if (earlier) throw refuse(earlier);
  options.taken?.add(file);
  const text = signatoryYaml({ ...fields, version });
  // The loader's own validation, on the exact text about to be written: a safety net behind the checks
  // of each route; its messages name no file, since none was written.
  const { problems } = parseSignatoryFile(text, displayPath(file));
  if (problems.length) throw new OpenLettersError(problems.map((p) => `${p.message}${p.hint ? ` ${p.hint}` : ""}`).join("\n"));
  const similar = signatories.find((s) => normaliseName(s.name, { loose: true }) === normaliseName(clean.name, { loose: true }));
  if (!options.dryRun) {
    assertWritable(root, file);
    await writeFile(file, text, { flag: "wx" });
  }
  return { file: displayPath(file), version, similar };
}
