// Which version each signatory signed, and who is on each version's list. The rules (issue: versions):
// - `signed` (default: the first release date) puts a signatory on the version current then;
// - version N's list is everyone who signed up to N's release, minus withdrawals;
// - `reconfirmed` moves a signatory to the version current on that date;
// - a release records whom it first included, so nobody can be added to a frozen version later.
import { join } from "node:path";
import { ReleasedSignatoryError, type ContentError } from "../model/errors.ts";
import type { Letter, Release, Signatory } from "../model/types.ts";
import { RECORD_FILE, VERSIONS_DIR } from "./versions.ts";

/** The date a signature counts from: its `signed` date, or the first release date. */
export function signedDate(s: Signatory, releases: readonly Release[]): string | undefined {
  return s.signed ?? releases[0]?.date;
}

/** The first version whose list includes the signatory (undefined: signed after the last release). */
export function includedIn(s: Signatory, releases: readonly Release[]): number | undefined {
  const date = signedDate(s, releases);
  if (date === undefined) return undefined;
  return releases.find((r) => r.date >= date)?.version;
}

/**
 * The version whose text the signatory endorsed as of `asOf` (a release date; undefined: today). Signing
 * on a release's day counts for the version released that day; reconfirming moves them forward.
 */
export function versionSigned(s: Signatory, releases: readonly Release[], asOf?: string): number | undefined {
  if (releases.length === 0) return undefined;
  const reconfirmed = s.reconfirmed && (asOf === undefined || s.reconfirmed <= asOf) ? s.reconfirmed : undefined;
  const signed = signedDate(s, releases)!;
  const date = reconfirmed && reconfirmed > signed ? reconfirmed : signed;
  const sameDay = releases.find((r) => r.date === date);
  if (sameDay) return sameDay.version;
  const before = releases.filter((r) => r.date < date).at(-1);
  return before?.version ?? 1;
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

/** Version `n`'s list: everyone who signed up to its release, minus withdrawals. */
export function versionList(letter: Letter, n: number): VersionList {
  const release = letter.releases[n - 1]!;
  const members = letter.signatories.filter((s) => {
    const v = includedIn(s, letter.releases);
    return v !== undefined && v <= n;
  });
  const entries = members
    .filter((s) => !s.withdrawn)
    .map((signatory) => withMark(signatory, versionSigned(signatory, letter.releases, release.date), n));
  return { entries, withdrawn: members.length - entries.length, countAtRelease: members.length };
}

/** The current page's list: every signatory who has not withdrawn, marked if they signed an older text. */
export function currentList(letter: Letter): VersionList {
  const latest = letter.releases.at(-1)?.version;
  const entries = letter.signatories
    .filter((s) => !s.withdrawn)
    .map((signatory) => withMark(signatory, latest && versionSigned(signatory, letter.releases), latest));
  return { entries, withdrawn: letter.signatories.length - entries.length, countAtRelease: letter.signatories.length };
}

function withMark(signatory: Signatory, signed: number | undefined, shown: number | undefined): VersionEntry {
  return signed !== undefined && shown !== undefined && signed < shown ? { signatory, signedVersion: signed } : { signatory };
}

/** Problems that would rewrite a released version's list: back-dated additions and deleted signatories. */
export function checkSignatoryVersions(letter: Letter): ContentError[] {
  const problems: ContentError[] = [];
  const recorded = new Map<string, number>();
  for (const release of letter.releases) for (const key of release.added) recorded.set(key, release.version);
  const last = letter.releases.at(-1);
  const seen = new Set<string>();

  for (const s of letter.signatories) {
    seen.add(s.key);
    if (s.withdrawn && s.withdrawn < (s.signed ?? "")) {
      problems.push(new ReleasedSignatoryError(s.source.file, s.source, `"${s.name}" is withdrawn (${s.withdrawn}) before the date they signed (${s.signed}).`,
        "Set withdrawn: to the date the signature was withdrawn."));
    }
    if (s.reconfirmed && s.reconfirmed < (signedDate(s, letter.releases) ?? "")) {
      problems.push(new ReleasedSignatoryError(s.source.file, s.source, `"${s.name}" is reconfirmed (${s.reconfirmed}) before they signed.`,
        "reconfirmed: is the date they confirmed a newer version, after signing."));
    }
    if (!last) continue;
    const version = includedIn(s, letter.releases);
    const was = recorded.get(s.key);
    if (version === was) continue;
    if (was === undefined) {
      const release = letter.releases[version! - 1]!;
      problems.push(new ReleasedSignatoryError(s.source.file, s.source,
        `"${s.name}" ${s.signed ? `signed on ${s.signed}` : "has no signed: date, so counts from the first release"}, which adds them to version ${release.version} (released ${release.date}); released versions are frozen.`,
        s.signed
          ? `Set signed: to the day they signed; it must be after ${last.date} for a new signature.`
          : `Add "signed: YYYY-MM-DD" with the day they signed, after the last release (${last.date}).`));
    } else {
      problems.push(new ReleasedSignatoryError(s.source.file, s.source,
        `"${s.name}" signed version ${was}, but their signed: date now ${version === undefined ? "falls after the last release" : `puts them on version ${version}`}.`,
        "Restore the signed: date they had when the version was released; add reconfirmed: for a newer version."));
    }
  }
  for (const release of letter.releases) {
    const file = join(letter.dir, VERSIONS_DIR, String(release.version), RECORD_FILE);
    release.added.forEach((key, i) => {
      if (seen.has(key)) return;
      problems.push(new ReleasedSignatoryError(file, { line: i + 2, column: 1 }, // line 1 is the header comment
        `The signatory "${key}" of version ${release.version} is missing: its file was deleted or renamed, or its name changed in a list.`,
        `Restore it in signatories/ and add "withdrawn: YYYY-MM-DD" to withdraw a signature; never delete a released signatory.`));
    });
  }
  return problems;
}
