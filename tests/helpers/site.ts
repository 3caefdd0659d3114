// Test helpers: fixture paths, building a fixture site as a user would (the real CLI), and reading pages.
import { execFile, fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { parseHTML } from "linkedom";

export const PROJECT = resolve(import.meta.dirname, "../..");
export const fixture = (name: string) => join(PROJECT, "tests/fixtures", name);

const run = promisify(execFile);
const TSX = join(PROJECT, "node_modules/.bin/tsx");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the project's scripts the way `npm run` does, from the project folder: in the test file's
 * warm script server (script-server.ts), which gives the same arguments, environment, output and exit
 * code without starting tsx and loading the pipeline each time. OPEN_LETTERS_TEST_SPAWN=1 spawns every
 * run instead; scripts that own their process (servers, signals) are always spawned.
 */
export async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const merged = { ...process.env, ...env, FORCE_COLOR: "0" };
  const path = join(PROJECT, "scripts", script);
  if (process.env.OPEN_LETTERS_TEST_SPAWN !== "1" && WARM.has(script)) return warmRun(path, args, merged);
  return spawnScript(path, args, merged);
}

/** The scripts that run in the warm server: they only read flags, files and the environment, and return. */
const WARM = new Set(["build.ts", "check.ts", "sign.ts", "new-letter.ts", "release.ts", "changes.ts", "import.ts", "issue-form.ts", "withdraw.ts", "reconfirm.ts", "schemas.ts", "verify-accounts.ts"]);

async function spawnScript(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(TSX, [path, ...args], { cwd: PROJECT, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

interface Server {
  child: ChildProcess;
  ready: Promise<void>;
  pending: Map<number, (result: CliResult) => void>;
}
let server: Server | undefined;
let nextId = 0;

function startServer(): Server {
  const child = fork(join(PROJECT, "tests/helpers/script-server.ts"), [], {
    cwd: PROJECT,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, FORCE_COLOR: "0" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, (result: CliResult) => void>();
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  child.on("message", (message: { ready?: boolean; id?: number } & CliResult) => {
    if (message.ready) return resolveReady();
    pending.get(message.id!)?.({ code: message.code, stdout: message.stdout, stderr: message.stderr });
    pending.delete(message.id!);
  });
  // A crash answers every run in flight, and the next run starts a new server.
  child.on("exit", (code, signal) => {
    if (server?.child === child) server = undefined;
    for (const answer of pending.values()) answer({ code: 1, stdout: "", stderr: `the script server stopped (${signal ?? code})` });
    pending.clear();
    resolveReady();
  });
  // The server ends with the test file's process, never keeping it alive.
  child.unref();
  child.channel?.unref();
  return { child, ready, pending };
}

async function warmRun(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  server ??= startServer();
  const current = server;
  await current.ready;
  const id = nextId++;
  return new Promise<CliResult>((resolve) => {
    current.pending.set(id, resolve);
    // Kept referenced while a run is in flight, so the test file waits for its answer.
    current.child.channel?.ref();
    current.child.send({ id, script: path, args, env }, (error) => {
      if (error) resolve({ code: 1, stdout: "", stderr: String(error) });
    });
  }).finally(() => {
    if (!current.pending.size) current.child.channel?.unref();
  });
}

export async function tempDir(prefix = "open-letters-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Builds a fixture into a fresh temporary folder and returns that folder. */
export async function buildFixture(name: string, extra: string[] = []): Promise<string> {
  const output = join(await tempDir(), "site");
  const result = await runScript("build.ts", ["--root", fixture(name), "--output", output, ...extra]);
  if (result.code !== 0) throw new Error(`build of ${name} failed:\n${result.stderr}\n${result.stdout}`);
  return output;
}

export async function readPage(site: string, path: string): Promise<Document> {
  const html = await readFile(join(site, path), "utf8");
  return parseHTML(html).document as unknown as Document;
}

export const text = (node: Element | null | undefined) => (node?.textContent ?? "").replace(/\s+/g, " ").trim();

/** SHA-256 of every file under `dir`, by path relative to it: two output trees compare equal byte for byte. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    hashes[relative(dir, path)] = createHash("sha256").update(await readFile(path)).digest("hex");
  }
  return hashes;
}
