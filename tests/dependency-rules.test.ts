// The import rules of src/ (.dependency-cruiser.cjs, run as `npm run lint:deps`): they pass on the
// project as it is, and each rule fails when a scratch copy of src/ breaks it.
import { execFile } from "node:child_process";
import { appendFile, cp, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
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

/** One broken rule each: the file, the line planted in it, and what `lint:deps` must say. */
const PLANTED: Array<{ rule: string; file: string; line: string; says: string | RegExp }> = [
  {
    rule: "refuse an import from a lower stage into a higher one",
    file: "src/load/files.ts",
    line: 'import { buildPages } from "../view/pages.ts"; export const planted = buildPages;',
    says: "no-upward-from-load: src/load/files.ts → src/view/pages.ts",
  },
  {
    // With its other half below (types.ts importing limits.ts), a cycle of type imports alone.
    rule: "refuse a cycle made only of type imports",
    file: "src/model/limits.ts",
    line: 'import type { Letter } from "./types.ts"; export type PlantedLetter = Letter;',
    says: /no-circular: src\/model\/limits\.ts →\s+src\/model\/types\.ts →\s+src\/model\/limits\.ts/,
  },
  {
    rule: "keep the PDF writer away from the page view models",
    file: "src/outputs/pdf/tree.ts",
    line: 'import type { LetterPage } from "../../view/letter-page.ts"; export type Planted = LetterPage;',
    says: "pdf-not-view: src/outputs/pdf/tree.ts → src/view/letter-page.ts",
  },
  {
    rule: "keep Eleventy inside its plugins",
    file: "src/view/home.ts",
    line: 'import { HtmlBasePlugin } from "@11ty/eleventy"; export const planted = HtmlBasePlugin;',
    says: /eleventy-only-in-plugins: src\/view\/home\.ts → \S*node_modules\/@11ty\/eleventy\//,
  },
  {
    rule: "keep Node out of the code bundled for the browser",
    file: "src/common/slug.ts",
    line: 'import { readFileSync } from "node:fs"; export const planted = readFileSync;',
    says: /common-no-node: src\/common\/slug\.ts → (node:)?fs\b/,
  },
];

describe("the dependency rules", () => {
  // Every rule is broken once in one scratch copy of the project, checked by one run (each run takes
  // about 1.7 s): each test below finds its own rule's complaint, naming the file and the import.
  let broken: { code: number; output: string };

  beforeAll(async () => {
    const scratch = await tempDir("open-letters-deps-");
    for (const entry of ["src", "scripts", ".eleventy.ts", ".dependency-cruiser.cjs", "tsconfig.json", "package.json"]) {
      await cp(join(PROJECT, entry), join(scratch, entry), { recursive: true });
    }
    await symlink(join(PROJECT, "node_modules"), join(scratch, "node_modules"));
    await appendFile(join(scratch, "src/model/types.ts"), '\nimport type { limits } from "./limits.ts";\nexport type PlantedLimits = typeof limits;\n');
    for (const { file, line } of PLANTED) await appendFile(join(scratch, file), `\n${line}\n`);
    broken = await lintDeps(scratch);
    await rm(scratch, { recursive: true, force: true });
  });

  it("pass on the project as it is", async () => {
    const { code, output } = await lintDeps(PROJECT);
    expect(output).not.toMatch(/error/);
    expect(code).toBe(0);
  });

  for (const { rule, says } of PLANTED) {
    it(rule, () => {
      expect(broken.code).not.toBe(0);
      if (typeof says === "string") expect(broken.output).toContain(says);
      else expect(broken.output).toMatch(says);
    });
  }
});
