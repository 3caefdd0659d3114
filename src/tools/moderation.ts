// letters/moderation.yaml (the whole site) and letters/<slug>/moderation.yaml (one letter): names and
// words `npm run check` holds for a second look. A signatory whose name, role or affiliation is a held
// name (a famous name often faked, "John Doe"), or holds a held word (a slur, "asdf"), is a warning at
// that field, so a reviewer looks twice before merging; once reviewed, reviewed.yaml's held_ok: silences
// it (reviewed.ts). Never an error: a real Elon Musk may sign.
//
// Matching is the near-duplicate check's (common/names.ts, nearLookAlikeKeys): case, accents,
// punctuation and look-alike letters aside, so "Stеve Jobs" with a Cyrillic "е" is "Steve Jobs". Names
// match a whole field, words whole words (or, in scripts written without spaces, anywhere).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { mixedScripts, nearLookAlikeKeys } from "../common/names.ts";
import { HeldSignatoryError, InvalidFieldError, quote, type ContentError, type Position } from "../model/errors.ts";
import { moderationSchema } from "../model/schema.ts";
import { displayPath, readContentFile } from "../load/files.ts";
import { MODERATION_FILE } from "../load/site.ts";
import { validate } from "../load/validate.ts";
import { parseYaml } from "../load/yaml.ts";

export { MODERATION_FILE };

/** One entry of a moderation file. */
export interface HeldItem {
  text: string;
  kind: "name" | "word";
  /** Where it is written: `file:line:col`. */
  where: string;
}

/** Scripts written without spaces between words: a held word in them matches inside a longer text. */
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+$/u;

/** The compared forms of a text: empty for one with no letter or digit ("!!!"). */
export const holdKeys = (text: string): string[] => nearLookAlikeKeys(text).filter(Boolean);

/**
 * The held names and words, by compared form. A field is looked up as a whole (names), word by word
 * (words, and phrases by their first word), and, only when some held word is in an unspaced script, by
 * substring: a cost per field that does not grow with the length of the list.
 */
export class HoldList {
  private readonly names = new Map<string, HeldItem>();
  /** Held words and phrases, by their first word: the rest of the phrase's words. */
  private readonly words = new Map<string, { rest: string[]; item: HeldItem }[]>();
  private readonly unspaced: { key: string; item: HeldItem }[] = [];
  /** Answers by field value: roles and affiliations repeat across thousands of signatories. */
  private readonly remembered = new Map<string, HeldItem[]>();

  get size(): number {
    return this.names.size + this.words.size + this.unspaced.length;
  }

  /** Adds an item under its keys; returns the item already held under one of them, if any. */
  add(item: HeldItem, keys: readonly string[]): HeldItem | undefined {
    for (const key of keys) {
      const earlier = this.find(item.kind, key);
      if (earlier) return earlier;
    }
    for (const key of keys) {
      if (item.kind === "name") this.names.set(key, item);
      else if (!key.includes(" ") && UNSPACED.test(key)) this.unspaced.push({ key, item });
      else {
        const [first, ...rest] = key.split(" ");
        const list = this.words.get(first!);
        if (list) list.push({ rest, item });
        else this.words.set(first!, [{ rest, item }]);
      }
    }
    this.remembered.clear();
    return undefined;
  }

  private find(kind: HeldItem["kind"], key: string): HeldItem | undefined {
    if (kind === "name") return this.names.get(key);
    const [first, ...rest] = key.split(" ");
    return this.words.get(first!)?.find((w) => w.rest.join(" ") === rest.join(" "))?.item ?? this.unspaced.find((u) => u.key === key)?.item;
  }

  /** The items a field's text matches, each once, in the order found. `keys`: its holdKeys, when known. */
  matches(text: string, keys?: readonly string[]): HeldItem[] {
    if (this.size === 0) return [];
    if (!keys) {
      const known = this.remembered.get(text);
      if (known) return known;
    }
    const found = new Set<HeldItem>();
    for (const key of keys ?? holdKeys(text)) {
      const name = this.names.get(key);
      if (name) found.add(name);
      if (this.words.size) {
        const tokens = key.split(" ");
        tokens.forEach((token, i) => {
          for (const { rest, item } of this.words.get(token) ?? []) {
            if (rest.every((word, j) => tokens[i + 1 + j] === word)) found.add(item);
          }
        });
      }
      for (const { key: word, item } of this.unspaced) if (key.includes(word)) found.add(item);
    }
    const result = [...found];
    if (!keys) {
      if (this.remembered.size > 100_000) this.remembered.clear(); // bounded, whatever the lists hold
      this.remembered.set(text, result);
    }
    return result;
  }

  /** This list and `other`'s items together (a letter's own list on top of the site's). */
  with(other: HoldList): HoldList {
    const both = new HoldList();
    for (const list of [this, other]) {
      for (const [key, item] of list.names) both.names.set(key, item);
      for (const [key, entries] of list.words) both.words.set(key, [...(both.words.get(key) ?? []), ...entries]);
      both.unspaced.push(...list.unspaced);
    }
    return both;
  }
}

/** Reads one moderation file into `list`: its problems (errors, as in any content file), and a warning for an item listed twice. */
export async function readModerationFile(absolute: string, list: HoldList): Promise<ContentError[]> {
  if (!existsSync(absolute)) return [];
  const file = displayPath(absolute);
  const read = await readContentFile(absolute);
  if (read.problem) return [read.problem];
  const parsed = parseYaml(read.text, file);
  if (parsed.problems.length) return parsed.problems;
  const { data, problems } = validate(moderationSchema, parsed.value ?? {}, { file, positionOf: parsed.positionOf });
  if (!data) return problems;
  for (const kind of ["name", "word"] as const) {
    const key = `${kind}s` as const;
    (data[key] ?? []).forEach((text, i) => {
      const position = parsed.positionOf([key, i]);
      const where = `${file}:${position.line}:${position.column}`;
      const keys = holdKeys(text);
      if (!keys.length) {
        problems.push(new InvalidFieldError(file, position, `${quote(text)} has no letter or digit, so it matches nothing (punctuation and symbols are ignored when comparing).`,
          `Write the ${kind} to hold in letters, or remove the line.`));
        return;
      }
      const earlier = list.add({ text, kind, where }, keys);
      if (earlier) {
        problems.push(new InvalidFieldError(file, position, `${quote(text)} is held already, as ${quote(earlier.text)} at ${earlier.where} (case, accents and look-alike letters aside).`,
          "Remove one of them.").asWarning());
      }
    });
  }
  return problems;
}

/** The site's list, letters/moderation.yaml, and its problems. */
export async function loadSiteHolds(lettersDir: string): Promise<{ list: HoldList; problems: ContentError[] }> {
  const list = new HoldList();
  const problems = await readModerationFile(join(lettersDir, MODERATION_FILE), list);
  return { list, problems };
}

/** A field of a signatory that matches held items, found while its file is linted. */
export interface HeldField {
  /** The signatory entry: its name, file and whether it is in a list file. */
  name: string;
  file: string;
  field: "name" | "title" | "affiliation";
  value: string;
  position: Position;
  items: HeldItem[];
}

/** The warning for a held field; `heldOkLine` is what reviewed.yaml needs under held_ok: to silence it. */
export function heldWarning(held: HeldField, heldOkLine: string, reviewedFile: string): ContentError {
  const names = held.items.filter((i) => i.kind === "name");
  const words = held.items.filter((i) => i.kind === "word");
  const what = [
    ...(names.length ? [`is the held name ${names.map((i) => `${quote(i.text)} (${i.where})`).join(", ")}`] : []),
    ...(words.length ? [`holds the held word${words.length > 1 ? "s" : ""} ${words.map((i) => `${quote(i.text)} (${i.where})`).join(", ")}`] : []),
  ].join(" and ");
  const mixed = mixedScripts(held.value);
  return new HeldSignatoryError(held.file, held.position,
    `${quote(held.field)} ${quote(held.value)}${mixed ? `, in mixed scripts (${mixed}),` : ""} ${what}.`,
    `Check that the signature is genuine before merging (famous names are often faked; placeholders and slurs are not signatures). If it is, add ${heldOkLine} under held_ok: in ${reviewedFile} to mark this warning as reviewed.`).asWarning();
}
