// .github/dependabot.yml: weekly updates for npm and for the workflows' actions, covering every folder
// that has a manifest, with groups that match real packages.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { PROJECT } from "./helpers/site.ts";

interface Group {
  patterns?: string[];
  "exclude-patterns"?: string[];
  "dependency-type"?: string;
  "update-types"?: string[];
}
interface Update {
  "package-ecosystem": string;
  directory?: string;
  directories?: string[];
  schedule: { interval: string };
  groups?: Record<string, Group>;
  ignore?: { "dependency-name": string; "update-types"?: string[] }[];
}

async function config(): Promise<{ version: number; updates: Update[] }> {
  const doc = parseDocument(await readFile(join(PROJECT, ".github/dependabot.yml"), "utf8"));
  expect(doc.errors).toEqual([]);
  return doc.toJS();
}

/** The folders ("/" for the root) that hold a tracked file whose name matches. */
async function foldersWith(name: RegExp): Promise<string[]> {
  const { stdout } = await promisify(execFile)("git", ["ls-files", "-z"], { cwd: PROJECT, maxBuffer: 64 << 20 });
  const files = stdout.split("\0").filter((f) => f && !f.includes("node_modules/") && !f.startsWith("tests/fixtures/"));
  const folders = files.filter((f) => name.test(f.split("/").pop()!)).map((f) => `/${dirname(f)}`.replace(/^\/\.$/, "/"));
  return [...new Set(folders)].sort();
}

const covers = (update: Update | undefined) => [...(update?.directories ?? []), ...(update?.directory ? [update.directory] : [])];

/** Dependabot's wildcard: `*` matches any run of characters. */
const matches = (pattern: string, name: string) => new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`).test(name);

describe("Dependabot", () => {
  it("updates npm and the actions, weekly", async () => {
    const { version, updates } = await config();
    expect(version).toBe(2);
    expect(updates.map((u) => u["package-ecosystem"]).sort()).toEqual(["github-actions", "npm"]);
    for (const update of updates) expect(update.schedule.interval, update["package-ecosystem"]).toBe("weekly");
  });

  it("covers every folder that has a manifest", async () => {
    const { updates } = await config();
    const npm = updates.find((u) => u["package-ecosystem"] === "npm");
    const actions = updates.find((u) => u["package-ecosystem"] === "github-actions");
    const npmFolders = await foldersWith(/^package(-lock)?\.json$/);
    expect(npmFolders).toContain("/");
    for (const folder of npmFolders) expect(covers(npm), folder).toContain(folder);
    // "/" stands for .github/workflows/; composite actions are found where their action.yml is.
    expect(covers(actions)).toContain("/");
    for (const folder of await foldersWith(/^action\.ya?ml$/)) expect(covers(actions), folder).toContain(folder);
  });

  it("groups name real packages, and the PDF group comes first and holds what changes a PDF's bytes", async () => {
    const { updates } = await config();
    const npm = updates.find((u) => u["package-ecosystem"] === "npm")!;
    const pkg = JSON.parse(await readFile(join(PROJECT, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    const groups = Object.entries(npm.groups ?? {});
    for (const [name, group] of groups) {
      for (const pattern of group.patterns ?? []) expect(names.some((n) => matches(pattern, n)), `${name}: ${pattern}`).toBe(true);
      if (group["dependency-type"]) expect(["development", "production"]).toContain(group["dependency-type"]);
      for (const type of group["update-types"] ?? []) expect(["major", "minor", "patch"]).toContain(type);
    }
    // A dependency joins the first group it matches.
    const [first, group] = groups[0]!;
    expect(first).toBe("pdf-output");
    for (const name of ["@myriaddreamin/typst-ts-node-compiler", "@expo-google-fonts/source-serif-4", "@expo-google-fonts/amiri"]) {
      expect(names, name).toContain(name);
      expect(group.patterns!.some((p) => matches(p, name)), name).toBe(true);
    }
  });

  it("keeps @types/node on the Node.js major the workflows run", async () => {
    const { updates } = await config();
    const npm = updates.find((u) => u["package-ecosystem"] === "npm")!;
    expect(npm.ignore).toContainEqual({ "dependency-name": "@types/node", "update-types": ["version-update:semver-major"] });
    const pkg = JSON.parse(await readFile(join(PROJECT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    const workflow = await readFile(join(PROJECT, ".github/workflows/pull-request.yml"), "utf8");
    const node = /node-version: "(\d+)\./.exec(workflow)?.[1];
    expect(pkg.devDependencies["@types/node"]!.split(".")[0]).toBe(node);
  });
});
