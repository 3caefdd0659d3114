// A deployment keeps .cache/ between runs and deletes what the build did not use (the find step in
// .github/workflows/deploy.yml, run here as written): every cache file a build reads, or writes, is marked
// by its modification time, and a file no build needs any more (a PDF of an older list) goes.
import { execFile } from "node:child_process";
import { cp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

describe("the build cache kept between deployments", () => {
  it("keeps every file the next build reads, and loses only what it no longer needs", async () => {
    const root = join(await tempDir(), "site");
    await cp(fixture("versioned"), root, { recursive: true, filter: (p) => !p.includes("/.cache") });
    const cache = join(root, ".cache");
    const env = { OPEN_LETTERS_PDF_CACHE: join(cache, "pdf") };
    const first = await runScript("build.ts", ["--root", root, "--output", join(root, "_site")], env);
    expect(first.code, first.stderr).toBe(0);
    const made = await files(cache);
    expect(made.filter((f) => f.endsWith(".pdf")).length).toBeGreaterThan(2);
    expect(made.some((f) => f.includes("/signatories/"))).toBe(true);
    // As restored from the last deployment: every file old; plus the PDF of a list no page shows now.
    const stale = join(cache, "pdf", `${"0".repeat(64)}.pdf`);
    await writeFile(stale, "%PDF-1.7 an older list");
    const past = new Date("2020-01-01T00:00:00Z");
    for (const file of [...made, stale]) await utimes(file, past, past);
    await promisify(execFile)("sh", ["-c", "mkdir -p .cache && touch .cache/build-started"], { cwd: root });
    // A fresh checkout has no _site/: nothing is copied from the last build's pages, all comes from the cache.
    await rm(join(root, "_site"), { recursive: true });
    const second = await runScript("build.ts", ["--root", root, "--output", join(root, "_site")], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/0 typeset/);
    await promisify(execFile)("sh", ["-c", "find .cache -type f ! -newer .cache/build-started -delete"], { cwd: root });
    expect(await files(cache)).toEqual(made);
  }, 120_000);
});
