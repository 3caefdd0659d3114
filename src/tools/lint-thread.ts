// `npm run check` lints a large site in a worker thread while this one loads the site and runs the
// build's checks: both read every signatory file, each from its own cache, and on two cores the lint's
// second of 100,000 one-file signatories no longer adds to the load's. A small site is linted here:
// starting a thread costs more than its lint.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import * as errors from "../model/errors.ts";
import { ContentError, type Severity } from "../model/errors.ts";
import { typeScriptWorker } from "../model/threads.ts";
import type { FileStats } from "../load/files.ts";
import { INTERFACE_TEXT_DIR } from "../load/interface-text.ts";
import { SIGNATORIES_DIR } from "../load/signatories.ts";
import { LETTERS_DIR } from "../load/site.ts";
import { lintSite, type LintResult } from "./lint.ts";

/** Signatory files from which the lint runs in a thread of its own. */
export const LINT_THREAD_MIN_FILES = 10_000;

/** A problem as a message between threads carries it (a class instance does not cross). */
export interface SentProblem {
  kind: string;
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
  severity: Severity;
}

export const sentProblem = (p: ContentError): SentProblem =>
  ({ kind: p.name, file: p.file, line: p.line, column: p.column, message: p.message, hint: p.hint, severity: p.severity });

/** The problem again, of its own class (every problem the lint reports is one of model/errors.ts's). */
export function receivedProblem(p: SentProblem): ContentError {
  const named = (errors as Record<string, unknown>)[p.kind];
  const Kind = typeof named === "function" && named.prototype instanceof ContentError ? (named as typeof ContentError) : ContentError;
  const problem = new Kind(p.file, { line: p.line, column: p.column }, p.message, p.hint);
  problem.severity = p.severity;
  return problem;
}

/** How many signatory files the site's letters hold (one folder listing per letter). */
function signatoryFiles(root: string): number {
  const letters = join(resolve(root), LETTERS_DIR);
  let count = 0;
  try {
    for (const entry of readdirSync(letters, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name === INTERFACE_TEXT_DIR) continue;
      try {
        count += readdirSync(join(letters, entry.name, SIGNATORIES_DIR)).length;
      } catch {
        // no signatories folder: nothing to count
      }
    }
  } catch {
    return 0; // no letters folder: the loader says so
  }
  return count;
}

/** lintSite, in a worker thread when the site is large. Any failure there is found again here, as lintSite reports it. */
export async function lintSiteAside(root: string, options: { cache?: boolean; stats?: FileStats; threadFrom?: number } = {}): Promise<LintResult> {
  if (signatoryFiles(root) < (options.threadFrom ?? LINT_THREAD_MIN_FILES)) return lintSite(root, options);
  const worker = typeScriptWorker(new URL("./lint-worker.ts", import.meta.url), { root, cache: options.cache ?? true });
  try {
    const reply = await new Promise<{ problems: SentProblem[]; fixes: LintResult["fixes"] } | { failed: string }>((done, fail) => {
      worker.once("message", done);
      worker.once("error", fail);
    });
    if ("failed" in reply) return lintSite(root, options);
    return { problems: reply.problems.map(receivedProblem), fixes: reply.fixes };
  } catch {
    return lintSite(root, options);
  } finally {
    void worker.terminate();
  }
}
