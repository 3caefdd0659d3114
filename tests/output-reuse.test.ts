// A rebuild into the same folder copies the letters that did not change from the last build
// (src/output-reuse.ts) and must give exactly the site a build from scratch gives.
import { cp, mkdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { codeFingerprint } from "../src/build/reuse.ts";
import { fixture, hashTree, runScript, tempDir } from "./helpers/site.ts";

let root: string;
let output: string;

/** Builds the copy of the fixture into `into` and returns what the build said. */
async function build(into = output, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await runScript("build.ts", ["--root", root, "--output", into], env);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

const inode = async (path: string) => (await stat(join(output, path))).ino;

beforeEach(async () => {
  root = join(await tempDir(), "basic");
  await cp(fixture("basic"), root, { recursive: true, filter: (path) => !path.includes("/.cache") });
  output = join(await tempDir(), "site");
});

describe("rebuilding into the same folder", () => {
  it("does nothing when nothing changed since the last build", { timeout: 120_000 }, async () => {
    expect(await build()).toMatch(/^Built 2 letter\(s\), /m);
    const first = await hashTree(output);
    const page = await inode("first-letter/index.html");
    expect(await build()).toMatch(/Nothing changed since the last build: .* is up to date \(2 letter\(s\), 5 signatories/);
    expect(await hashTree(output)).toEqual(first);
    expect(await inode("first-letter/index.html")).toBe(page);
  });

  it("copies every letter whose content is unchanged when a file was only touched", { timeout: 120_000 }, async () => {
    await build();
    const first = await hashTree(output);
    const page = await inode("first-letter/index.html");
    const touched = new Date(Date.now() + 60_000);
    await utimes(join(root, "letters/first-letter/letter.md"), touched, touched);
    expect(await build()).toMatch(/Built 2 letter\(s\) \(2 unchanged, copied from the last build\)/);
    expect(await hashTree(output)).toEqual(first);
    // The same file, linked into the new build, not a page rendered again.
    expect(await inode("first-letter/index.html")).toBe(page);
  });

  it("renders only the letter that changed, and the result equals a build from scratch", { timeout: 120_000 }, async () => {
    await build();
    const untouched = await inode("second-letter/index.html");
    const changed = await inode("first-letter/index.html");
    await writeFile(join(root, "letters/first-letter/signatories/c-new.yaml"), "name: Cecilia Newcomer\nsigned: 2024-03-05\n");
    expect(await build()).toMatch(/\(1 unchanged, copied from the last build\)/);
    expect(await inode("second-letter/index.html")).toBe(untouched);
    expect(await inode("first-letter/index.html")).not.toBe(changed);

    const scratch = join(await tempDir(), "site");
    await build(scratch);
    const incremental = await hashTree(output);
    expect(incremental).toEqual(await hashTree(scratch));
    // The home page and the sitemap are site-wide: made again, with the new count and every page.
    expect(Object.keys(incremental)).toContain("sitemap.xml");
  });

  it("renders everything again when the site settings change", { timeout: 120_000 }, async () => {
    await build();
    await writeFile(join(root, "letters/site.yaml"), "title: Renamed Coalition\nurl: https://letters.example.org\nlang: en\n");
    expect(await build()).not.toMatch(/unchanged/);
  });

  it("renders a letter again when its folder in the last build was changed by hand", { timeout: 120_000 }, async () => {
    await build();
    const first = await hashTree(output);
    await rm(join(output, "first-letter/index.html"));
    expect(await build()).toMatch(/\(1 unchanged, copied from the last build\)/);
    expect(await hashTree(output)).toEqual(first);
  });

  it("reuses nothing with OPEN_LETTERS_CACHE=0", { timeout: 120_000 }, async () => {
    await build();
    expect(await build(output, { OPEN_LETTERS_CACHE: "0" })).toMatch(/^Built 2 letter\(s\), /m);
  });
});

describe("the code's fingerprint", () => {
  it("changes with any template, source file, script or the lock file", async () => {
    const project = await tempDir();
    const files = ["src/a.ts", "templates/page.njk", "scripts/build.ts", ".eleventy.ts", "package-lock.json"];
    for (const dir of ["src", "templates", "scripts"]) await mkdir(join(project, dir));
    for (const file of files) await writeFile(join(project, file), "x");
    const before = codeFingerprint(project);
    expect(codeFingerprint(project)).toBe(before);
    for (const file of files) {
      const previous = codeFingerprint(project);
      await writeFile(join(project, file), `changed ${file}`);
      expect(codeFingerprint(project), file).not.toBe(previous);
    }
  });
});
