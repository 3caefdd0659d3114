import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT } from "./helpers/site.ts";

describe("the README", async () => {
  const readme = await readFile(join(PROJECT, "README.md"), "utf8");
  const scripts = Object.keys((JSON.parse(await readFile(join(PROJECT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);

  it("only mentions npm scripts that exist", () => {
    const mentioned = [...new Set([...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]!))];
    expect(mentioned.length).toBeGreaterThan(5);
    for (const name of mentioned) expect(scripts, `npm run ${name}`).toContain(name);
  });

  // Every folder of code a file named in the table may live in.
  const codeFolders = ["scripts", ...(await readdir(join(PROJECT, "src"), { recursive: true, withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => relative(PROJECT, join(e.parentPath, e.name))), "src"];

  it("maps folders and scripts that exist", () => {
    const table = readme.slice(readme.indexOf("## How it fits together"));
    const paths = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect(existsSync(join(PROJECT, path)), path).toBe(true);
    for (const script of [...table.matchAll(/`([a-z-]+\.ts)`/g)].map((m) => m[1]!)) {
      expect(codeFolders.some((folder) => existsSync(join(PROJECT, folder, script))), script).toBe(true);
    }
  });

  it("has a row for every folder of src/, and names no stage that is not one", async () => {
    const table = readme.slice(readme.indexOf("## How it fits together"));
    const rows = [...table.matchAll(/^\| `(src\/[^`]+)\/` \|/gm)].map((m) => m[1]!);
    const stages = (await readdir(join(PROJECT, "src"), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => `src/${e.name}`);
    expect(rows.sort()).toEqual(stages.sort());
  });
});
