// Reading another revision of the letters with git, for `npm run changes`: `git archive <ref> letters`
// unpacked into a temporary folder, so the same loader reads both sides.
import { execFile, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { LETTERS_DIR } from "../load/site.ts";
import { OpenLettersError } from "../model/errors.ts";

const run = promisify(execFile);

/** git cannot give what was asked (an unknown ref, history missing from a shallow clone). */
export class GitError extends OpenLettersError {}

/** The commit a ref names, or a GitError saying how to make it available (shallow clones lack history). */
export async function resolveCommit(repo: string, ref: string): Promise<string> {
  // A ref starting with "-" would be read as an option.
  if (ref.startsWith("-") || ref.trim() === "") throw new GitError(`"${ref}" is not a git ref.`);
  try {
    const { stdout } = await run("git", ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], { cwd: repo });
    return stdout.trim();
  } catch {
    throw new GitError(
      `git cannot find "${ref}" in ${repo}. Fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0).`,
    );
  }
}

/** The commit where HEAD's history meets `base`'s: what a pull request's changes are counted from. */
export async function mergeBase(repo: string, base: string): Promise<string> {
  const commit = await resolveCommit(repo, base);
  try {
    const { stdout } = await run("git", ["merge-base", commit, "HEAD"], { cwd: repo });
    return stdout.trim();
  } catch {
    throw new GitError(`git finds no common history between "${base}" and HEAD in ${repo}. Fetch the whole history first (in GitHub Actions: actions/checkout with fetch-depth: 0).`);
  }
}

/** Files under `path` added (A) or modified (M) from `from` to HEAD, renames counted as a deletion and an addition. */
export async function changedFiles(repo: string, from: string, path: string, filter = "AM"): Promise<string[]> {
  const { stdout } = await run("git", ["diff", "--name-only", "-z", "--no-renames", `--diff-filter=${filter}`, from, "HEAD", "--", path], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
  return stdout.split("\0").filter(Boolean);
}

/**
 * The values of the trailer `key` (e.g. Signed-from-issue-by) in each commit from `from` to HEAD that
 * touched `path`, newest first.
 */
export async function trailerValues(repo: string, from: string, path: string, key: string): Promise<string[]> {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(key)) throw new GitError(`"${key}" is not a trailer key.`);
  const { stdout } = await run("git", ["log", `--format=%(trailers:key=${key},valueonly,separator=%x00)%x00`, `${from}..HEAD`, "--", path], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
  return stdout.split(/[\0\n]/).map((v) => v.trim()).filter(Boolean);
}

/** Extracts letters/ as it was at `ref` into a new temporary folder and returns that folder. */
export async function extractLetters(repo: string, ref: string): Promise<string> {
  const commit = await resolveCommit(repo, ref);
  const dir = await mkdtemp(join(tmpdir(), "open-letters-base-"));
  const { stdout } = await run("git", ["ls-tree", "--name-only", commit, "--", LETTERS_DIR], { cwd: repo });
  if (!stdout.trim()) return dir; // no letters yet at that commit: everything is new
  await new Promise<void>((resolvePromise, reject) => {
    const git = spawn("git", ["archive", "--format=tar", commit, "--", LETTERS_DIR], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
    const tar = spawn("tar", ["-x", "-C", dir], { stdio: ["pipe", "ignore", "pipe"] });
    let errors = "";
    git.stderr.on("data", (d) => (errors += d));
    tar.stderr.on("data", (d) => (errors += d));
    git.stdout.pipe(tar.stdin);
    let pending = 2;
    const done = (code: number | null) => {
      if (code !== 0) reject(new GitError(`Could not extract ${LETTERS_DIR}/ at ${ref}: ${errors.trim()}`));
      else if (--pending === 0) resolvePromise();
    };
    git.on("close", done);
    tar.on("close", done);
  });
  return dir;
}
