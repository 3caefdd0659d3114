// Two builds of the same content, from different folders, at different times and in different time
// zones, must give byte-identical output trees: pages, PDFs, JSON, CSV, images and search indexes.
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, hashTree, runScript, tempDir } from "./helpers/site.ts";

async function buildCopy(name: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const root = join(await tempDir(), "checkout", name);
  // Without any cache an earlier test run left in the fixture: each build starts cold.
  await cp(fixture(name), root, { recursive: true, filter: (path) => !path.includes("/.cache") });
  const output = join(await tempDir(), "site");
  const result = await runScript("build.ts", ["--root", root, "--output", output], env);
  expect(result.code, result.stderr).toBe(0);
  return hashTree(output);
}

describe("reproducible builds", () => {
  it.each(["translated", "versioned"])("give identical bytes for %s in other folders, time zones and locales", async (name) => {
    const first = await buildCopy(name, { TZ: "UTC", LANG: "C.UTF-8" });
    await new Promise((r) => setTimeout(r, 1100)); // a different second on the clock
    const second = await buildCopy(name, { TZ: "Pacific/Kiritimati", LANG: "fr_FR.UTF-8", LC_ALL: "fr_FR.UTF-8" });
    expect(Object.keys(first).length).toBeGreaterThan(10);
    expect(Object.keys(first).some((f) => f.endsWith(".pdf"))).toBe(true);
    expect(second).toEqual(first);
  });

  it("gives the same bytes from a warm cache as from a cold one", async () => {
    const root = join(await tempDir(), "versioned");
    await cp(fixture("versioned"), root, { recursive: true, filter: (path) => !path.includes("/.cache") });
    const out1 = join(await tempDir(), "site");
    const out2 = join(await tempDir(), "site");
    expect((await runScript("build.ts", ["--root", root, "--output", out1])).code).toBe(0);
    expect((await runScript("build.ts", ["--root", root, "--output", out2])).code).toBe(0);
    expect(await hashTree(out2)).toEqual(await hashTree(out1));
  });
});
