// The letters of one tree (the working tree, or a git ref extracted to a folder), read leniently: a broken
// file still leaves the rest comparable. `npm run changes` compares two of these.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { sha256 } from "../model/hash.ts";
import { isInside, linksOutOf, readContentFile } from "../load/files.ts";
import { LETTER_FILE, parseLetterFile } from "../load/letters.ts";
import { SIGNATORIES_DIR, compareFileNames, isYamlFile } from "../load/signatories.ts";
import { LETTERS_DIR } from "../load/site.ts";
import type { LetterStatus } from "../model/types.ts";
import { VERSIONS_FILE } from "../load/versions.ts";
import { parseYaml } from "../load/yaml.ts";

/** A signatory as written, valid or not: the summary lists a broken entry too (and `check` flags it). */
export interface SnapshotSignatory {
  name: string;
  affiliation?: string;
  withdrawn?: string;
  /** Set for an erased entry (npm run withdraw -- --erase): no name left, `name` is empty. */
  erased?: string;
  /** Every field as written, for comparing. */
  fields: Record<string, unknown>;
  /** Path from letters/, e.g. my-letter/signatories/jane-doe.yaml. */
  path: string;
  /** Position in its file; `single` when the file holds one mapping rather than a list. */
  index: number;
  single: boolean;
}

export interface VersionEntry {
  version: string;
  date?: string;
  notes?: string;
}

export interface LetterSnapshot {
  folder: string;
  title?: string;
  status?: LetterStatus;
  signatories: SnapshotSignatory[];
  versions: VersionEntry[];
  /** Every file of the letter folder (path from the folder) and a hash of its content. */
  files: Map<string, string>;
}

export async function loadSnapshot(root: string): Promise<Map<string, LetterSnapshot>> {
  const lettersDir = join(resolve(root), LETTERS_DIR);
  const letters = new Map<string, LetterSnapshot>();
  // What leads out of the tree is the loader's error, and never read: the summary would print it.
  if (!existsSync(lettersDir) || !isInside(root, lettersDir)) return letters;
  const folders = (await readdir(lettersDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !linksOutOf(root, join(lettersDir, e.name)).length)
    .map((e) => e.name)
    .sort();
  for (const folder of folders) {
    const dir = join(lettersDir, folder);
    const snapshot: LetterSnapshot = { folder, signatories: [], versions: [], files: await hashFiles(dir) };
    const letterFile = join(dir, LETTER_FILE);
    if (existsSync(letterFile)) {
      const read = await readContentFile(letterFile);
      const parsed = read.text === undefined ? undefined : parseLetterFile(read.text, letterFile);
      snapshot.title = parsed?.frontMatter?.title;
      snapshot.status = parsed?.frontMatter ? (parsed.frontMatter.status ?? "open") : undefined;
    }
    snapshot.signatories = await readSignatories(join(dir, SIGNATORIES_DIR), `${folder}/${SIGNATORIES_DIR}`);
    snapshot.versions = await readVersions(join(dir, VERSIONS_FILE));
    letters.set(folder, snapshot);
  }
  return letters;
}

/** Reads the manifest leniently: a list of entries, or a mapping with a `versions:` list. */
async function readVersions(file: string): Promise<VersionEntry[]> {
  if (!existsSync(file)) return [];
  const read = await readContentFile(file);
  if (read.text === undefined) return [];
  const value = parseYaml(read.text, file).value as unknown;
  const list = Array.isArray(value) ? value : (value as { versions?: unknown } | null)?.versions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    if (entry === null || typeof entry !== "object" || !("version" in entry)) return [];
    const { version, date, notes } = entry as Record<string, unknown>;
    return [{ version: String(version), date: date === undefined ? undefined : String(date), notes: typeof notes === "string" ? notes : undefined }];
  });
}

/** Every entry with a name, or erased, in file order then order within a file; nothing is validated here. */
async function readSignatories(dir: string, prefix: string): Promise<SnapshotSignatory[]> {
  if (!existsSync(dir)) return [];
  const out: SnapshotSignatory[] = [];
  for (const name of (await readdir(dir)).sort(compareFileNames)) {
    if (!isYamlFile(name)) continue;
    const read = await readContentFile(join(dir, name));
    if (read.text === undefined) continue;
    const value = parseYaml(read.text, name).value;
    const entries = Array.isArray(value) ? value : [value];
    entries.forEach((entry, index) => {
      if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return;
      const fields = entry as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === "string" ? v : undefined);
      const erased = text(fields.erased);
      if (typeof fields.name !== "string" && erased === undefined) return;
      out.push({
        name: typeof fields.name === "string" ? fields.name : "",
        affiliation: text(fields.affiliation),
        withdrawn: text(fields.withdrawn),
        ...(erased !== undefined ? { erased } : {}),
        fields,
        path: `${prefix}/${name}`,
        index,
        single: !Array.isArray(value),
      });
    });
  }
  return out;
}

async function hashFiles(dir: string, prefix = ""): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [p, h] of await hashFiles(join(dir, entry.name), path)) files.set(p, h);
    else if (entry.isFile()) files.set(path, sha256(await readFile(join(dir, entry.name))));
  }
  return files;
}
