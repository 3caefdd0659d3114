import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import GithubSlugger from "github-slugger";
import { describe, expect, it } from "vitest";
import { catalogues, languageName } from "../src/i18n/messages.ts";
import { PROJECT, runScript } from "./helpers/site.ts";

describe("the README", async () => {
  const readme = await readFile(join(PROJECT, "README.md"), "utf8");
  const scriptCommands = (JSON.parse(await readFile(join(PROJECT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const scripts = Object.keys(scriptCommands);

  it("links only to its own headings, as GitHub names their anchors", () => {
    const slugger = new GithubSlugger();
    // Headings outside code blocks (a "# comment" in a YAML example is not one).
    const prose = readme.replace(/^```[\s\S]*?^```/gm, "");
    const anchors = new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slugger.slug(m[1]!)));
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(anchors, `#${link}`).toContain(link);
  });

  it("only mentions npm scripts that exist", () => {
    const mentioned = [...new Set([...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]!))];
    expect(mentioned.length).toBeGreaterThan(5);
    for (const name of mentioned) expect(scripts, `npm run ${name}`).toContain(name);
  });

  it("names npm start and npm test, which exist, in its two-command set-up", () => {
    const setUp = readme.slice(readme.indexOf("## Getting started"), readme.indexOf("Your first letter"));
    expect(setUp).toMatch(/^npm ci && npm start\s+# preview the site/m);
    expect(setUp).toMatch(/^npm test\s+# run the tests/m);
    expect(scripts).toEqual(expect.arrayContaining(["start", "test"]));
  });

  it("only gives commands flags that they take (each in the command's --help)", async () => {
    // `npm start -- --port 8081`, `npm run release -- <slug> --editorial`, ...: the flags after `--`.
    const flags = new Map<string, Set<string>>();
    for (const [, start, run, rest] of readme.matchAll(/`npm (?:(start)|run ([a-z:-]+)) -- ([^`]*)`/g)) {
      const name = start ?? run!;
      for (const [flag] of rest!.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)) flags.set(name, new Set([...(flags.get(name) ?? []), flag]));
    }
    expect(flags.get("start")).toContain("--port");
    for (const [name, used] of flags) {
      const file = /scripts\/[a-z-]+\.ts/.exec(scriptCommands[name] ?? "")?.[0];
      expect(file, `npm run ${name} runs a script of scripts/`).toBeDefined();
      // As npm run would, in the warm script server where the script runs there (helpers/site.ts).
      const { stdout } = await runScript(file!.slice("scripts/".length), ["--help"]);
      for (const flag of used) expect(stdout, `npm run ${name} -- ${flag}`).toContain(flag);
    }
  }, 60000);

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

  it("lists every shipped interface catalogue, with whether a speaker has reviewed it", () => {
    const section = readme.slice(readme.indexOf("## Interface languages"), readme.indexOf("## The PDF"));
    const rows = [...section.matchAll(/^\| `([^`]+)` \| ([^|]+) \| (yes|no) \|$/gm)].map((m) => ({ lang: m[1]!, name: m[2]!.trim(), reviewed: m[3] === "yes" }));
    expect(rows.map((r) => r.lang).sort()).toEqual(Object.keys(catalogues).sort());
    for (const row of rows) {
      expect(row.reviewed, row.lang).toBe(catalogues[row.lang]!.reviewed);
      expect(row.name, row.lang).toContain(languageName(row.lang.split("-")[0]!, "en"));
    }
  });

  it("has a row for every folder of src/, and names no stage that is not one", async () => {
    const table = readme.slice(readme.indexOf("## How it fits together"));
    const rows = [...table.matchAll(/^\| `(src\/[^`]+)\/` \|/gm)].map((m) => m[1]!);
    const stages = (await readdir(join(PROJECT, "src"), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => `src/${e.name}`);
    expect(rows.sort()).toEqual(stages.sort());
  });
});
