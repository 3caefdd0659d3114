// One error family: every failure a user can cause is an OpenLettersError, printed by the CLIs without a
// stack; anything else is a bug, printed with its stack and a request to report it.
import { cp, readdir, readFile, rename } from "node:fs/promises";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ContentProblemsError, InternalError, InvalidFieldError, OpenLettersError } from "../src/model/errors.ts";
import { ReleaseError } from "../src/tools/release.ts";
import { UsageError, errorText } from "../scripts/lib/cli.ts";
import { PROJECT, fixture, runScript, tempDir } from "./helpers/site.ts";

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(PROJECT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")).map((e) => join(e.parentPath, e.name));
}

const STACK_LINE = /^\s+at /m;

describe("the error family", () => {
  it("has every exported error class in src/ and scripts/ extend OpenLettersError, or InternalError for bugs", { timeout: 60_000 }, async () => {
    const seen: string[] = [];
    for (const file of [...(await sourceFiles("src")), ...(await sourceFiles("scripts"))]) {
      const text = await readFile(file, "utf8");
      // Only modules that declare a class are imported: importing all of src/ would only cost time.
      if (!/^export class \w+ extends /m.test(text)) continue;
      const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        if (typeof value !== "function" || !(value.prototype instanceof Error)) continue;
        seen.push(name);
        const family = value.prototype instanceof OpenLettersError || value === OpenLettersError;
        const bug = value.prototype instanceof InternalError || value === InternalError;
        expect(family || bug, `${relative(PROJECT, file)}: ${name} extends neither OpenLettersError nor InternalError`).toBe(true);
      }
    }
    // The scan found the classes it is meant to check, so it cannot pass by finding none.
    expect(seen).toEqual(expect.arrayContaining(["ContentError", "ContentProblemsError", "GitError", "ReleaseError", "UsageError", "TypstError", "PdfError"]));
  });

  it("names each instance after its class and keeps the cause", () => {
    const cause = new Error("underneath");
    const error = new ReleaseError("Nope.", { hint: "Do this.", cause });
    expect(error.name).toBe("ReleaseError");
    expect(error.cause).toBe(cause);
    expect(new InvalidFieldError("a.yaml", { line: 2, column: 3 }, "Bad.").name).toBe("InvalidFieldError");
  });

  it("formats as file:line:col: error: message hint, or message and hint without a file", () => {
    expect(new InvalidFieldError("letters/a/letter.md", { line: 2, column: 3 }, '"title" is empty.', "Write a title.").format()).toBe(
      'letters/a/letter.md:2:3: error: "title" is empty. Write a title.',
    );
    expect(new OpenLettersError("Wrong.", { file: "x.yaml", hint: "Fix it." }).format()).toBe("x.yaml:1:1: error: Wrong. Fix it.");
    expect(new ReleaseError("There is no letter.", { hint: "Letters: a, b." }).format()).toBe("There is no letter. Letters: a, b.");
  });

  // No file can only hold a plain `throw new Error(`: each is an assertion, with a comment saying why.
  it("has no plain `throw new Error(` outside the listed assertions", async () => {
    const allowed: Record<string, number> = {
      // common/ sits below src/model/, so cannot use the family; site.yaml is validated before these run.
      "src/common/sign-fields.ts": 2,
      // Caught by the benchmark itself, which records a missed target.
      "scripts/bench.ts": 1,
      // Runs in a reader's browser, where the search form shows a failed fetch; no CLI ever sees it.
      "src/browser/search.ts": 1,
      // The same for the verify page, which then says the hashes could not be loaded.
      "src/browser/verify.ts": 1,
    };
    const found: Record<string, number> = {};
    for (const file of [...(await sourceFiles("src")), ...(await sourceFiles("scripts"))]) {
      const count = ((await readFile(file, "utf8")).match(/throw new Error\(/g) ?? []).length;
      if (count) found[relative(PROJECT, file)] = count;
    }
    expect(found).toEqual(allowed);
  });
});

describe("the CLI error printer", () => {
  it("prints a user's mistake as its message and hint, without a stack", () => {
    const text = errorText(new ReleaseError('There is no letter "nope".', { hint: "Letters: pledge." }));
    expect(text).toBe('There is no letter "nope". Letters: pledge.');
    expect(text).not.toMatch(STACK_LINE);
  });

  it("prints content problems one a line, as npm run check does", () => {
    const problems = [new InvalidFieldError("b.yaml", { line: 1, column: 1 }, "B."), new InvalidFieldError("a.yaml", { line: 4, column: 2 }, "A.", "Fix A.")];
    expect(errorText(new ContentProblemsError(problems))).toBe("a.yaml:4:2: error: A. Fix A.\nb.yaml:1:1: error: B.");
  });

  it("prints a usage error with the usage", () => {
    expect(errorText(new UsageError("Unknown option '--x'"), "\nUsage: npm run build\n")).toBe("Unknown option '--x'\n\nUsage: npm run build");
  });

  it("prints anything else as a bug, with its stack and where to report it", () => {
    for (const error of [new Error("boom"), new InternalError("Typst refused our layout."), new TypeError("x is undefined")]) {
      const text = errorText(error);
      expect(text).toContain(error.message);
      expect(text).toMatch(STACK_LINE);
      expect(text).toContain("This is a bug in open-letters; please report it");
      expect(text).toContain("with the command you ran");
    }
  });
});

describe("a build that fails because of the output folder", () => {
  it("refuses a letter folder named assets before writing anything, without a stack, exits 1 and leaves no staging folder", { timeout: 180_000 }, async () => {
    const root = join(await tempDir(), "basic");
    await cp(fixture("basic"), root, { recursive: true, filter: (path) => !path.includes("/.cache") });
    // The site writes its stylesheet and icons to /assets/, where this letter would be published too.
    // (It used to build once, then collide with the site's files when the next build reused it.)
    await rename(join(root, "letters/first-letter"), join(root, "letters/assets"));
    const parent = await tempDir();
    const output = join(parent, "site");
    const build = await runScript("build.ts", ["--root", root, "--output", output], { OPEN_LETTERS_PDF: "0" });

    expect(build.code).toBe(1);
    expect(build.stderr).not.toMatch(STACK_LINE);
    expect(build.stderr).not.toContain("This is a bug");
    expect(build.stderr).toMatch(/letters\/assets\/letter\.md:1:1: error: The letter would be published at \/assets\/, where the site writes its own files/);
    expect(build.stderr).toContain("Build stopped");
    expect(await readdir(parent)).toEqual([]);
  });
});
