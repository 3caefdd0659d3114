// Preview: noticing saved content files. Eleventy's own watcher (chokidar) opens one watch per file: with
// 100,000 one-signatory files it needed more than a minute before it saw any save, and a gigabyte of
// memory. Here each folder under letters/ is watched once (the operating system reports changes to the
// files inside it), and a change touches one file that Eleventy watches, which rebuilds the preview.
import { mkdirSync, readdirSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sha256 } from "../model/hash.ts";

/** Folders watched, by path; one set per letters folder, however often Eleventy reloads its configuration. */
const watching = new Map<string, Map<string, FSWatcher>>();

/** Saves arriving within this many milliseconds (a paste of many files, a git checkout) rebuild once. */
const SETTLE_MS = 30;

/**
 * Watches `lettersDir` and every folder below it; returns the file that changes whenever anything there
 * does, for Eleventy's addWatchTarget. The file lives in the system's temporary folder: Eleventy does
 * not watch git-ignored folders such as .cache/.
 */
export function watchLetters(lettersDir: string): string {
  const root = resolve(lettersDir);
  const trigger = join(tmpdir(), "open-letters-preview", `${sha256(root).slice(0, 16)}.txt`);
  if (watching.has(root)) return trigger;
  mkdirSync(join(trigger, ".."), { recursive: true });
  writeFileSync(trigger, "");
  const folders = new Map<string, FSWatcher>();
  watching.set(root, folders);
  let timer: NodeJS.Timeout | undefined;
  let changes = 0;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // A folder created since (a new letter, a new version) is watched from now on.
      add(root);
      writeFileSync(trigger, `${++changes}\n`);
    }, SETTLE_MS);
  };
  const add = (dir: string) => {
    if (!folders.has(dir)) {
      try {
        const watcher = watch(dir, { persistent: false }, changed);
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

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
