// Stage describe/: what a reader is shown, before anything is drawn. Takes the loaded Site; gives one
// LetterDocument per (letter, version, language), read by both view/ (HTML) and outputs/pdf/.
//
// What a delivery pack prints, before anything is drawn: the version current on the day of a `delivered`
// update, and the list as it stood that day. Who was on the list that day follows the release records
// (load/version-lists.ts), which say when a signature first appeared, not the `signed:` date alone:
// - a signature recorded by a release on or before that day was there, unless its `signed:` is later;
// - one recorded by the next release (or by none yet, when that day's version is still the latest)
//   appeared on the page after that day's version was released: it was there if `signed:` says so;
// - one recorded by a later release appeared after the next release, so after that day: never.
// Withdrawn signatures are counted, never named, as a version's PDF edition does.
import { includedIn, recordsById, versionCurrentOn } from "../load/version-lists.ts";
import type { DeliveryEntry, DeliveryList, Letter, LetterUpdate, Signatory } from "../model/types.ts";
import { describeLetter, type DescribeRules, type SignatoryLine } from "./letter-document.ts";

/** The version a delivery hands over: the last released on or before its day (undefined: none was). */
export function deliveredVersion(letter: Pick<Letter, "releases" | "deliveries">, update: Pick<LetterUpdate, "id" | "date">): number | undefined {
  return letter.deliveries.find((d) => d.update === update.id)?.version ?? versionCurrentOn(update.date, letter.releases);
}

/** The `delivered` updates a published letter has a pack for (each with a version current that day). */
export function packUpdates(letter: Letter): LetterUpdate[] {
  return letter.updates.filter((u) => u.kind === "delivered" && deliveredVersion(letter, u) !== undefined);
}

/** One name as a pack prints it (the page's line) with what its counts need, counted from `day`. */
function deliveryEntry(line: SignatoryLine, s: Signatory, day: string): DeliveryEntry {
  return { id: line.id, name: line.name, ...(line.role ? { role: line.role } : {}), ...(s.type ? { type: s.type } : {}), ...(s.country ? { country: s.country } : {}), day };
}

/**
 * A recorded pack's list as its next edition prints it: the same people as recorded (the list as it
 * stood that day is a fact of the delivery, never worked out again from dates: a signature made later
 * the same day would join it, and one withdrawn the same day would vanish uncounted), minus those
 * withdrawn since, counted instead; the others with today's spelling, role, type and country, and the
 * day they count from as recorded. An entry whose signatory is gone from the files stays as recorded.
 */
export function amendedDeliveryList(
  recorded: DeliveryList,
  letter: Letter,
  described: ReturnType<typeof describeLetter>,
): DeliveryList {
  const bySignatory = new Map(letter.signatories.map((s) => [s.key, s]));
  const lines = new Map((described.current[0]?.signatories.groups ?? []).flatMap((g) => g.signatories).map((line) => [line.id, line]));
  let withdrawn = recorded.withdrawn;
  const groups: DeliveryList["groups"] = [];
  for (const group of recorded.groups) {
    const entries: DeliveryEntry[] = [];
    for (const entry of group.entries) {
      const s = bySignatory.get(entry.id);
      if (s?.withdrawn) {
        withdrawn += 1;
        continue;
      }
      const line = lines.get(entry.id);
      if (!s || !line) {
        entries.push(entry);
        continue;
      }
      entries.push(deliveryEntry(line, s, entry.day));
    }
    if (entries.length) groups.push({ ...(group.heading !== undefined ? { heading: group.heading } : {}), entries });
  }
  return { withdrawn, groups };
}

/**
 * The list on the day of `update`, as it would be recorded now: today's names and roles, in the current
 * page's order (original language), of everyone who had signed by then; withdrawals counted apart.
 */
export function deliveryListNow(
  letter: Letter,
  update: Pick<LetterUpdate, "date">,
  rules: DescribeRules,
  // A caller with several packs of the letter describes it once (describing a long, translated letter costs).
  described: ReturnType<typeof describeLetter> = describeLetter(letter, rules, { preview: false }),
): DeliveryList {
  const day = update.date;
  const version = versionCurrentOn(day, letter.releases);
  const records = recordsById(letter.releases);
  const last = letter.releases.at(-1)?.version;
  /** The day a signature counts from, when it was on the list on `day` (else undefined). */
  const countedFrom = (s: Letter["signatories"][number]): string | undefined => {
    if (version === undefined) return undefined;
    const recorded = includedIn(s, letter.releases, records);
    if (s.signed !== undefined && s.signed > day) return undefined;
    if (recorded !== undefined && recorded <= version) return s.signed ?? letter.releases[recorded - 1]!.date;
    const next = recorded === undefined ? version === last : recorded === version + 1;
    return next && s.signed !== undefined ? s.signed : undefined;
  };
  const days = new Map<string, string>();
  let withdrawn = 0;
  for (const s of letter.signatories) {
    const from = countedFrom(s);
    if (from === undefined) continue;
    if (s.withdrawn && s.withdrawn <= day) continue; // gone before the delivery: neither printed nor counted
    if (s.withdrawn) withdrawn += 1;
    else days.set(s.key, from);
  }
  // The current page's groups and order, so the pack reads as the page did; the lines as it prints them.
  const [original] = described.current;
  const bySignatory = new Map(letter.signatories.map((s) => [s.key, s]));
  const groups: DeliveryList["groups"] = [];
  for (const group of original?.signatories.groups ?? []) {
    const entries: DeliveryEntry[] = group.signatories.flatMap((line) => {
      const from = days.get(line.id);
      if (from === undefined) return [];
      const s = bySignatory.get(line.id)!;
      return [deliveryEntry(line, s, from)];
    });
    if (entries.length) groups.push({ ...(group.heading !== undefined ? { heading: group.heading } : {}), entries });
  }
  return { withdrawn, groups };
}
