// letters/<slug>/reviewed.yaml: warnings of `npm run check` that a maintainer has looked at and found
// wrong, so that a reviewed warning stops coming back on every pull request: near-duplicates ("these
// two look alike but are different people", different_people:) and held names ("this Elon Musk is
// genuine", held_ok:, for the warnings of moderation.ts). A held_ok: line names the entry's file and its
// name as reviewed, also for a one-signatory file: an edit of the name after the review warns again.
//
// A file of its own rather than a field in the signatory file: a signer must not be able to silence the
// warning about their own entry, and a change to this file shows in the pull request as a maintainer's.
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { normaliseName } from "../common/names.ts";
import { yamlString } from "../common/sign-fields.ts";
import { InvalidFieldError, type ContentError, type Position } from "../model/errors.ts";
import { reviewedSchema } from "../model/schema.ts";
import { displayPath, readContentFile } from "../load/files.ts";
import { validate } from "../load/validate.ts";
import { parseYaml } from "../load/yaml.ts";

export const REVIEWED_FILE = "reviewed.yaml";

/** A signatory entry as the near-duplicate check sees it. */
export interface ReviewedEntry {
  name: string;
  /** Path as printed (displayPath). */
  file: string;
  /** In a list file (a sequence), where the file name alone does not say which entry. */
  inList: boolean;
}

interface Held {
  ref: string;
  position: Position;
  used: boolean;
}

interface Pair {
  refs: [string, string];
  position: Position;
  refPositions: [Position, Position];
  used: boolean;
}

export interface Reviews {
  /** The path of reviewed.yaml, as printed, for hints (whether or not it exists). */
  file: string;
  /** Whether a maintainer wrote that `a` and `b` are different people; marks that pair as used. */
  differentPeople(a: ReviewedEntry, b: ReviewedEntry): boolean;
  /** Whether a maintainer wrote that this entry, under this name, is fine although held; marks the line as used. */
  heldOk(entry: ReviewedEntry): boolean;
  /**
   * Problems of the file itself (errors, as in any content file), then a warning for each reference to
   * no signatory of `entries` and each pair that silenced nothing: a review that has gone stale.
   */
  problems(entries: readonly ReviewedEntry[]): ContentError[];
}

/** How reviewed.yaml names an entry: its file, and for an entry of a list file, `#` and its name. */
export function reference(entry: ReviewedEntry): string {
  return entry.inList ? `${basename(entry.file)}#${entry.name.trim()}` : basename(entry.file);
}

/** How held_ok: names an entry: its file, `#` and its name as reviewed. */
export function heldReference(entry: Pick<ReviewedEntry, "file" | "name">): string {
  return `${basename(entry.file)}#${entry.name.trim()}`;
}

/** The line to add to reviewed.yaml under `held_ok:` for this entry. */
export function heldOkLine(entry: Pick<ReviewedEntry, "file" | "name">): string {
  return `- ${yamlString(heldReference(entry))}`;
}

/** Whether a held_ok: reference names this entry: the same file and the same name, as strictly as duplicates compare. */
function heldRefersTo(ref: string, entry: ReviewedEntry): boolean {
  const hash = ref.indexOf("#");
  return ref.slice(0, hash) === basename(entry.file) && normaliseName(ref.slice(hash + 1)) === normaliseName(entry.name);
}

/** The line to add to reviewed.yaml under `different_people:` for this pair. */
export function reviewLine(a: ReviewedEntry, b: ReviewedEntry): string {
  return `- [${yamlString(reference(a))}, ${yamlString(reference(b))}]`;
}

/** Whether a reference of reviewed.yaml names `entry`. */
export function refersTo(ref: string, entry: ReviewedEntry): boolean {
  const hash = ref.indexOf("#");
  const file = hash === -1 ? ref : ref.slice(0, hash);
  if (file !== basename(entry.file)) return false;
  if (hash === -1) return !entry.inList;
  return entry.inList && normaliseName(ref.slice(hash + 1)) === normaliseName(entry.name);
}

export async function loadReviews(letterDir: string): Promise<Reviews> {
  const absolute = join(letterDir, REVIEWED_FILE);
  const file = displayPath(absolute);
  const pairs: Pair[] = [];
  const held: Held[] = [];
  const own: ContentError[] = [];
  if (existsSync(absolute)) {
    const read = await readContentFile(absolute);
    if (read.problem) own.push(read.problem);
    else {
      const parsed = parseYaml(read.text, file);
      own.push(...parsed.problems);
      if (!parsed.problems.length) {
        const { data, problems } = validate(reviewedSchema, parsed.value ?? {}, { file, positionOf: parsed.positionOf });
        own.push(...problems);
        (data?.different_people ?? []).forEach((pair, i) => {
          const at = (j: number) => parsed.positionOf(["different_people", i, j]);
          pairs.push({ refs: [pair[0]!, pair[1]!], position: parsed.positionOf(["different_people", i]), refPositions: [at(0), at(1)], used: false });
        });
        (data?.held_ok ?? []).forEach((ref, i) => held.push({ ref, position: parsed.positionOf(["held_ok", i]), used: false }));
      }
    }
  }
  return {
    file,
    differentPeople(a, b) {
      const pair = pairs.find(({ refs: [x, y] }) => (refersTo(x, a) && refersTo(y, b)) || (refersTo(x, b) && refersTo(y, a)));
      if (pair) pair.used = true;
      return pair !== undefined;
    },
    heldOk(entry) {
      const line = held.find(({ ref }) => heldRefersTo(ref, entry));
      if (line) line.used = true;
      return line !== undefined;
    },
    problems(entries) {
      const stale: ContentError[] = [];
      for (const line of held) {
        if (line.used) continue;
        const named = line.ref.slice(0, line.ref.indexOf("#"));
        const inFile = entries.filter((e) => basename(e.file) === named);
        if (entries.some((e) => heldRefersTo(line.ref, e))) {
          stale.push(new InvalidFieldError(file, line.position, `${JSON.stringify(line.ref)} raises no warning to silence.`,
            "Remove the line: npm run check does not hold this signatory (any more).").asWarning());
        } else {
          stale.push(new InvalidFieldError(file, line.position, `${JSON.stringify(line.ref)} names no signatory of this letter.`,
            inFile.length === 1
              ? `${named} holds ${JSON.stringify(inFile[0]!.name.trim())}: the name changed since it was reviewed; review it again and write the name as it is now, or remove the line.`
              : inFile.length
                ? `${named} holds no entry of that name: if it changed since it was reviewed, review it again and write the name as it is now, or remove the line.`
                : "Correct the file name (a renamed file is reviewed under its new name) or remove the line.").asWarning());
        }
      }
      for (const pair of pairs) {
        const unknown = pair.refs.map((ref, i) => ({ ref, at: pair.refPositions[i]! })).filter(({ ref }) => !entries.some((e) => refersTo(ref, e)));
        for (const { ref, at } of unknown) {
          const list = !ref.includes("#") && entries.some((e) => e.inList && basename(e.file) === ref);
          stale.push(
            new InvalidFieldError(file, at, `${JSON.stringify(ref)} names no signatory of this letter.`,
              list
                ? `${ref} holds a list: name the entry, e.g. "${ref}#${entries.find((e) => basename(e.file) === ref)!.name.trim()}".`
                : "Correct the file name (a renamed file is reviewed under its new name) or remove the pair.").asWarning(),
          );
        }
        if (!unknown.length && !pair.used) {
          stale.push(
            new InvalidFieldError(file, pair.position, `${pair.refs.map((r) => JSON.stringify(r)).join(" and ")} raise no warning to silence.`,
              "Remove the pair: npm run check does not say they look alike (any more).").asWarning(),
          );
        }
      }
      return [...own, ...stale];
    },
  };
}
