// Test helpers: fixture paths, building a fixture site as a user would (the real CLI), and reading pages.
import { execFile } from "node:child_process";
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

/** Runs one of the project's scripts the way `npm run` does, from the project folder. */
export async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(TSX, [join(PROJECT, "scripts", script), ...args], {
      cwd: PROJECT,
      env: { ...process.env, ...env, FORCE_COLOR: "0" },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
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
