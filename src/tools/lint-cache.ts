// On-disk cache of what the lint rules found in each clean signatory file (no warning, no fix), so a
// warm `npm run check` does not read and parse 100,000 files again: only the facts the checks across
// files need (names for duplicates, near-duplicates and held names) are kept. One JSON file per
// signatories folder under <root>/.cache/lint/, safe to delete; an entry is used while the file's size
// and modification time are unchanged, and a change in the rules' code or the YAML parser drops them all.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sha256 } from "../model/hash.ts";
import type { Position } from "../model/errors.ts";
import { cacheVersion, markUsed, saveCacheFile } from "../load/parse-cache.ts";

/** Everything that decides what the rules find in one file. */
const VERSION = cacheVersion(1, ["yaml"],
  ["tools/lint.ts", "tools/lint-cache.ts", "tools/moderation.ts", "common/names.ts", "common/slug.ts", "common/safe-url.ts", "load/yaml.ts", "load/signatories.ts"]);

/** An entry of a file as the checks across files see it; `null` for an entry without a name. */
export interface EntryFacts {
  name: string;
  affiliation?: string;
  title?: string;
  inList: boolean;
  withdrawn: boolean;
  position: Position;
  /** Where the fields that held names and words are looked for are. */
  fields: Partial<Record<"name" | "title" | "affiliation", Position>>;
}

interface Entry {
  size: number;
  mtimeMs: number;
  entries: (EntryFacts | null)[];
}

export class LintCache {
  private readonly path: string;
  private entries: Record<string, Entry> = {};
  private readonly used = new Set<string>();
  private dirty = false;

  constructor(root: string, signatoriesDir: string, private readonly enabled = true) {
    this.path = join(root, ".cache", "lint", `${sha256(signatoriesDir).slice(0, 32)}.json`);
    if (!enabled) return;
    try {
      const data = JSON.parse(readFileSync(this.path, "utf8")) as { version: string; files: Record<string, Entry> };
      if (data.version === VERSION) {
        this.entries = data.files;
        markUsed(this.path);
      }
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  /** The facts of a clean file, if it looks unchanged. */
  get(name: string, size: number, mtimeMs: number): (EntryFacts | null)[] | undefined {
    const entry = this.entries[name];
    if (!this.enabled || !entry || entry.size !== size || entry.mtimeMs !== mtimeMs) return undefined;
    this.used.add(name);
    return entry.entries;
  }

  set(name: string, size: number, mtimeMs: number, entries: (EntryFacts | null)[]): void {
    this.entries[name] = { size, mtimeMs, entries };
    this.used.add(name);
    this.dirty = true;
  }

  /** Writes the cache if it changed, dropping files no longer there or no longer clean. */
  save(): void {
    if (this.enabled) saveCacheFile(this.path, VERSION, this.entries, this.used, this.dirty);
  }
}
