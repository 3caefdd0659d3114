// The lint cache (src/tools/lint-cache.ts): a warm npm run check reports exactly what a cold one does,
// reads no clean file again, and never answers from a file's past: an edited file, a new held name or a
// new earlier duplicate are found as if nothing were cached.
import { cp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSite } from "../src/tools/check.ts";
import { fixture, tempDir } from "./helpers/site.ts";

async function site(): Promise<string> {
  const root = join(await tempDir(), "site");
  await cp(fixture("moderation"), root, { recursive: true });
  await rm(join(root, ".cache"), { recursive: true, force: true }); // an earlier run's, in the working tree
  return root;
}

const SIGNATORIES = "letters/pledge/signatories";
/** What a check says, problem by problem, and the fixes it offers, as plain text to compare. */
async function findings(root: string) {
  const { problems, fixes } = await checkSite(root);
  return { problems: problems.map((p) => p.format()), fixes: fixes.map((f) => `${f.file} ${f.description} ${f.renameTo ?? ""}`) };
}
/** The file names the cache holds facts of. */
async function cached(root: string): Promise<string[]> {
  const dir = join(root, ".cache/lint");
  const caches = await Promise.all((await readdir(dir)).map(async (f) => JSON.parse(await readFile(join(dir, f), "utf8")) as { files: object }));
  return caches.flatMap((c) => Object.keys(c.files));
}

describe("the lint cache", () => {
  it("reports on a warm check exactly what a cold one reports, held names and near-duplicates included", async () => {
    const root = await site();
    // Two clean files whose names differ only by an accent: a near-duplicate, found across files.
    await writeFile(join(root, SIGNATORIES, "maria-silva.yaml"), "name: Maria Silva\n");
    await writeFile(join(root, SIGNATORIES, "maria-silva-2.yaml"), "name: María Silva\naffiliation: Lisbon\n");
    const cold = await findings(root);
    expect(cold.problems.some((p) => /held name/.test(p))).toBe(true);
    expect(cold.problems.filter((p) => p.includes("Silva")), cold.problems.join("\n")).not.toEqual([]);
    // The two Marias' files are clean on their own: on the warm runs their warning comes from the cache's facts.
    expect(await cached(root)).toEqual(expect.arrayContaining(["maria-silva.yaml", "maria-silva-2.yaml"]));
    expect(await findings(root)).toEqual(cold);
    expect(await findings(root)).toEqual(cold);
  });

  it("keeps only clean files: one with a warning or a fix is linted again every time", async () => {
    const root = await site();
    await writeFile(join(root, SIGNATORIES, "spaced.yaml"), "name: \"Ana  Lima\"\n");
    const cold = await findings(root);
    expect(cold.problems.some((p) => p.includes("spaced.yaml") && p.includes("doubled spaces"))).toBe(true);
    expect(await cached(root)).not.toContain("spaced.yaml");
    expect(await findings(root)).toEqual(cold);
  });

  it("finds what an edit brings into a cached file, even one of the same size", async () => {
    const root = await site();
    const path = join(root, SIGNATORIES, "ana-lima.yaml");
    await writeFile(path, "name: Ana Lima\n");
    await findings(root);
    expect(await cached(root)).toContain("ana-lima.yaml");
    // Same number of bytes, a doubled space now; the modification time moves as an editor's save does.
    await writeFile(path, "name: Ana  Lim\n");
    const later = new Date(Date.now() + 5_000);
    await utimes(path, later, later);
    const { problems } = await findings(root);
    expect(problems.some((p) => p.includes("ana-lima.yaml") && p.includes("doubled spaces"))).toBe(true);
  });

  it("looks for a name held after the file was cached", async () => {
    const root = await site();
    await writeFile(join(root, SIGNATORIES, "ana-lima.yaml"), "name: Ana Lima\n");
    await findings(root);
    expect(await cached(root)).toContain("ana-lima.yaml");
    const moderation = join(root, "letters/pledge/moderation.yaml");
    await writeFile(moderation, `${(await readFile(moderation, "utf8")).trimEnd()}\n  - Ana Lima\n`);
    const { problems } = await findings(root);
    expect(problems.some((p) => p.includes("ana-lima.yaml") && /Ana Lima/.test(p) && /held/i.test(p)), problems.join("\n")).toBe(true);
  });

  it("leaves a cached file's entry to the loader once an earlier file lists the same person", async () => {
    const root = await site();
    await writeFile(join(root, SIGNATORIES, "ana-lima.yaml"), "name: Ana Lima\n");
    await findings(root);
    expect(await cached(root)).toContain("ana-lima.yaml");
    // A list file read before it (the loader's order) now lists her too.
    await writeFile(join(root, SIGNATORIES, "aaa-list.yaml"), "- name: Ana Lima\n- name: Bea Kovacs\n");
    const { problems } = await findings(root);
    const about = problems.filter((p) => p.includes("/ana-lima.yaml"));
    // The loader's duplicate error, once; no lint warning of its own (not a "near duplicate", no rename).
    expect(about).toHaveLength(1);
    expect(about[0]).toMatch(/listed twice/);
  });

  it("is not used or written when the cache is off", async () => {
    const root = await site();
    await checkSite(root, { cache: false });
    await expect(readdir(join(root, ".cache/lint"))).rejects.toThrow();
  });
});
