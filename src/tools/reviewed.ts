// letters/<slug>/reviewed.yaml: warnings of `npm run check` that a maintainer has looked at and found
// wrong, so that a reviewed warning stops coming back on every pull request. Only near-duplicates for
// now: "these two look alike but are different people".
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
    problems(entries) {
      const stale: ContentError[] = [];
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
