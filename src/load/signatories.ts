// Signatory files: letters/<slug>/signatories/*.yaml, each one signatory (a mapping) or many (a sequence),
// so a signer adds one small file without merge conflicts and a staffer can paste a whole list.
import { existsSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { sha256 } from "../model/hash.ts";
import { SignatoryIndex, invisibleCharacters, legacyKeyName, mixedScripts } from "../common/names.ts";
import { DuplicateSignatoryError, EmptyFileError, FileTooLargeError, InvalidFieldError, StrayFileError, type ContentError } from "../model/errors.ts";
import { displayPath, displayPathIn, isInside, leadsOut, lstatOf, readContentFileSync, readFolder } from "./files.ts";
import { limits } from "../model/limits.ts";
import { SignatoryCache, type LoadOptions } from "./parse-cache.ts";
import { erasedSignatorySchema, isErasedEntry, signatorySchema, type SignatoryInput } from "../model/schema.ts";
import { isPlaceholder } from "../common/sign-fields.ts";
import type { Signatory } from "../model/types.ts";
import { validate } from "./validate.ts";
import { parseYaml, parseYamlFast, type ParsedYaml } from "./yaml.ts";

// The list's order (featured first, alphabetical by family name) has a file of its own.
export { orderSignatories } from "./order.ts";

export const SIGNATORIES_DIR = "signatories";
const YAML_EXTENSIONS = new Set([".yaml", ".yml"]);

/** Signatory files end in .yaml, or .yml as some editors save them, in either case. */
export function isYamlFile(name: string): boolean {
  return YAML_EXTENSIONS.has(extname(name).toLowerCase());
}

/**
 * As-listed order: the order of signatory file names, the same on every machine (no locale, no file
 * system order). The stem comes before the extension, so `jane-doe.yaml` precedes `jane-doe-2.yaml`
 * (a code-point sort put "-" before "."); numbers go by value, so `-2` precedes `-10`; letters ignore
 * case, as people read a listing. Names differing only in case put the lowercase one first (as the
 * tools write it), so its variant is the one reported as a duplicate.
 */
export function compareFileNames(a: string, b: string): number {
  const [stemA, extA] = splitExtension(a);
  const [stemB, extB] = splitExtension(b);
  return (
    compareNatural(stemA.toLowerCase(), stemB.toLowerCase()) ||
    compareNatural(extA.toLowerCase(), extB.toLowerCase()) ||
    byCodePoint(b, a) // reversed: "j" (U+006A) before "J" (U+004A)
  );
}

function splitExtension(name: string): [string, string] {
  const ext = extname(name);
  return [name.slice(0, name.length - ext.length), ext];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Code-point order, except that runs of digits compare by their value. */
function compareNatural(a: string, b: string): number {
  const x = a.split(/(\d+)/);
  const y = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i]!, y[i]!];
    if (p === q) continue;
    // split() with a capture group puts the digit runs at the odd indexes.
    if (i % 2 === 1) {
      const [m, n] = [p.replace(/^0+/, ""), q.replace(/^0+/, "")];
      return m.length - n.length || byCodePoint(m, n) || p.length - q.length;
    }
    // A text run that is a prefix of the other ends a name sooner ("jane-doe" before "jane-doe-2").
    return byCodePoint(p, q);
  }
  return x.length - y.length;
}

export async function loadSignatories(letterDir: string, root = dirname(dirname(letterDir)), options: LoadOptions = {}): Promise<{ signatories: Signatory[]; problems: ContentError[] }> {
  const dir = join(letterDir, SIGNATORIES_DIR);
  // loadSite refuses such a letter before reading it; `npm run sign` reads a letter's signatories alone.
  if (existsSync(dir) && !isInside(root, dir)) return { signatories: [], problems: [leadsOut(dir, "folder")] };
  // A letter may have no signatories yet (no folder).
  const { names, problem } = await readFolder(dir, {
    message: "This is not a folder, so no signatory of this letter is read.",
    hint: `Signatory files go in a folder named ${SIGNATORIES_DIR}: remove this file or rename it, and make that folder.`,
  });
  if (problem) return { signatories: [], problems: [problem] };
  names.sort(compareFileNames);
  const cache = new SignatoryCache(root, dir, options.cache);
  const shownIn = displayPathIn(dir);
  const signatories: Signatory[] = [];
  const problems: ContentError[] = [];
  for (const name of names) {
    const absolute = join(dir, name);
    if (name.startsWith(".")) continue;
    if (!isYamlFile(name)) {
      problems.push(
        new StrayFileError(displayPath(absolute), undefined, "This file is not a YAML file and is ignored.",
          "Signatory files end in .yaml; move other files out of the signatories folder."),
      );
      continue;
    }
    const stat = lstatOf(absolute, options.stats);
    const cached = stat?.isFile() ? cache.byStat(name, stat.size, stat.mtimeMs) : undefined;
    if (cached) {
      signatories.push(...shownFrom(cached.signatories, shownIn(name)));
      continue;
    }
    const read = readContentFileSync(absolute);
    if (read.problem) {
      problems.push(read.problem);
      continue;
    }
    const hash = sha256(read.text);
    const same = stat && cache.byHash(name, hash, stat.size, stat.mtimeMs);
    if (same) {
      signatories.push(...shownFrom(same.signatories, shownIn(name)));
      continue;
    }
    const result = parseSignatoryFile(read.text, shownIn(name));
    signatories.push(...result.signatories);
    problems.push(...result.problems);
    // Only clean parses are cached: a file with problems is read again until it is fixed.
    if (result.problems.length === 0 && stat) cache.set(name, { size: stat.size, mtimeMs: stat.mtimeMs, sha256: hash, signatories: result.signatories });
  }
  cache.save();
  const duplicates = findDuplicates(signatories);
  problems.push(...duplicates.problems);
  // A duplicate is reported once, here; left in the list it would also be checked against the releases
  // (a second "signed:" complaint, and so on) for an entry the fix is to delete.
  return { signatories: signatories.filter((s) => !duplicates.repeated.has(s)), problems };
}

/**
 * Cached entries with their file named as messages show it from this working directory: the cache is
 * shared by every command run on the site, from any folder (npm run check from the repository, a release
 * with --root from elsewhere), and a tool that writes to an entry's file must find it.
 */
function shownFrom(cached: readonly Signatory[], file: string): readonly Signatory[] {
  if (cached.every((s) => s.source.file === file)) return cached;
  return cached.map((s) => ({ ...s, source: { ...s.source, file } }));
}

/** Parses one signatory file's text; every entry is validated and every problem reported. */
export function parseSignatoryFile(text: string, file: string): { signatories: Signatory[]; problems: ContentError[] } {
  const fast = parseYamlFast(text, file);
  if (fast) {
    const result = signatoriesFrom(fast, file);
    if (result.problems.length === 0) return result;
  }
  // Problems are always found and described from the `yaml` package's reading (see yaml.ts).
  return signatoriesFrom(parseYaml(text, file), file);
}

function signatoriesFrom(parsed: ParsedYaml, file: string): { signatories: Signatory[]; problems: ContentError[] } {
  const fileName = basename(file);
  if (parsed.problems.length) return { signatories: [], problems: parsed.problems };
  const value = parsed.value;
  if (value === null || value === undefined) {
    return {
      signatories: [],
      problems: [new EmptyFileError(file, undefined, "This signatory file is empty.", 'Add at least "name: <your name>", or delete the file.')],
    };
  }
  if (Array.isArray(value) && value.length > limits.maxListLength) {
    return {
      signatories: [],
      problems: [new FileTooLargeError(file, { line: 1, column: 1 }, `This list has ${value.length.toLocaleString("en")} entries, over the limit of ${limits.maxListLength.toLocaleString("en")}.`,
        "Split it over several files in the same folder.")],
    };
  }
  const entries: { value: unknown; path: number[] }[] = Array.isArray(value)
    ? value.map((entry, i) => ({ value: entry, path: [i] }))
    : [{ value, path: [] }];
  const signatories: Signatory[] = [];
  const problems: ContentError[] = [];
  for (const entry of entries) {
    const where = { file, positionOf: parsed.positionOf };
    if (entry.value === null || typeof entry.value !== "object" || Array.isArray(entry.value)) {
      problems.push(
        new InvalidFieldError(file, parsed.positionOf(entry.path), "A signatory must be a mapping of fields (name: ..., affiliation: ...).",
          'Write each signatory as "name: ..." lines; in a list, start each one with "- name: ...".'),
      );
      continue;
    }
    if (isErasedEntry(entry.value)) {
      // Erased: nothing left to print or compare, only what keeps the released counts true.
      const erased = validate(erasedSignatorySchema, entry.value, where, entry.path);
      problems.push(...erased.problems);
      if (erased.data) signatories.push({ name: "", ...erased.data, key: erased.data.id, source: { file, ...parsed.positionOf(entry.path) } });
      continue;
    }
    const { data, problems: found } = validate(signatorySchema, entry.value, where, entry.path);
    const examples = data ? placeholders(data, parsed, file, entry.path) : [];
    problems.push(...found, ...tooLong(entry.value as Record<string, unknown>, parsed, file, entry.path), ...examples);
    if (!data || examples.length) continue;
    const position = parsed.positionOf(entry.path);
    const key = data.id ?? derivedId(signatoryKey(fileName, Array.isArray(value) ? data : undefined));
    signatories.push({ ...data, key, source: { file, ...position } });
  }
  return { signatories, problems };
}

/** What to write instead of a template's example, by field. */
const PLACEHOLDER_HINTS = {
  name: "Replace the placeholder with your name.",
  title: "Replace the placeholder with your role, or delete the line.",
  affiliation: "Replace the placeholder with the organisation you belong to, or delete the line.",
  url: "Replace the placeholder with your web page, or delete the line.",
} as const;

/**
 * The sign page's template left as it was ("Your Name", "Your organisation", in any of its languages):
 * an error, or the example would be published as somebody's signature.
 */
function placeholders(data: SignatoryInput, parsed: ParsedYaml, file: string, path: number[]): ContentError[] {
  return (Object.keys(PLACEHOLDER_HINTS) as (keyof typeof PLACEHOLDER_HINTS)[])
    .filter((key) => data[key] !== undefined && isPlaceholder(data[key]))
    .map((key) =>
      new InvalidFieldError(file, parsed.positionOf([...path, key]), `"${key}" is still the sign page's example, ${JSON.stringify(data[key])}.`, PLACEHOLDER_HINTS[key]),
    );
}

function tooLong(value: Record<string, unknown>, parsed: ParsedYaml, file: string, path: number[]): ContentError[] {
  return Object.entries(value)
    .filter(([, v]) => typeof v === "string" && v.length > limits.maxFieldLength)
    .map(([key]) =>
      new InvalidFieldError(file, parsed.positionOf([...path, key]), `"${key}" is longer than ${limits.maxFieldLength} characters.`,
        "Shorten it; long explanations belong in the letter, not in a signatory entry."),
    );
}

/**
 * The id of an entry that has no `id:` yet: a hash of its legacy key, so the records written before ids
 * (which hold those keys) name the same signature, and `check --fix` can write the id it already has.
 */
export function derivedId(legacyKey: string): string {
  // A letter first: bare hex can read as a number in YAML (123e4...), and an id is written unquoted.
  return `s${sha256(legacyKey).slice(0, 11)}`;
}

/**
 * A signatory's legacy identity (records written before ids). A one-signatory file is known by its file name, so
 * correcting a typo in the name keeps it; an entry of a list file by file name and normalised name,
 * so inserting names in the middle of a list moves nobody.
 */
export function signatoryKey(fileName: string, inList: { name: string; affiliation?: string } | undefined): string {
  if (!inList) return fileName;
  return `${fileName}#${legacyKeyName(inList.name)}${inList.affiliation ? ` (${legacyKeyName(inList.affiliation)})` : ""}`;
}

/**
 * Entries that repeat an earlier one (SignatoryIndex): the same name and affiliation however written,
 * the same but for invisible characters, or a look-alike in another script. Each is an error at the copy.
 */
function findDuplicates(signatories: readonly Signatory[]): { problems: ContentError[]; repeated: Set<Signatory> } {
  const index = new SignatoryIndex<Signatory>();
  const problems: ContentError[] = [];
  const repeated = new Set<Signatory>();
  for (const s of signatories) {
    if (s.erased) continue; // no name left to repeat
    const repetition = index.repeats(s);
    if (!repetition) continue;
    const { first, how } = repetition;
    repeated.add(s);
    const { file, line, column } = first.source;
    const at = `${file}:${line}:${column}`;
    const here = basename(s.source.file);
    const shown = (x: Signatory) => `${JSON.stringify(x.name)}${x.affiliation ? ` (${JSON.stringify(x.affiliation)})` : ""}`;
    // Jane-Doe.yaml beside jane-doe.yaml: one file on macOS and Windows, so the copy must go, not be renamed.
    const caseVariant = here !== basename(file) && here.toLowerCase() === basename(file).toLowerCase();
    if (how === "same") {
      problems.push(
        new DuplicateSignatoryError(s.source.file, s.source, `${shown(s)} is listed twice.`,
          caseVariant
            ? `The first entry is at ${at}, in a file whose name differs from this one only in case (macOS and Windows cannot hold both): delete ${here}.`
            : `The first entry is at ${at}; remove one of them.`),
      );
      continue;
    }
    const hidden = invisibleCharacters(`${s.name}${s.affiliation ?? ""}${first.name}${first.affiliation ?? ""}`);
    const mixed = mixedScripts(s.name) || mixedScripts(s.affiliation ?? "");
    problems.push(
      how === "invisible"
        ? new DuplicateSignatoryError(s.source.file, s.source, `${shown(s)} is listed twice: it differs from the entry at ${at} only by characters that show nothing (${hidden.join(", ")}).`,
            "Remove one of them: on the page both read the same.")
        : new DuplicateSignatoryError(s.source.file, s.source, `${shown(s)} looks the same as ${shown(first)} at ${at}, in letters of ${mixed ? `mixed scripts (${mixed})` : "another script"}.`,
            "Remove one of them; if they are different people, write each name in its own script only, so readers can tell them apart."),
    );
  }
  return { problems, repeated };
}
