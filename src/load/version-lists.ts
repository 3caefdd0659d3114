// Which version each signatory signed, and who is on each version's list. The rules (lifecycle issue):
// - a release records whom its list first holds, by id (versions/<n>/signatories.txt): version N's list
//   is everyone recorded by versions 1..N, minus withdrawals. Nothing else decides it, so a signature
//   added on any day, a release day included, joins the current version and never a frozen list;
// - a signature no release recorded yet is on the current page: it belongs to the version current when
//   it first appears, and the next release records it;
// - the version a signer read is the record's, else their `version:` (written by every signing route),
//   else the one current on their `signed:` date, else the latest; `reconfirmed:` moves them to the
//   version current that day, and an editorial release carries everyone of the version before over.
import { join } from "node:path";
import { ReleasedSignatoryError, type ContentError } from "../model/errors.ts";
import type { Letter, RecordedSignature, Release, Signatory } from "../model/types.ts";
import { MadeFrom } from "../common/once-per.ts";
import { RECORD_FILE, VERSIONS_DIR } from "./versions.ts";

type Records = ReadonlyMap<string, RecordedSignature & { version: number }>;
const recordsMade = new MadeFrom<readonly Release[], Records>();

/**
 * Where each recorded signature was first listed, by id. Made once per releases array (a letter's lists,
 * its pages and its packs all ask, each over 100,000 signatures on a long letter), again if it grew.
 */
export function recordsById(releases: readonly Release[]): Records {
  return recordsMade.get(releases, [releases.length], () => {
    const byId = new Map<string, RecordedSignature & { version: number }>();
    for (const release of releases) for (const s of release.added) if (!byId.has(s.id)) byId.set(s.id, { ...s, version: release.version });
    return byId;
  });
}

/** The version current on `date`: the last released on or before it (a same-day release counts). */
export function versionCurrentOn(date: string, releases: readonly Release[]): number | undefined {
  return currentOn(date, releases, releases.length);
}

/** versionCurrentOn among the first `count` releases (without copying them: it runs once per signatory). */
function currentOn(date: string, releases: readonly Release[], count: number): number | undefined {
  for (let i = count - 1; i >= 0; i--) if (releases[i]!.date <= date) return releases[i]!.version;
  return undefined;
}

/** The first version whose list includes the signatory (undefined: no release has recorded them yet). */
export function includedIn(s: Signatory, releases: readonly Release[], records: Records = recordsById(releases)): number | undefined {
  return records.get(s.key)?.version;
}

/** The version of the text the signer read, before reconfirmations and editorial releases. */
export function versionRead(s: Signatory, releases: readonly Release[], records: Records = recordsById(releases)): number | undefined {
  return readAmong(s, releases, releases.length, records);
}

/** versionRead as of the first `count` releases. */
function readAmong(s: Signatory, releases: readonly Release[], count: number, records: Records): number | undefined {
  const latest = releases[count - 1]?.version;
  if (latest === undefined) return undefined;
  const recorded = records.get(s.key);
  if (recorded?.read !== undefined) return recorded.read;
  if (recorded) return s.signed ? (currentOn(s.signed, releases, count) ?? 1) : 1; // legacy record: as those releases read it
  if (s.version !== undefined) return Math.min(s.version, latest);
  return s.signed ? (currentOn(s.signed, releases, count) ?? 1) : latest;
}

/**
 * The version whose text the signatory endorsed as shown on version `asOf`'s list (undefined: the current
 * page): what they read, moved on by a reconfirmation up to then and by editorial releases after it.
 */
export function versionSigned(s: Signatory, releases: readonly Release[], asOf?: number, records: Records = recordsById(releases)): number | undefined {
  // The releases shown on that list: the first `asOf` (all of them on the current page).
  const count = asOf === undefined ? releases.length : Math.min(asOf, releases.length);
  let version = readAmong(s, releases, count, records);
  if (version === undefined) return undefined;
  const lastShown = releases[count - 1]!;
  const last = lastShown.version;
  version = Math.min(version, last);
  // A version's page keeps what its signers had endorsed by its release day (that day included).
  const reconfirmed = s.reconfirmed && (asOf === undefined || s.reconfirmed <= lastShown.date) ? s.reconfirmed : undefined;
  if (reconfirmed) version = Math.max(version, currentOn(reconfirmed, releases, count) ?? version);
  while (version < last && releases[version]!.editorial) version += 1;
  return version;
}

export interface VersionEntry {
  signatory: Signatory;
  /** Set when the signatory endorsed an older text than the one shown. */
  signedVersion?: number;
}

export interface VersionList {
  entries: VersionEntry[];
  /** Signatures on this list that were later withdrawn (the names are never shown). */
  withdrawn: number;
  /** Everyone the version had at its release, withdrawn or not. */
  countAtRelease: number;
}

/**
 * The lists made of a letter, by version (0: the current page's), while its signatories and releases are
 * the same arrays of the same lengths: a check describes the published and the upcoming pages, a build
 * the pages, the PDFs and the packs, each asking for the same lists of up to 100,000 names.
 */
const listsMade = new MadeFrom<Letter, Map<number, VersionList>>();

function listOf(letter: Letter, n: number, make: () => VersionList): VersionList {
  const lists = listsMade.get(letter, [letter.signatories, letter.signatories.length, letter.releases, letter.releases.length], () => new Map());
  let list = lists.get(n);
  if (!list) lists.set(n, (list = make()));
  return list;
}

/** Version `n`'s list: everyone its release and the releases before recorded, minus withdrawals. */
export function versionList(letter: Letter, n: number): VersionList {
  return listOf(letter, n, () => makeVersionList(letter, n));
}

function makeVersionList(letter: Letter, n: number): VersionList {
  const records = recordsById(letter.releases);
  const members = letter.signatories.filter((s) => {
    const v = includedIn(s, letter.releases, records);
    return v !== undefined && v <= n;
  });
  const entries = members
    .filter((s) => !s.withdrawn)
    .map((signatory) => withMark(signatory, versionSigned(signatory, letter.releases, n, records), n));
  return { entries, withdrawn: members.length - entries.length, countAtRelease: members.length };
}

/**
 * Everyone version `n` had at its release, withdrawn or not: versionList(letter, n).countAtRelease,
 * counted without making the list (the history shows it for every version; the preview describes only
 * the pages it shows, so would make each version's list of 100,000 names just for this number).
 */
export function countAtRelease(letter: Letter, n: number): number {
  const records = recordsById(letter.releases);
  let count = 0;
  for (const s of letter.signatories) {
    const v = includedIn(s, letter.releases, records);
    if (v !== undefined && v <= n) count++;
  }
  return count;
}

/** The current page's list: every signatory who has not withdrawn, marked if they signed an older text. */
export function currentList(letter: Letter): VersionList {
  return listOf(letter, 0, () => makeCurrentList(letter));
}

function makeCurrentList(letter: Letter): VersionList {
  const latest = letter.releases.at(-1)?.version;
  const records = recordsById(letter.releases);
  const entries = letter.signatories
    .filter((s) => !s.withdrawn)
    .map((signatory) => withMark(signatory, latest && versionSigned(signatory, letter.releases, undefined, records), latest));
  return { entries, withdrawn: letter.signatories.length - entries.length, countAtRelease: letter.signatories.length };
}

function withMark(signatory: Signatory, signed: number | undefined, shown: number | undefined): VersionEntry {
  return signed !== undefined && shown !== undefined && signed < shown ? { signatory, signedVersion: signed } : { signatory };
}

/** Tomorrow in UTC, YYYY-MM-DD: the latest date a signer anywhere on Earth can have written today. */
export function latestPossibleDate(now = new Date()): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** Problems in signatories' dates and versions, and released signatures that went missing. */
export function checkSignatoryVersions(letter: Letter, now = new Date()): ContentError[] {
  const problems: ContentError[] = [];
  const latest = letter.releases.at(-1);
  const limit = latestPossibleDate(now);
  const byId = new Map<string, Signatory>();

  for (const s of letter.signatories) {
    const problem = (message: string, hint: string) => problems.push(new ReleasedSignatoryError(s.source.file, s.source, message, hint));
    const twin = byId.get(s.key);
    if (twin && s.id) {
      problem(`"${s.name}" has the id ${s.id}, which ${twin.source.file}:${twin.source.line} already has.`,
        "An id names one signature: remove the id: line from the entry that was copied (the next release gives it its own).");
    }
    byId.set(s.key, s);
    for (const field of ["signed", "reconfirmed", "withdrawn"] as const) {
      const date = s[field];
      if (date && date > limit) problem(`"${s.name}" has ${field}: ${date}, a date still to come.`, `Write the day it happened (today or earlier, up to ${limit} for time zones ahead of UTC).`);
    }
    if (s.withdrawn && s.signed && s.withdrawn < s.signed) {
      problem(`"${s.name}" is withdrawn (${s.withdrawn}) before the date they signed (${s.signed}).`, "Set withdrawn: to the date the signature was withdrawn.");
    }
    if (s.reconfirmed && s.signed && s.reconfirmed < s.signed) {
      problem(`"${s.name}" is reconfirmed (${s.reconfirmed}) before they signed (${s.signed}).`, "reconfirmed: is the date they confirmed a newer version, after signing.");
    }
    if (s.version !== undefined && (!latest || s.version > latest.version)) {
      problem(`"${s.name}" read version ${s.version}, which ${latest ? `is not released (the latest is version ${latest.version})` : "does not exist: the letter has no release yet"}.`,
        latest ? `Write version: ${latest.version}, or remove the line.` : "Remove the version: line.");
    }
  }
  for (const release of letter.releases) {
    const file = join(letter.dir, VERSIONS_DIR, String(release.version), RECORD_FILE);
    release.added.forEach(({ id, legacyKey }, i) => {
      if (byId.has(id)) return;
      problems.push(new ReleasedSignatoryError(file, { line: i + 2, column: 1 }, // line 1 is the header comment
        legacyKey
          ? `The signatory "${legacyKey}" of version ${release.version} is missing: its file was deleted or renamed, or its name changed in a list file.`
          : `The signature ${id} of version ${release.version} is missing: its entry was deleted, or its "id: ${id}" line removed.`,
        legacyKey
          ? `Restore it (to correct a name in a list file, run npm run check -- --fix first: it writes each entry's id). Withdraw a signature with npm run withdraw ("withdrawn: YYYY-MM-DD"), never by deleting it.`
          : `Restore the entry with its id line (git log -S "id: ${id}" finds it). Withdraw a signature with npm run withdraw ("withdrawn: YYYY-MM-DD"), never by deleting it.`));
    });
  }
  return problems;
}
