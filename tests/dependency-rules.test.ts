// The import rules of src/ (.dependency-cruiser.cjs, run as `npm run lint:deps`): they pass on the
// project as it is, and each rule fails when a scratch copy of src/ breaks it.
import { execFile } from "node:child_process";
import { appendFile, cp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT, tempDir } from "./helpers/site.ts";

const run = promisify(execFile);
const DEPCRUISE = join(PROJECT, "node_modules/.bin/depcruise");

/** Runs the same command as `npm run lint:deps` in `cwd`; exit code and output. */
async function lintDeps(cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(DEPCRUISE, ["src", "scripts", ".eleventy.ts", "--config", ".dependency-cruiser.cjs", "--output-type", "err"], { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, output: (e.stdout ?? "") + (e.stderr ?? "") };
  }
}

describe("the dependency rules", () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await tempDir("open-letters-deps-");
    for (const entry of ["src", "scripts", ".eleventy.ts", ".dependency-cruiser.cjs", "tsconfig.json", "package.json"]) {
      await cp(join(PROJECT, entry), join(scratch, entry), { recursive: true });
    }
    await symlink(join(PROJECT, "node_modules"), join(scratch, "node_modules"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  /** Appends `line` to `file` in the scratch copy, runs the rules, and takes the line back out. */
  async function withLine(file: string, line: string) {
    const path = join(scratch, file);
    const before = await readFile(path, "utf8");
    await appendFile(path, `\n${line}\n`);
    try {
      return await lintDeps(scratch);
    } finally {
      await writeFile(path, before);
    }
  }

  it("pass on the project as it is", async () => {
    const { code, output } = await lintDeps(PROJECT);
    expect(output).not.toMatch(/error/);
    expect(code).toBe(0);
  });

  it("refuse an import from a lower stage into a higher one", async () => {
    const { code, output } = await withLine("src/load/files.ts", 'import { buildPages } from "../view/pages.ts"; export const planted = buildPages;');
    expect(code).not.toBe(0);
    expect(output).toContain("no-upward-from-load: src/load/files.ts → src/view/pages.ts");
  });

  it("refuse a cycle made only of type imports", async () => {
    await appendFile(join(scratch, "src/model/types.ts"), '\nimport type { limits } from "./limits.ts";\nexport type PlantedLimits = typeof limits;\n');
    try {
      const { code, output } = await withLine("src/model/limits.ts", 'import type { Letter } from "./types.ts"; export type PlantedLetter = Letter;');
      expect(code).not.toBe(0);
      expect(output).toMatch(/no-circular: src\/model\/limits\.ts →\s+src\/model\/types\.ts →\s+src\/model\/limits\.ts/);
    } finally {
      await cp(join(PROJECT, "src/model/types.ts"), join(scratch, "src/model/types.ts"));
    }
  });

  it("keep the PDF writer away from the page view models", async () => {
    const { code, output } = await withLine("src/outputs/pdf/tree.ts", 'import type { LetterPage } from "../../view/letter-page.ts"; export type Planted = LetterPage;');
    expect(code).not.toBe(0);
    expect(output).toContain("pdf-not-view: src/outputs/pdf/tree.ts → src/view/letter-page.ts");
  });

  it("keep Eleventy inside its plugins", async () => {
    const { code, output } = await withLine("src/view/home.ts", 'import { HtmlBasePlugin } from "@11ty/eleventy"; export const planted = HtmlBasePlugin;');
    expect(code).not.toBe(0);
    expect(output).toMatch(/eleventy-only-in-plugins: src\/view\/home\.ts → \S*node_modules\/@11ty\/eleventy\//);
  });

  it("keep Node out of the code bundled for the browser", async () => {
    const { code, output } = await withLine("src/common/slug.ts", 'import { readFileSync } from "node:fs"; export const planted = readFileSync;');
    expect(code).not.toBe(0);
    expect(output).toMatch(/common-no-node: src\/common\/slug\.ts → (node:)?fs\b/);
  });
});
