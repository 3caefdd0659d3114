// A letter's folders and release files replaced by something else (a file, a named pipe, a link to
// nothing or to itself), as a pull request or a broken checkout can leave them: npm run check reports each
// where it is, and neither the check nor the build fails as on a bug or waits forever on a pipe.
// Found by tests/fuzz-letters.test.ts.
import { execFile } from "node:child_process";
import { cp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { siteStamp } from "../src/build/reuse.ts";
import { OpenLettersError } from "../src/model/errors.ts";
import { checkSite } from "../src/tools/check.ts";
import { PROJECT, fixture, tempDir } from "./helpers/site.ts";

const run = promisify(execFile);
const TSX = join(PROJECT, "node_modules/.bin/tsx");

type Make = (path: string) => Promise<unknown>;
const MAKE: Record<string, Make> = {
  "a file": (path) => writeFile(path, "x\n"),
  "a named pipe": (path) => run("mkfifo", [path]),
  "a folder": (path) => mkdir(join(path, "inner"), { recursive: true }),
  "a link to nothing": (path) => symlink(`${path}-gone`, path),
  "a link to itself": (path) => symlink(path, path),
};

/** The basic fixture with `path` (inside its released second letter) replaced by `make`. */
async function siteWith(path: string, make: Make): Promise<string> {
  const root = await tempDir();
  await cp(fixture("basic"), root, { recursive: true });
  const at = join(root, "letters/second-letter", path);
  await rm(at, { recursive: true, force: true });
  await make(at);
  return root;
}

const cases: [string, string][] = [
  ["versions", "a file"],
  ["versions", "a named pipe"],
  ["versions/1", "a file"],
  ["versions/1", "a named pipe"],
  ["versions/1/signatories.txt", "a named pipe"],
  ["versions/1/signatories.txt", "a folder"],
  ["versions/1/letter.md", "a link to nothing"],
  ["letter.md", "a link to itself"],
  ["signatories/list.yaml", "a link to nothing"],
];

describe("a letter's folder or release file that is something else", () => {
  it.each(cases)("%s as %s is an error of npm run check, never a crash or a wait", { timeout: 30_000 }, async (path, kind) => {
    const root = await siteWith(path, MAKE[kind]!);
    if (kind === "a named pipe") {
      // In a process of its own: a read of a pipe nobody writes to blocks the whole process, test runner and all.
      const result = await run(TSX, [join(PROJECT, "scripts/check.ts"), "--root", root], { cwd: PROJECT, timeout: 20_000 }).then(
        () => ({ code: 0, stderr: "", killed: false }),
        (error: { code?: number; stderr?: string; killed?: boolean }) => ({ code: error.code, stderr: error.stderr ?? "", killed: error.killed === true }),
      );
      expect(result.killed, "npm run check waited on the pipe").toBe(false);
      expect(result.stderr).not.toMatch(/This is a bug/);
      expect(result.code, result.stderr).toBe(1);
      return;
    }
    const { problems } = await checkSite(root, { cache: false });
    const errors = problems.filter((p) => p.severity === "error");
    expect(errors.length, problems.map((p) => p.format()).join("\n")).toBeGreaterThan(0);
    expect(errors.every((p) => p instanceof OpenLettersError)).toBe(true);
    // The build's first step, before it loads anything: it stamped every file with stat, which throws on a dangling link.
    expect(() => siteStamp(root, {})).not.toThrow();
  });

  it("says the versions folder is not a folder, where it is", async () => {
    const root = await siteWith("versions", MAKE["a file"]!);
    const { problems } = await checkSite(root, { cache: false });
    expect(problems.find((p) => p.file?.endsWith("second-letter/versions"))?.message).toBe("This is not a folder, so no released version of this letter can be read.");
  });
});
