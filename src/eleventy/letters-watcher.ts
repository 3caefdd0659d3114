// Preview: noticing saved content files. Eleventy's own watcher (chokidar) opens one watch per file: with
// 100,000 one-signatory files it needed more than a minute before it saw any save, and a gigabyte of
// memory. Here each folder under letters/ is watched once (the operating system reports changes to the
// files inside it), and a change touches one file that Eleventy watches, which rebuilds the preview.
// Eleventy would log that trigger file ("File changed: /tmp/..."), which means nothing to the user, so
// this module logs the files that really changed, and the preview server (scripts/lib/preview-server.ts)
// drops Eleventy's line about the trigger.
import { existsSync, mkdirSync, readdirSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { displayPath } from "../load/files.ts";
import { sha256 } from "../model/hash.ts";

/** Where the trigger files live; Eleventy's log lines naming a file in it are not the user's business. */
export const TRIGGER_DIR = join(tmpdir(), "open-letters-preview");

/** Changed files named one a line in the log; a checkout of thousands is summed up after these. */
const LOGGED_FILES = 5;

/** Folders watched, by path; one set per letters folder, however often Eleventy reloads its configuration. */
const watching = new Map<string, Map<string, FSWatcher>>();

/** Saves arriving within this many milliseconds (a paste of many files, a git checkout) rebuild once. */
const SETTLE_MS = 30;

/**
 * Watches `lettersDir` and every folder below it; returns the file that changes whenever anything there
 * does, for Eleventy's addWatchTarget. The file lives in the system's temporary folder: Eleventy does
 * not watch git-ignored folders such as .cache/.
 */
export function watchLetters(lettersDir: string, log: (line: string) => void = console.log): string {
  const root = resolve(lettersDir);
  const trigger = join(TRIGGER_DIR, `${sha256(root).slice(0, 16)}.txt`);
  if (watching.has(root)) return trigger;
  mkdirSync(join(trigger, ".."), { recursive: true });
  writeFileSync(trigger, "");
  const folders = new Map<string, FSWatcher>();
  watching.set(root, folders);
  let timer: NodeJS.Timeout | undefined;
  let changes = 0;
  const files = new Set<string>();
  const changed = (dir: string, name: string | Buffer | null) => {
    if (name) files.add(join(dir, name.toString()));
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const line of changeLines([...files])) log(line);
      files.clear();
      // A folder created since (a new letter, a new version) is watched from now on.
      add(root);
      writeFileSync(trigger, `${++changes}\n`);
    }, SETTLE_MS);
  };
  const add = (dir: string) => {
    if (!folders.has(dir)) {
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => changed(dir, name));
        watcher.on("error", () => {
          watcher.close();
          folders.delete(dir); // the folder was removed; a later change re-adds it if it comes back
        });
        folders.set(dir, watcher);
      } catch {
        return; // gone already
      }
    }
    for (const entry of safeReaddir(dir)) {
      if (entry.isDirectory() && !entry.name.startsWith(".")) add(join(dir, entry.name));
    }
  };
  add(root);
  return trigger;
}

/**
 * `letters/x/signatories/jane.yaml changed` (or `removed`) for each file, as messages name files; an
 * editor's temporary files (dot files, `~` backups, swap files, vim's numbered probe) are not named.
 */
export function changeLines(files: readonly string[]): string[] {
  const shown = files.filter((file) => !/^\.|~$|\.(swp|swx|tmp)$|^\d+$/.test(basename(file))).sort();
  const lines = shown.slice(0, LOGGED_FILES).map((file) => `${displayPath(file)} ${existsSync(file) ? "changed" : "removed"}`);
  if (shown.length > LOGGED_FILES) lines.push(`... and ${shown.length - LOGGED_FILES} more files changed`);
  return lines;
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
