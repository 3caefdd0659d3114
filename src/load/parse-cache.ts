// On-disk cache of parsed signatory files, so a rebuild costs what changed. One JSON file per
// signatories folder under <root>/.cache/signatories/, safe to delete. An entry is reused when the
// file's size and modification time are unchanged, or else when its content hash matches; a change in
// the parser, the schema or Node invalidates the whole cache.
import type { FileStats } from "./files.ts";
import { mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "../model/hash.ts";
import type { Signatory } from "../model/types.ts";

const require = createRequire(import.meta.url);
/** src/: the modules whose code decides what a parse produces are listed relative to it. */
const SOURCE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * A cache's version: its format, Node, the packages and the modules of src/ (paths relative to it)
 * whose code decides what is cached. Any change drops the whole cache.
 */
export function cacheVersion(format: number, packages: readonly string[], modules: readonly string[]): string {
  return sha256(
    JSON.stringify([
      format,
      process.version,
      ...packages.map((name) => (require(`${name}/package.json`) as { version: string }).version),
      ...modules.map((f) => readFileSync(join(SOURCE_DIR, f), "utf8")),
    ]),
  );
}

/** Everything that decides what parsing produces. */
const CACHE_VERSION = cacheVersion(3, ["yaml", "js-yaml", "zod"],
  ["model/schema.ts", "load/signatories.ts", "load/yaml.ts", "load/validate.ts", "load/files.ts", "model/limits.ts", "common/names.ts", "common/confusables.ts"]);

export interface CachedFile {
  size: number;
  mtimeMs: number;
  sha256: string;
  signatories: Signatory[];
}

interface CacheFile {
  version: string;
  files: Record<string, CachedFile>;
}

/** How content is loaded; the caller decides (BuildOptions.cache), this module reads no environment. */
export interface LoadOptions {
  /** The parse cache: off, nothing is read from or written to it. Default on. */
  cache?: boolean;
  /** The command's shared lstat results (check: the loader's and the lint's), when it has them. */
  stats?: FileStats;
}

export class SignatoryCache {
  private readonly path: string;
  private entries: Record<string, CachedFile> = {};
  private readonly used = new Set<string>();
  private dirty = false;
  /**
   * The parse's version. An entry's source file is recorded as messages showed it to the run that wrote
   * it (relative to its working directory); the loader names it afresh for each run (signatories.ts).
   */
  private readonly version = CACHE_VERSION;

  constructor(root: string, signatoriesDir: string, private readonly enabled = true) {
    const id = sha256(signatoriesDir).slice(0, 32);
    this.path = join(root, ".cache", "signatories", `${id}.json`);
    if (!enabled) return;
    try {
      const data = JSON.parse(readFileSync(this.path, "utf8")) as CacheFile;
      if (data.version === this.version) {
        this.entries = data.files;
        markUsed(this.path);
      }
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  /** A cached parse, if the file looks unchanged (same size and mtime). */
  byStat(name: string, size: number, mtimeMs: number): CachedFile | undefined {
    const entry = this.entries[name];
    if (entry && entry.size === size && entry.mtimeMs === mtimeMs) {
      this.used.add(name);
      return entry;
    }
    return undefined;
  }

  /** A cached parse of the same content (e.g. after a checkout changed the mtime). */
  byHash(name: string, sha256: string, size: number, mtimeMs: number): CachedFile | undefined {
    const entry = this.entries[name];
    if (entry && entry.sha256 === sha256) {
      this.used.add(name);
      if (entry.mtimeMs !== mtimeMs || entry.size !== size) {
        this.entries[name] = { ...entry, size, mtimeMs };
        this.dirty = true;
      }
      return this.entries[name];
    }
    return undefined;
  }

  set(name: string, entry: CachedFile): void {
    this.entries[name] = entry;
    this.used.add(name);
    this.dirty = true;
  }

  /** Writes the cache if it changed, dropping entries of files that no longer exist. */
  save(): void {
    if (this.enabled) saveCacheFile(this.path, this.version, this.entries, this.used, this.dirty);
  }
}

/**
 * Marks cache files as used by this run (their modification time, now): a deployment that keeps .cache/
 * between runs deletes what the last build left unmarked (.github/workflows/deploy.yml), so the cache
 * holds what the site needs, never every list it ever printed.
 */
export function markUsed(...paths: string[]): void {
  const now = new Date();
  for (const path of paths) {
    try {
      utimesSync(path, now, now);
    } catch {
      // gone meanwhile: nothing to keep
    }
  }
}

/**
 * Writes a cache of per-file entries (this one, the lint cache) if it changed or holds entries of files
 * not seen this run, which are dropped. Write then rename, so an interrupted run never leaves half a cache.
 */
export function saveCacheFile<T>(path: string, version: string, entries: Record<string, T>, used: ReadonlySet<string>, dirty: boolean): void {
  const stale = Object.keys(entries).filter((name) => !used.has(name));
  if (!dirty && stale.length === 0) return;
  for (const name of stale) delete entries[name];
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ version, files: entries }));
  renameSync(temp, path);
}
