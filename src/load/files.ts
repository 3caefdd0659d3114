// Reading content files defensively: size limit, no symlinks, UTF-8 only, BOM and CRLF normalised; and
// content folders only inside the repository.
import { lstatSync, readFileSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative } from "node:path";
import { FileTooLargeError, OpenLettersError, OutsideRepositoryError, UnsafeFileError, type ContentError } from "../model/errors.ts";
import { limits } from "../model/limits.ts";

export type ReadResult = { text: string; problem?: undefined } | { text?: undefined; problem: ContentError };

/** Path as shown in messages: relative to the working directory, with forward slashes. */
export function displayPath(absolute: string): string {
  return relative(process.cwd(), absolute).split("\\").join("/") || ".";
}

/**
 * displayPath for the files of one folder, by name: the folder's path is worked out once (a signatories
 * folder of 100,000 files otherwise makes 100,000 relative paths from the working directory).
 */
export function displayPathIn(dir: string): (name: string) => string {
  const shown = displayPath(dir);
  return (name) => (shown === "." ? name : `${shown}/${name}`);
}

// Synchronous on purpose: content files are small and many (one per signatory); awaiting the thread pool
// for each of 100,000 files costs ten times more than reading them directly.
export async function readContentFile(absolute: string): Promise<ReadResult> {
  return readContentFileSync(absolute);
}

export function readContentFileSync(absolute: string): ReadResult {
  const file = displayPath(absolute);
  const stat = lstatSync(absolute);
  if (stat.isSymbolicLink()) {
    return {
      problem: new UnsafeFileError(file, undefined, "This file is a symbolic link; content files must be regular files.",
        "Replace the link with a copy of the file it points to."),
    };
  }
  if (!stat.isFile()) {
    return {
      problem: new UnsafeFileError(file, undefined, "This is not a regular file (a folder, device or pipe with a content file's name).",
        "Remove it or rename it; content files are plain text files."),
    };
  }
  if (stat.size > limits.maxFileBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return {
      problem: new FileTooLargeError(file, undefined, `This file is ${mb(stat.size)}, over the ${mb(limits.maxFileBytes)} limit.`,
        "Split the signatories over several files in the same folder."),
    };
  }
  const bytes = readFileSync(absolute);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const lossy = bytes.toString("utf8");
    const at = lossy.indexOf("\uFFFD");
    const before = lossy.slice(0, Math.max(at, 0));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return {
      problem: new UnsafeFileError(file, { line, column }, "This file is not valid UTF-8 text.",
        "Save it as UTF-8 (in most editors: File > Save with encoding > UTF-8)."),
    };
  }
  return { text: normaliseNewlines(text) };
}

/** A BOM and Windows line endings are harmless; drop and unify them so positions and hashes are stable. */
export function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

// ---- Staying inside the repository ----
// A symbolic link is one line in a pull request: `letters/y/signatories -> /home/runner/...` made the site
// read a folder outside the repository (publishing what it holds) and `check --fix` rename files there.
// Content files are refused as links when read (above); folders are checked here, since a file inside a
// linked folder is a plain file to lstat.

/** Whether `path`, every link followed, is `root` or inside it (false for a link to nothing). */
export function isInside(root: string, path: string): boolean {
  try {
    const rel = relative(realpathSync(root), realpathSync(path));
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  } catch {
    return false;
  }
}

/**
 * The names in the folder `dir`: none when there is nothing by that name, and a problem (nothing read)
 * when something else has its name. A file or a pipe where a folder of content goes would otherwise fail
 * a read as on a bug, or be taken for an empty folder and lose what belongs in it unseen.
 */
export async function readFolder(dir: string, what: { message: string; hint: string }): Promise<{ names: string[]; problem?: ContentError }> {
  try {
    return { names: await readdir(dir) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { names: [] };
    return { names: [], problem: new UnsafeFileError(displayPath(dir), undefined, what.message, what.hint) };
  }
}

/** The error for a file or folder that leads out of the repository. */
export function leadsOut(path: string, what: "file" | "folder"): ContentError {
  return new OutsideRepositoryError(displayPath(path), undefined,
    `This ${what} is a symbolic link that leads out of the repository (or to nothing): content is read, and fixed, only inside the repository.`,
    `Replace the link with a copy of the ${what === "file" ? "file" : "folder and its files"}, so a review of the repository sees all of it.`);
}

/**
 * lstat, asked once per file by the passes of one command (`npm run check` loads and lints every
 * signatory file: 100,000 files are 200,000 system calls otherwise). Made per command, never kept: a
 * file that changes between two commands is seen afresh.
 */
export class FileStats {
  // What the caches compare, not the whole Stats object: 100,000 of those held to the end of a check
  // are garbage collection time.
  private readonly made = new Map<string, FileStat | undefined>();

  /** The file's lstat, or undefined when it is gone. */
  lstat(path: string): FileStat | undefined {
    if (this.made.has(path)) return this.made.get(path);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    const kept = stat && fileStat(stat);
    this.made.set(path, kept);
    return kept;
  }
}

/** What of an lstat the parse and lint caches use: a plain file's size and modification time. */
export interface FileStat {
  size: number;
  mtimeMs: number;
  isFile(): boolean;
}

class KeptStat implements FileStat {
  constructor(readonly size: number, readonly mtimeMs: number, private readonly file: boolean) {}
  isFile(): boolean {
    return this.file;
  }
}

const fileStat = (stat: Stats): FileStat => new KeptStat(stat.size, stat.mtimeMs, stat.isFile());

/** `path`'s lstat, through `stats` when the command shares them; undefined when it is gone. */
export const lstatOf = (path: string, stats?: FileStats): FileStat | undefined => stats ? stats.lstat(path) : lstatSync(path, { throwIfNoEntry: false });

/**
 * The symbolic links under `path` (itself included) whose real path leaves `root`: `path`, each of its
 * entries, and so on down every folder, links to folders inside the repository followed once. Not the
 * entries of a signatories folder, which are files, each refused as a link when read; a letter
 * folder holds few other files. Empty when everything is inside.
 */
export function linksOutOf(root: string, path: string): ContentError[] {
  const problems: ContentError[] = [];
  const seen = new Set<string>();
  const walk = (at: string, depth: number): void => {
    let stat;
    try {
      stat = lstatSync(at);
    } catch {
      return; // gone: nothing to read
    }
    if (stat.isSymbolicLink() && !isInside(root, at)) {
      problems.push(leadsOut(at, isDirectory(at) ? "folder" : "file"));
      return;
    }
    if (!isDirectory(at) || depth > 6 || basename(at) === "signatories") return;
    const real = realpathSync(at);
    if (seen.has(real)) return;
    seen.add(real);
    for (const name of readdirSync(at)) walk(join(at, name), depth + 1);
  };
  walk(path, 0);
  return problems;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A command was about to write outside the repository: a bug, or a link that appeared since loading. */
export class UnsafeWriteError extends OpenLettersError {}

/**
 * Refuses to write `path` unless its folder is inside `root` and it is not itself a symbolic link
 * (writing follows one). Every command that writes content calls it first: check --fix, sign,
 * withdraw and reconfirm, release (through editEntries), and the conversion of old records.
 */
export function assertWritable(root: string, path: string): void {
  let link = false;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    // a new file
  }
  if (link || !isInside(root, dirname(path))) {
    throw new UnsafeWriteError(`Not writing ${displayPath(path)}: it ${link ? "is a symbolic link" : "is outside the repository"} (${displayPath(root)}).`, {
      file: displayPath(path),
      hint: "Replace symbolic links under letters/ with the files they point to, then run the command again.",
    });
  }
}

/**
 * The repository root of a signatory file, `<root>/letters/<slug>/signatories/<file>`: where tools that
 * are handed only a signatory's file (editEntries, applyFixes) check that they write inside.
 */
export function rootOfSignatoryFile(path: string): string {
  return join(path, "..", "..", "..", "..");
}
