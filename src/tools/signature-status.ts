// npm run withdraw / npm run reconfirm: find one signature by name (in a one-signatory or a list file)
// and date it, the way `sign` writes a new one. A withdrawal also records the next edition of every
// released PDF that printed the name, so the name leaves the PDFs while every published hash stays listed.
import { normaliseName } from "../common/names.ts";
import type { LoadOptions } from "../load/parse-cache.ts";
import { loadSite } from "../load/site.ts";
import { latestPossibleDate } from "../load/version-lists.ts";
import { ContentProblemsError, OpenLettersError, hasErrors, printablePath, quote } from "../model/errors.ts";
import { isRealDate } from "../model/schema.ts";
import type { Signatory } from "../model/types.ts";
import { editEntries } from "./edit-entries.ts";
import { recordEditions, type RecordedEdition } from "./editions.ts";

/** The signature asked for is not there, or the name is not enough to tell which. */
export class SignatureNotFoundError extends OpenLettersError {}

export interface StatusRequest extends LoadOptions {
  letter: string;
  name: string;
  /** Tells namesakes apart. */
  affiliation?: string;
  /** YYYY-MM-DD (default: today, UTC). */
  date?: string;
}

export interface StatusResult {
  signatory: Signatory;
  date: string;
  /** Files written, relative to the working directory. */
  files: string[];
  editions: RecordedEdition[];
}

export async function withdrawSignature(root: string, request: StatusRequest): Promise<StatusResult> {
  return setStatus(root, request, "withdrawn");
}

export async function reconfirmSignature(root: string, request: StatusRequest): Promise<StatusResult> {
  return setStatus(root, request, "reconfirmed");
}

async function setStatus(root: string, request: StatusRequest, field: "withdrawn" | "reconfirmed"): Promise<StatusResult> {
  const date = request.date ?? new Date().toISOString().slice(0, 10);
  if (!isRealDate(date)) throw new SignatureNotFoundError(`--date must be a date written YYYY-MM-DD, e.g. 2026-12-01, not "${date}".`);
  if (date > latestPossibleDate()) throw new SignatureNotFoundError(`--date ${date} is still to come; give the day it happened.`);
  const { site, problems } = await loadSite(root, { cache: request.cache });
  if (!site || hasErrors(problems)) throw new ContentProblemsError(problems);
  const letter = site.letters.find((l) => l.slug === request.letter);
  if (!letter) throw new SignatureNotFoundError(`There is no letter "${request.letter}". Letters: ${site.letters.map((l) => l.slug).join(", ") || "none"}.`);

  const signatory = findSignature(letter.signatories, request);
  const where = `${signatory.source.file}:${signatory.source.line}`;
  if (signatory.withdrawn) throw new SignatureNotFoundError(`"${signatory.name}" (${where}) was withdrawn on ${signatory.withdrawn} already.`);
  if (signatory.signed && date < signatory.signed) {
    throw new SignatureNotFoundError(`"${signatory.name}" (${where}) signed on ${signatory.signed}; the ${field === "withdrawn" ? "withdrawal" : "reconfirmation"} cannot be dated ${date}, before it.`);
  }
  if (field === "reconfirmed" && letter.releases.length === 0) {
    throw new SignatureNotFoundError(`"${letter.slug}" has no released version to reconfirm.`);
  }
  const files = editEntries([{ signatory, set: { [field]: date } }]);
  // Only a withdrawal changes what a released PDF prints; a reconfirmation shows on the pages alone.
  const editions = field === "withdrawn" ? await recordEditions(root, letter.slug, { date, cache: request.cache }) : [];
  return { signatory, date, files: [...new Set([...files, ...editions.flatMap((e) => e.files)])], editions };
}

export interface CorrectionRequest extends Omit<StatusRequest, "date"> {
  /** The fields to set, as the signer wrote them (each checked as sign checks it). */
  set: Partial<Record<"name" | "title" | "affiliation" | "url" | "country", string>>;
}

/**
 * Sets fields of one signature that has not been withdrawn (a correction from the withdrawal issue form).
 * Released PDFs keep the name they printed: their editions' lists are frozen (editions.ts).
 */
export async function correctSignature(root: string, request: CorrectionRequest): Promise<{ signatory: Signatory; files: string[] }> {
  const { site, problems } = await loadSite(root, { cache: request.cache });
  if (!site || hasErrors(problems)) throw new ContentProblemsError(problems);
  const letter = site.letters.find((l) => l.slug === request.letter);
  if (!letter) throw new SignatureNotFoundError(`There is no letter "${request.letter}". Letters: ${site.letters.map((l) => l.slug).join(", ") || "none"}.`);
  const signatory = findSignature(letter.signatories.filter((s) => !s.withdrawn), request);
  const set = Object.fromEntries(Object.entries(request.set).filter(([key, value]) => value !== undefined && signatory[key as keyof Signatory] !== value)) as Record<string, string>;
  if (!Object.keys(set).length) throw new SignatureNotFoundError(`"${signatory.name}" already reads as asked: nothing to correct.`);
  return { signatory, files: editEntries([{ signatory, set }]) };
}

/** The one signature whose name (and affiliation, if given) matches, compared as the duplicate check does. */
export function findSignature(signatories: readonly Signatory[], request: Pick<StatusRequest, "name" | "affiliation">): Signatory {
  const name = normaliseName(request.name);
  let found = signatories.filter((s) => normaliseName(s.name) === name);
  if (request.affiliation !== undefined) found = found.filter((s) => normaliseName(s.affiliation) === normaliseName(request.affiliation));
  if (found.length === 1) return found[0]!;
  // One line per signature, whatever a name holds: each value quoted (the message has lines of its own).
  const at = (s: Signatory) => `  ${quote(s.name)}${s.affiliation ? ` (${quote(s.affiliation)})` : ""}: ${printablePath(s.source.file)}:${s.source.line}`;
  if (found.length > 1) {
    throw new SignatureNotFoundError(`${found.length} signatures are named ${quote(request.name)}:\n${found.map(at).join("\n")}\nSay which with --affiliation.`);
  }
  const loose = normaliseName(request.name, { loose: true });
  const near = signatories.filter((s) => normaliseName(s.name, { loose: true }) === loose).slice(0, 5);
  throw new SignatureNotFoundError(`No signature is named ${quote(request.name)}${request.affiliation ? ` with the affiliation ${quote(request.affiliation)}` : ""}.` +
    (near.length ? ` Did you mean:\n${near.map(at).join("\n")}` : " Check the spelling in the letter's signatories folder."));
}
