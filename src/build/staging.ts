// Writing a site atomically: into `<output>.tmp-<pid>`, swapped in for `output` only once complete, so a
// failed build leaves the previous site as it was and nothing half-written beside it. Eleventy's own
// writes cannot all be awaited once it has failed (its passthrough copies go on after the error), so
// removal tolerates files appearing while it runs; and folders left by a build that was killed are
// cleared by the next one.
import { existsSync } from "node:fs";
import { readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const STAGING = /^(.+)\.(tmp|old)-(\d+)$/;

/** Writes the site with `write(staging)`, then replaces `output` with it; on any failure, removes it and rethrows. */
export async function writeAtomically(output: string, write: (staging: string) => Promise<void>): Promise<void> {
  await clearAbandoned(output);
  const staging = `${output}.tmp-${process.pid}`;
  await removeTree(staging);
  try {
    await write(staging);
    await swapIn(staging, output);
  } catch (error) {
    // The build's error is what the user needs; a folder that cannot be removed must not replace it.
    await removeTree(staging).catch(() => undefined);
    throw error;
  }
}

/** Replaces `output` with `staging` in two renames; the old site is put back if the second one fails. */
async function swapIn(staging: string, output: string): Promise<void> {
  const previous = `${output}.old-${process.pid}`;
  const hadOutput = existsSync(output);
  if (hadOutput) await rename(output, previous);
  try {
    await rename(staging, output);
  } catch (error) {
    if (hadOutput) await rename(previous, output);
    throw error;
  }
  await removeTree(previous);
}

/**
 * Removes `dir` even while late writes of a failed Eleventy run still create files in it: rm retries on
 * ENOTEMPTY, and the folder is removed again if it comes back within a short settling time.
 */
export async function removeTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (let attempt = 0; attempt < 20; attempt++) {
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    await sleep(attempt === 0 ? 0 : 50);
    if (!existsSync(dir)) {
      // Writes already queued land within milliseconds; look once more before calling it gone.
      await sleep(25);
      if (!existsSync(dir)) return;
    }
  }
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

/**
 * Folders a build that was killed left beside `output`: a staging folder is removed, and a previous site
 * moved aside mid-swap is put back when no site replaced it. Only those of processes no longer running.
 */
async function clearAbandoned(output: string): Promise<void> {
  const parent = dirname(resolve(output));
  const name = basename(output);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return; // no parent folder yet: nothing was left
  }
  for (const entry of entries) {
    const match = STAGING.exec(entry);
    if (!match || match[1] !== name || isRunning(Number(match[3]))) continue;
    const path = join(parent, entry);
    if (match[2] === "old" && !existsSync(output)) await rename(path, output);
    else await removeTree(path);
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false; // a folder of this very process can only be an older build's
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
