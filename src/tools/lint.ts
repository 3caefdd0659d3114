// Checks beyond the schema, run by `npm run check`: things a reviewer of a signing pull request would
// otherwise catch by eye. They are warnings (a build still works) and some come with a safe fix that
// `--fix` applies. The loader's own errors are not repeated here.
import { DELIVERIES_FILE } from "../load/deliveries.ts";
import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from "yaml";
import {
  FileNameMismatchError, NameFormatError, NearDuplicateSignatoryError, OldRecordError, StrayFileError, UnsafeFileNameError, type ContentError, type Position,
} from "../model/errors.ts";
import { displayPath, displayPathIn, isInside, linksOutOf, lstatOf, readContentFile, type FileStats } from "../load/files.ts";
import { INTERFACE_TEXT_DIR } from "../load/interface-text.ts";
import { SignatoryIndex, nameKey, nearLookAlikeKeys } from "../common/names.ts";
import { BARE_DOMAIN } from "../common/safe-url.ts";
import { SIGNATORIES_DIR, compareFileNames, derivedId, isYamlFile, signatoryKey } from "../load/signatories.ts";
import { LETTERS_DIR } from "../load/site.ts";
import { SAFE_SIGNATORY_FILE, fileNameMatchesName, fileStemOf } from "../common/slug.ts";
import { VERSIONS_DIR, VERSIONS_FILE, parseRecord, recordedKeys, releaseRecords } from "../load/versions.ts";
import { parseYaml } from "../load/yaml.ts";
import { MODERATION_FILE, HoldList, heldWarning, holdKeys, loadSiteHolds, readModerationFile, type HeldField } from "./moderation.ts";
import { REVIEWED_FILE, heldOkLine, loadReviews, reviewLine, type ReviewedEntry, type Reviews } from "./reviewed.ts";
import { LintCache, type EntryFacts } from "./lint-cache.ts";

/** Replace `text.slice(start, end)`; `path`/`expected` let the fixer verify the result parses as intended. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  /** The same value written as a double-quoted scalar, tried when `text` does not read back as `expected`. */
  quoted: string;
  path: (string | number)[];
  expected: string;
}

export interface Fix {
  /** Absolute path of the file to change. */
  file: string;
  description: string;
  edits: Edit[];
  /** Absolute path to rename the file to, after its edits. */
  renameTo?: string;
}

export interface LintResult {
  problems: ContentError[];
  fixes: Fix[];
}

/** Fields printed as names or headings, where stray spaces show on the page. */
const TEXT_FIELDS = ["name", "title", "affiliation", "group"] as const;
/** What may sit in a letter folder besides letter*.md: the versions manifest and frozen texts (issue 4), reviewed warnings and held names. */
const LETTER_FOLDER_YAML = new Set([VERSIONS_FILE, REVIEWED_FILE, MODERATION_FILE, DELIVERIES_FILE]);
/** The fields a held name or word is looked for in. */
const HELD_FIELDS = ["name", "title", "affiliation"] as const;
const LETTER_SUBFOLDERS = new Set([SIGNATORIES_DIR, VERSIONS_DIR]);

/** `cache`: the lint cache (lint-cache.ts), on by default, off with the parse cache (BuildOptions.cache). */
export async function lintSite(root: string, { cache = true, stats }: { cache?: boolean; stats?: FileStats } = {}): Promise<LintResult> {
  const lettersDir = join(resolve(root), LETTERS_DIR);
  const result: LintResult = { problems: [], fixes: [] };
  if (!existsSync(lettersDir) || !isInside(root, lettersDir)) return result;
  // letters/moderation.yaml holds names for every letter: read, and its problems reported, once.
  const holds = await loadSiteHolds(lettersDir);
  result.problems.push(...holds.problems);
  const entries = (await readdir(lettersDir, { withFileTypes: true }))
    // letters/i18n/ is the site's interface text (checked by the loader, load/interface-text.ts), not a letter.
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== INTERFACE_TEXT_DIR)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    // A folder leading out of the repository is the loader's error, and never linted: --fix would write there.
    if (linksOutOf(root, join(lettersDir, entry.name)).length) continue;
    const letter = await lintLetterFolder(join(lettersDir, entry.name), holds.list, { root, cache, stats });
    result.problems.push(...letter.problems);
    result.fixes.push(...letter.fixes);
  }
  return result;
}

const isFolder = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

interface NameSeen extends ReviewedEntry {
  affiliation?: string;
  position: Position;
  /** A withdrawn signature may be given again, so it looks like nobody; reviewed.yaml may still name it. */
  withdrawn: boolean;
  /** The name's holdKeys (nearLookAlikeKeys), when the held-names check took them already. */
  keys?: string[];
}

async function lintLetterFolder(letterDir: string, siteHolds: HoldList, caching: { root: string; cache: boolean; stats?: FileStats }): Promise<LintResult> {
  const result: LintResult = { problems: [], fixes: [] };
  result.problems.push(...(await misplacedYaml(letterDir)), ...oldRecords(letterDir));
  // The letter's own held names, on top of the site's (an entry the site holds already is a warning).
  const holds = siteHolds.with(new HoldList());
  result.problems.push(...(await readModerationFile(join(letterDir, MODERATION_FILE), holds)));
  const held: HeldField[] = [];
  const dir = join(letterDir, SIGNATORIES_DIR);
  // The loader's order, so "the first entry" of a duplicate is the same one in both.
  // Not a folder (a file or pipe in its place): the loader reports it.
  const names = isFolder(dir) ? (await readdir(dir)).sort(compareFileNames) : [];
  const seen: NameSeen[] = [];
  const taken = new TakenNames(names);
  const released = recordedKeys(letterDir);
  const signatories = new SignatoryIndex<{ name: string; affiliation?: string }>();
  const cache = new LintCache(caching.root, dir, caching.cache);
  const shownIn = displayPathIn(dir);
  for (const name of names) {
    if (name.startsWith(".") && /\.ya?ml$/i.test(name)) {
      const target = freeName(fileStemOf(name.replace(/^\.+/, "").replace(/\.ya?ml$/i, "")), name, taken);
      result.problems.push(
        new StrayFileError(displayPath(join(dir, name)), undefined, "This file is hidden (its name starts with a dot), so it is not read: the signature in it would be lost.",
          `Rename it to ${target} if it holds a signature, or delete it.`).asWarning(),
      );
    }
    if (name.startsWith(".") || !isYamlFile(name)) continue;
    const absolute = join(dir, name);
    const stat = lstatOf(absolute, caching.stats);
    const facts = stat?.isFile() ? cache.get(name, stat.size, stat.mtimeMs) : undefined;
    let file;
    if (facts) file = acrossFiles(facts, shownIn(name), signatories, holds);
    else {
      const read = await readContentFile(absolute);
      if (read.problem) continue; // the loader reports it
      file = lintSignatoryFile(read.text, absolute, taken, released, signatories, holds);
      if (file.clean && stat) cache.set(name, stat.size, stat.mtimeMs, file.facts);
    }
    result.problems.push(...file.problems);
    result.fixes.push(...file.fixes);
    seen.push(...file.names);
    held.push(...file.held);
  }
  cache.save();
  const reviews = await loadReviews(letterDir);
  result.problems.push(...heldSignatories(held, reviews), ...nearDuplicates(seen, reviews), ...reviews.problems(seen));
  return result;
}

/**
 * One signatory file: spacing and capitals of names, URLs without a scheme (the loader reports the
 * error; this adds the fix) and a one-signatory file named after someone else. `taken` holds the file
 * names in the folder, so two renames never pick the same name. Detection runs per entry; what it finds
 * is then gathered into at most one Fix (edits, then the rename).
 *
 * `signatories` holds the entries of the files linted before this one, in the loader's order. An entry
 * that repeats one of them (the same, or a look-alike in another script) is the loader's duplicate error,
 * reported once: it gets no warning of its own, and its file is never renamed as if it were a namesake
 * (jane-doe-2.yaml).
 */
export function lintSignatoryFile(
  text: string,
  absolute: string,
  taken: TakenNames = new TakenNames(),
  released: ReadonlySet<string> = new Set(),
  signatories: SignatoryIndex<{ name: string; affiliation?: string }> = new SignatoryIndex(),
  holds: HoldList = new HoldList(),
): LintFileResult {
  const file = displayPath(absolute);
  const parsed = parseYaml(text, file);
  const out: LintFileResult = { problems: [], fixes: [], names: [], held: [], facts: [], clean: false };
  if (parsed.problems.length) return out; // the loader reports syntax errors
  const found: Findings = { problems: out.problems, edits: [], descriptions: [] };
  let duplicates = 0;
  for (const entry of signatoryEntries(parsed.doc.contents)) {
    const at = { file, positionOf: parsed.positionOf, entry };
    const name = field(at, "name")?.value as string | undefined;
    if (name !== undefined && signatories.repeats({ name, affiliation: field(at, "affiliation")?.value as string | undefined })) {
      duplicates++;
      continue;
    }
    findSpacing(at, found);
    findCapitals(at, found);
    findBareUrl(at, found);
    const facts = entryFacts(at);
    out.facts.push(facts);
    if (facts) seenAndHeld(facts, file, holds, out);
  }
  const renameTo = duplicates ? undefined : planRename(parsed.doc.contents, absolute, file, taken, released, found);
  if (found.edits.length || renameTo) out.fixes.push({ file: absolute, description: found.descriptions.join(", "), edits: found.edits, renameTo });
  // Nothing found in the file itself, and no entry skipped as another's duplicate: its facts can stand
  // for it next time (lint-cache.ts). Held names are looked for again, from the facts, every time.
  out.clean = out.problems.length === 0 && out.fixes.length === 0 && duplicates === 0;
  return out;
}

export interface LintFileResult extends LintResult {
  names: NameSeen[];
  held: HeldField[];
  /** The file's entries as the checks across files need them, for the lint cache. */
  facts: (EntryFacts | null)[];
  /** Whether the file's own checks found nothing: then its facts may be cached. */
  clean: boolean;
}

/**
 * A clean file from the lint cache: its own checks found nothing the last time and its content is the
 * same, so only the checks across files run, from its facts, in the same order as a fresh lint.
 */
function acrossFiles(facts: (EntryFacts | null)[], file: string, signatories: SignatoryIndex<{ name: string; affiliation?: string }>, holds: HoldList): LintFileResult {
  const out: LintFileResult = { problems: [], fixes: [], names: [], held: [], facts, clean: true };
  for (const entry of facts) {
    if (entry && !signatories.repeats({ name: entry.name, affiliation: entry.affiliation })) seenAndHeld(entry, file, holds, out);
  }
  return out;
}

/** The entry's name for the near-duplicate check, and its held names and words (moderation.ts). */
function seenAndHeld(facts: EntryFacts, file: string, holds: HoldList, out: { names: NameSeen[]; held: HeldField[] }): void {
  const seen: NameSeen = { name: facts.name, affiliation: facts.affiliation, file, inList: facts.inList, position: facts.position, withdrawn: facts.withdrawn };
  out.names.push(seen);
  if (holds.size && !seen.withdrawn) out.held.push(...findHeld(facts, seen, holds));
}

/** What the checks of one file found: warnings, and the edits that fix them with a word on each. */
interface Findings {
  problems: ContentError[];
  edits: Edit[];
  descriptions: string[];
}

interface Entry {
  map: YAMLMap;
  /** Path of the entry in the file: [] for a one-signatory file, [i] for the i-th of a list. */
  path: number[];
}

/** Where a check looks: one entry of one file. */
interface EntryContext {
  file: string;
  positionOf: (path: (string | number)[]) => Position;
  entry: Entry;
}

/** The mappings of a file: itself when it is one, the mappings of a list; anything else is the loader's error. */
function signatoryEntries(root: unknown): Entry[] {
  if (isMap(root)) return [{ map: root, path: [] }];
  if (isSeq(root)) return root.items.flatMap((item, i) => (isMap(item) ? [{ map: item, path: [i] }] : []));
  return [];
}

const field = ({ entry }: EntryContext, key: string) => stringScalar(entry.map.get(key, true));

/** Stray, doubled or odd spaces in printed fields, and the edit that collapses them. */
function findSpacing(at: EntryContext, found: Findings): void {
  for (const key of TEXT_FIELDS) {
    const node = field(at, key);
    if (!node) continue;
    const text = node.value as string;
    const fixed = text.replace(/\s+/g, " ").trim();
    if (fixed === text || fixed === "") continue;
    const what = text !== text.trim() ? "has spaces at its start or end" : /\s{2,}/.test(text) ? "has doubled spaces" : "has a tab or line break";
    const path = [...at.entry.path, key];
    found.problems.push(
      new NameFormatError(at.file, at.positionOf(path), `"${key}" ${what}: ${JSON.stringify(text)}.`,
        `Write it as ${JSON.stringify(fixed)} (npm run check -- --fix does this).`).asWarning(),
    );
    found.edits.push(replaceScalar(node, fixed, path));
    found.descriptions.push(`${key} ${JSON.stringify(fixed)}`);
  }
}

/** A person's name in capitals; no fix, since only the person knows how they write it. */
function findCapitals(at: EntryContext, found: Findings): void {
  const name = field(at, "name");
  // Organisations often write their names in capitals (acronyms), so only people are flagged.
  if (!name || field(at, "type")?.value === "organization" || !isAllCaps(name.value as string)) return;
  found.problems.push(
    new NameFormatError(at.file, at.positionOf([...at.entry.path, "name"]), `"name" is written in capitals: ${JSON.stringify(name.value)}.`,
      `Write it as the person writes it, e.g. ${JSON.stringify(titleCase(name.value as string))}; pages and PDFs print it exactly as written.`).asWarning(),
  );
}

/** A URL without a scheme: the loader reports the error, this adds the https:// fix. */
function findBareUrl(at: EntryContext, found: Findings): void {
  const url = field(at, "url");
  if (!url || !BARE_DOMAIN.test(url.value as string)) return;
  const fixed = `https://${url.value as string}`;
  found.edits.push(replaceScalar(url, fixed, [...at.entry.path, "url"]));
  found.descriptions.push(`url ${JSON.stringify(fixed)}`);
}

/** What the checks across files need of an entry (names, where they are), or null if it has no name. */
function entryFacts(at: EntryContext): EntryFacts | null {
  const name = field(at, "name");
  if (!name) return null;
  const fields: EntryFacts["fields"] = {};
  for (const key of HELD_FIELDS) if (field(at, key)) fields[key] = at.positionOf([...at.entry.path, key]);
  return {
    name: name.value as string,
    affiliation: field(at, "affiliation")?.value as string | undefined,
    title: field(at, "title")?.value as string | undefined,
    inList: at.entry.path.length > 0,
    withdrawn: field(at, "withdrawn") !== undefined,
    position: at.positionOf(at.entry.path),
    fields,
  };
}

/**
 * The entry's fields that match a held name or word (moderation.ts). The name's keys are kept for the
 * near-duplicate check, which needs the same ones: one normalisation per name for both.
 */
function findHeld(facts: EntryFacts, seen: NameSeen, holds: HoldList): HeldField[] {
  const found: HeldField[] = [];
  for (const key of HELD_FIELDS) {
    const value = key === "name" ? seen.name : facts[key];
    const position = facts.fields[key];
    if (value === undefined || !position) continue;
    // Names are mostly unique: not remembered, and their keys kept. Roles and affiliations repeat.
    const items = key === "name" ? holds.matches(value, (seen.keys = holdKeys(value))) : holds.matches(value);
    if (items.length) found.push({ name: seen.name, file: seen.file, field: key, value, position, items });
  }
  return found;
}

/** A warning for each held field, unless reviewed.yaml says under held_ok: that a maintainer checked its entry. */
function heldSignatories(held: readonly HeldField[], reviews: Reviews): ContentError[] {
  return held
    .filter((h) => !reviews.heldOk({ name: h.name, file: h.file, inList: false }))
    .map((h) => heldWarning(h, heldOkLine(h), reviews.file));
}

/**
 * The new path of a signatory file with its problem, or undefined: a name that is not safe (see
 * SAFE_SIGNATORY_FILE: `#jane.yaml`, `Jane Doe.yaml`, `张伟.yaml`, a line break), a one-signatory file
 * not named after its signatory, and any file ending in .yml (or .YAML). The loader reads them all, but
 * one spelling keeps reviewers, the schema mapping in .vscode/settings.json and the tools on the same
 * files, and an unsafe name is an error until a release has recorded every entry of the file: a new
 * signature gets a safe name before it is released. A file whose entries a release recorded without an
 * id: line keeps its name, since their identity is derived from it (see keepsName); once they have ids
 * (`check --fix` writes them for old records first), any rename is safe.
 */
function planRename(root: unknown, absolute: string, file: string, taken: TakenNames, released: ReadonlySet<string>, found: Findings): string | undefined {
  const single = isMap(root) ? stringScalar(root.get("name", true)) : undefined;
  const ext = extname(absolute);
  const base = basename(absolute, ext);
  const current = `${base}${ext}`;
  const misnamed = single !== undefined && !fileNameMatchesName(base, single.value as string);
  const unsafe = !SAFE_SIGNATORY_FILE.test(`${base}${YAML_EXTENSION}`);
  if (!misnamed && !unsafe && ext === YAML_EXTENSION) return undefined;
  const kept = keepsName(root, current, released);
  const target = freeName(misnamed ? fileStemOf(single.value as string) : unsafe ? fileStemOf(base) : base, current, taken);
  const at = { line: 1, column: 1 };
  if (unsafe) {
    const what = `The file name ${JSON.stringify(current)} is not a safe signatory file name: lower-case letters a to z, digits and hyphens, then ${YAML_EXTENSION}.`;
    if (kept) {
      found.problems.push(new UnsafeFileNameError(file, at, what,
        `It keeps its name for now: a release recorded its entries by it. Run npm run check -- --fix: it writes their ids, and the next --fix renames it to ${target}.`).asWarning());
      return undefined;
    }
    const problem = new UnsafeFileNameError(file, at, what,
      released.size && allReleased(root, current, released)
        ? `Rename it to ${target} (npm run check -- --fix does this); its released entries keep their ids.`
        : `Rename it to ${target} (npm run check -- --fix does this) before it is released.`);
    found.problems.push(released.size && allReleased(root, current, released) ? problem.asWarning() : problem);
  } else if (kept) {
    return undefined;
  } else {
    found.problems.push(
      misnamed
        ? new FileNameMismatchError(file, at, `The file name "${current}" does not match the name ${JSON.stringify(single.value)}.`,
            `Rename it to ${target} (npm run check -- --fix does this), so reviewers find each signatory by name.`).asWarning()
        : new FileNameMismatchError(file, at, `Signatory files end in ${YAML_EXTENSION}, not ${ext}.`,
            `Rename it to ${target} (npm run check -- --fix does this); it is read either way.`).asWarning(),
    );
  }
  taken.add(target);
  found.descriptions.push(`renamed to ${target}`);
  return join(absolute, "..", target);
}

/** Whether every entry of the file was recorded by a release (by its id:, or the id its key derives to). */
function allReleased(root: unknown, fileName: string, released: ReadonlySet<string>): boolean {
  const entries = signatoryEntries(root);
  return entries.length > 0 && entries.every(({ map, path }) => released.has(entryId(map, path, fileName)));
}

/** The id an entry is recorded by: its `id:`, or the one derived from its legacy key. */
function entryId(map: YAMLMap, path: number[], fileName: string): string {
  const id = stringScalar(map.get("id", true))?.value as string | undefined;
  if (id !== undefined) return id;
  const name = stringScalar(map.get("name", true))?.value as string | undefined;
  const affiliation = stringScalar(map.get("affiliation", true))?.value as string | undefined;
  return derivedId(signatoryKey(fileName, path.length ? { name: name ?? "", affiliation } : undefined));
}

/**
 * Whether renaming the file would change a released signature's identity: an entry without `id:` is
 * known by the id derived from its file name (and, in a list, its name), which a release recorded.
 */
function keepsName(root: unknown, fileName: string, released: ReadonlySet<string>): boolean {
  return signatoryEntries(root).some(({ map, path }) => {
    if (map.has("id")) return false;
    const name = stringScalar(map.get("name", true))?.value as string | undefined;
    const affiliation = stringScalar(map.get("affiliation", true))?.value as string | undefined;
    const inList = path.length ? { name: name ?? "", affiliation } : undefined;
    return released.has(derivedId(signatoryKey(fileName, inList)));
  });
}

/** The extension the tools write, and the one a signatory file is renamed to. */
const YAML_EXTENSION = ".yaml";

function stringScalar(node: unknown): Scalar | undefined {
  return isScalar(node) && typeof node.value === "string" && node.range ? node : undefined;
}

/** An edit that rewrites a scalar's value in place, keeping its quoting style, its comment and the rest of the line. */
function replaceScalar(node: Scalar, value: string, path: (string | number)[]): Edit {
  const [start, end] = node.range!;
  const quoted = JSON.stringify(value);
  const text = node.type === "PLAIN" ? value : node.type === "QUOTE_SINGLE" ? `'${value.replace(/'/g, "''")}'` : quoted;
  return { start, end, text, quoted, path, expected: value };
}

/**
 * `jane-doe.yaml`, or `jane-doe-2.yaml` if that name is taken in the folder. Taken ignores case, as
 * macOS and Windows do (Jane-Doe.yaml and jane-doe.yaml are one file there), except for the file being
 * renamed itself, so Jane-Doe.yaml can become jane-doe.yaml.
 */
function freeName(slug: string, self: string, taken: TakenNames): string {
  for (let n = 1; ; n++) {
    const name = `${slug}${n === 1 ? "" : `-${n}`}${YAML_EXTENSION}`;
    if (!taken.holdsOtherThan(name, self)) return name;
  }
}

/**
 * The file names of a folder (and the renames planned), ignoring case: looked up per file, so it is
 * kept by lower-cased name rather than searched (100,000 files made that search quadratic).
 */
export class TakenNames {
  private readonly byLowerCase = new Map<string, Set<string>>();

  constructor(names: Iterable<string> = []) {
    for (const name of names) this.add(name);
  }

  add(name: string): void {
    const key = name.toLowerCase();
    const names = this.byLowerCase.get(key) ?? new Set();
    this.byLowerCase.set(key, names.add(name));
  }

  /** Whether a name other than `self` is `name`, ignoring case. */
  holdsOtherThan(name: string, self: string): boolean {
    const names = this.byLowerCase.get(name.toLowerCase());
    return names !== undefined && [...names].some((n) => n !== self);
  }
}

/** A person's name in capitals: two or more words of at least two letters, no lowercase letter. */
export function isAllCaps(name: string): boolean {
  const words = name.split(/\s+/).filter((w) => (w.match(/\p{Lu}/gu) ?? []).length >= 2);
  return words.length >= 2 && !/\p{Ll}/u.test(name);
}

function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}

/**
 * Exact duplicates (same name and affiliation) and look-alikes in another script are the loader's
 * errors; here: same name however written, or looking alike in one script ("Amie" and "Arnie"). Each
 * entry is compared with those before it of the same name, and warned about once: with the first one
 * that reviewed.yaml does not call a different person.
 */
function nearDuplicates(seen: readonly NameSeen[], reviews: Reviews): ContentError[] {
  const earlier = new Map<string, NameSeen[]>();
  const order = new Map<NameSeen, number>();
  const problems: ContentError[] = [];
  for (const s of seen) {
    const keys = s.keys ?? nearLookAlikeKeys(s.name).filter(Boolean);
    if (!keys.length || s.withdrawn) continue;
    // In the order they came: a name can be found under two keys (see nearLookAlikeKeys).
    const before = keys.length === 1 ? (earlier.get(keys[0]!) ?? []) : [...new Set(keys.flatMap((key) => earlier.get(key) ?? []))].sort((x, y) => order.get(x)! - order.get(y)!);
    // Reviews are asked about every earlier entry, so each pair that silences a warning counts as used.
    const alike = before.filter((e) => nameKey(e) !== nameKey(s) && !reviews.differentPeople(e, s));
    order.set(s, order.size);
    for (const key of keys) {
      const list = earlier.get(key);
      if (list) list.push(s);
      else earlier.set(key, [s]);
    }
    const first = alike[0];
    if (!first) continue;
    const where = `${first.file}:${first.position.line}:${first.position.column}`;
    const also = (x: NameSeen) => `${JSON.stringify(x.name)}${x.affiliation ? ` (${x.affiliation})` : ""}`;
    problems.push(
      new NearDuplicateSignatoryError(s.file, s.position, `${also(s)} looks like ${also(first)} at ${where}.`,
        `If this is the same signatory, keep one entry; if they are different people, add ${reviewLine(first, s)} under different_people: in ${reviews.file} to mark this warning as reviewed.`).asWarning(),
    );
  }
  return problems;
}

/** Release records that still name signatories: a spelling fix in a list file would read as a deletion. */
function oldRecords(letterDir: string): ContentError[] {
  return releaseRecords(letterDir)
    .filter(({ text }) => parseRecord(text).legacy)
    .map(({ file: record }) =>
      new OldRecordError(displayPath(record), { line: 1, column: 1 }, "This release record names signatories instead of their ids, so correcting a name in a list file would read as a deleted signature.",
        "Run npm run check -- --fix once: it writes each released entry's id and converts the record (the frozen texts and their hashes do not change).").asWarning(),
    );
}

/** YAML files in a letter folder that the loader never reads: a signature put in the wrong place is lost. */
async function misplacedYaml(letterDir: string): Promise<ContentError[]> {
  const problems: ContentError[] = [];
  const slug = basename(letterDir);
  const walk = async (dir: string, top: boolean): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!(top && LETTER_SUBFOLDERS.has(entry.name))) await walk(path, false);
      } else if (isYamlFile(entry.name) && !(top && LETTER_FOLDER_YAML.has(entry.name))) {
        problems.push(
          new StrayFileError(displayPath(path), undefined, "This YAML file is not read: it is not in the letter's signatories folder.",
            `Move signatory files to letters/${slug}/${SIGNATORIES_DIR}/.`).asWarning(),
        );
      }
    }
  };
  await walk(letterDir, true);
  return problems;
}
