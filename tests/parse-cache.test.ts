import { readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveBuildOptions } from "../src/build/options.ts";
import { loadSite } from "../src/index.ts";
import type { LoadOptions } from "../src/load/parse-cache.ts";
import { tempDir } from "./helpers/site.ts";

async function site(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, "letters/x/signatories"), { recursive: true });
  await writeFile(join(root, "letters/site.yaml"), "title: Cache\n");
  await writeFile(join(root, "letters/x/letter.md"), "---\ntitle: X\ndate: 2024-01-01\n---\n\nText.\n");
  await writeFile(join(root, "letters/x/signatories/a.yaml"), "name: Real Name\n");
  return root;
}

/** Rewrites every cached signatory's name, to tell a cached result from a fresh parse. */
function tamperCache(root: string, mutate: (cache: { version: string; files: Record<string, { signatories: { name: string }[] }> }) => void) {
  const dir = join(root, ".cache/signatories");
  const file = join(dir, readdirSync(dir)[0]!);
  const cache = JSON.parse(readFileSync(file, "utf8"));
  mutate(cache);
  writeFileSync(file, JSON.stringify(cache));
}

const names = async (root: string, options?: LoadOptions) => (await loadSite(root, options)).site!.letters[0]!.signatories.map((s) => s.name);

describe("the parse cache", () => {
  it("reuses the parse of an unchanged file instead of reading it again", async () => {
    const root = await site();
    expect(await names(root)).toEqual(["Real Name"]);
    tamperCache(root, (c) => (c.files["a.yaml"]!.signatories[0]!.name = "From the cache"));
    expect(await names(root)).toEqual(["From the cache"]);
  });

  it("parses a file again when its content changes", async () => {
    const root = await site();
    await names(root);
    tamperCache(root, (c) => (c.files["a.yaml"]!.signatories[0]!.name = "From the cache"));
    writeFileSync(join(root, "letters/x/signatories/a.yaml"), "name: Edited Name\n");
    expect(await names(root)).toEqual(["Edited Name"]);
  });

  it("reuses a parse by content hash when only the modification time changed (a fresh checkout)", async () => {
    const root = await site();
    await names(root);
    tamperCache(root, (c) => (c.files["a.yaml"]!.signatories[0]!.name = "From the cache"));
    utimesSync(join(root, "letters/x/signatories/a.yaml"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(await names(root)).toEqual(["From the cache"]);
  });

  it("is ignored entirely when the parser or schema version differs", async () => {
    const root = await site();
    await names(root);
    tamperCache(root, (c) => {
      c.files["a.yaml"]!.signatories[0]!.name = "From the cache";
      c.version = "an older version";
    });
    expect(await names(root)).toEqual(["Real Name"]);
  });

  it("names each file from the working directory of the run, also when the cache was written from another", async () => {
    const root = await site();
    const before = process.cwd();
    const file = async () => (await loadSite(root)).site!.letters[0]!.signatories[0]!.source.file;
    try {
      process.chdir(root);
      expect(await file()).toBe("letters/x/signatories/a.yaml");
      const cacheDir = join(root, ".cache/signatories");
      const written = readdirSync(cacheDir).map((name) => readFileSync(join(cacheDir, name), "utf8"));
      process.chdir(join(root, ".."));
      // As messages show it from here, and as a tool writing to it must find it.
      expect(await file()).toBe(`${root.split("/").at(-1)}/letters/x/signatories/a.yaml`);
      // From the same cache: a run from another folder (check from the repository, the bench's build from
      // the project) parses nothing again, and so writes nothing.
      expect(readdirSync(cacheDir).map((name) => readFileSync(join(cacheDir, name), "utf8"))).toEqual(written);
    } finally {
      process.chdir(before);
    }
  });

  it("never caches a file with problems, so they are reported on every run", async () => {
    const root = await site();
    writeFileSync(join(root, "letters/x/signatories/a.yaml"), "name: [broken\n");
    expect((await loadSite(root)).problems).toHaveLength(1);
    expect((await loadSite(root)).problems).toHaveLength(1);
  });

  it("can be turned off", async () => {
    const root = await site();
    await names(root, { cache: resolveBuildOptions({ env: { OPEN_LETTERS_CACHE: "0" } }).cache });
    expect(() => readdirSync(join(root, ".cache"))).toThrow();
  });
});
