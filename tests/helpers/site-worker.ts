// Run by tests/fuzz-letters.test.ts in a process of its own, checking and building sites on request, so
// that fast-check can try each case as it generates it (and again as it shrinks a failing one). Its own
// process because Eleventy loads .eleventy.ts through tsx, which vitest's module runner cannot (as for
// tests/helpers/build-many.ts), and because a read that never returns (a named pipe) must not stop the
// test: the test gives up on the answer and starts a new worker. Reads one JSON request per line from
// stdin and answers each with one line starting with RESULT_MARK (the build prints lines of its own).
import { createInterface } from "node:readline";
import { OpenLettersError } from "../../src/model/errors.ts";
import { buildSite } from "../../src/tools/build.ts";
import { checkSite } from "../../src/tools/check.ts";
import { PlaceholderTextError } from "../../src/tools/gate.ts";
import { lintSite } from "../../src/tools/lint.ts";

export const RESULT_MARK = "@@site-worker ";

export type WorkerRequest = { op: "check"; root: string } | { op: "build"; root: string; output: string; pdfCache: string };

export interface CheckAnswer {
  /** What npm run check would exit with. */
  ok: boolean;
  /** Every error, formatted; `checkOnly` marks those of the rules that only the check applies. */
  errors: { text: string; checkOnly: boolean }[];
  /** Every problem was of the project's user-error family. */
  allUser: boolean;
  /** The check itself threw: a bug. */
  crash?: string;
}

export interface BuildAnswer {
  ok: boolean;
  /** The build failed with an error of the project's user-error family (exit 1 with a message, no stack). */
  user?: boolean;
  error?: string;
}

async function check(root: string): Promise<CheckAnswer> {
  try {
    const { site, problems } = await checkSite(root, { cache: false });
    // The rules only npm run check applies, by design: the lint rules guarding a pull request (an unsafe or
    // stray signatory file name, reviewed.yaml: the build reads what it can) and text left from the scaffold.
    const lint = new Set((await lintSite(root)).problems.map((p) => p.format()));
    const errors = problems.filter((p) => p.severity === "error");
    return {
      ok: site !== undefined && errors.length === 0,
      errors: errors.map((p) => ({ text: p.format(), checkOnly: lint.has(p.format()) || p instanceof PlaceholderTextError })),
      allUser: problems.every((p) => p instanceof OpenLettersError),
    };
  } catch (error) {
    return { ok: false, errors: [], allUser: false, crash: String((error as Error).stack ?? error) };
  }
}

async function build(request: Extract<WorkerRequest, { op: "build" }>): Promise<BuildAnswer> {
  try {
    await buildSite({ root: request.root, output: request.output }, { OPEN_LETTERS_PDF_CACHE: request.pdfCache, OPEN_LETTERS_PDF_WORKERS: "0", OPEN_LETTERS_CACHE: "0" });
    return { ok: true };
  } catch (error) {
    const user = error instanceof OpenLettersError;
    return { ok: false, user, error: user ? error.format() : String((error as Error).stack ?? error) };
  }
}

if (process.argv[1]?.endsWith("site-worker.ts")) {
  for await (const line of createInterface({ input: process.stdin })) {
    const request = JSON.parse(line) as WorkerRequest;
    const answer = request.op === "check" ? await check(request.root) : await build(request);
    process.stdout.write(`${RESULT_MARK}${JSON.stringify(answer)}\n`);
  }
}
