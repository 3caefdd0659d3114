// How a letter's signatures grew, before anything is drawn: the cumulative count per day and the days to
// mark (releases; updates are passed in), for the history page's chart and, later, the delivery pack.
// Counts the current list (withdrawn signatures left out, as everywhere else). A signature's day is its
// `signed:` date; one without it counts from the release that first listed it; one with neither (signed
// after the last release, undated) cannot be placed and is counted apart as undated.
import { includedIn, recordsById } from "../load/version-lists.ts";
import type { Letter } from "../model/types.ts";

export interface TimelinePoint {
  /** YYYY-MM-DD. */
  date: string;
  /** Signatures that day. */
  added: number;
  /** Signatures up to and including that day. */
  total: number;
}

/** A day marked on the timeline: a release, or (given by the caller) an update such as a delivery. */
export interface TimelineMark {
  date: string;
  kind: string;
  /** Releases: the version released. */
  version?: number;
  /** Given marks: their label, in the page's language. */
  label?: string;
}

export interface SignatureTimeline {
  points: TimelinePoint[];
  marks: TimelineMark[];
  /** Signatures on the list that have no day (see above), not in `points`. */
  undated: number;
}

export function signatureTimeline(letter: Letter, extraMarks: readonly TimelineMark[] = []): SignatureTimeline {
  const records = recordsById(letter.releases);
  const byDay = new Map<string, number>();
  let undated = 0;
  for (const s of letter.signatories) {
    if (s.withdrawn) continue;
    const included = includedIn(s, letter.releases, records);
    const day = s.signed ?? (included === undefined ? undefined : letter.releases[included - 1]?.date);
    if (day === undefined) undated += 1;
    else byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  let total = 0;
  const points = [...byDay.keys()].sort().map((date) => {
    const added = byDay.get(date)!;
    total += added;
    return { date, added, total };
  });
  const marks = [...letter.releases.map((r): TimelineMark => ({ date: r.date, kind: "release", version: r.version })), ...extraMarks]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { points, marks, undated };
}
