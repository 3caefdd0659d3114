// Everything `npm run check` reports: the loader's errors and warnings, then the lint rules', in one
// sorted list, plus the fixes `--fix` can apply.
import { sortProblems, type ContentError } from "../model/errors.ts";
import { lintSite, type Fix } from "./lint.ts";
import { openLetterWarnings } from "./open-letters.ts";
import type { LoadOptions } from "../load/parse-cache.ts";
import { loadSite } from "../load/site.ts";
import type { Site } from "../model/types.ts";

export interface CheckResult {
  site?: Site;
  problems: ContentError[];
  fixes: Fix[];
}

export async function checkSite(root: string, options: LoadOptions = {}): Promise<CheckResult> {
  const [loaded, lint] = await Promise.all([loadSite(root, options), lintSite(root)]);
  // The same file:line:col and message from two sources is one problem.
  const seen = new Set<string>();
  const problems = sortProblems([...loaded.problems, ...lint.problems, ...(await openLetterWarnings(loaded.site))]).filter((p) => {
    const key = p.format();
    return !seen.has(key) && seen.add(key);
  });
  return { site: loaded.site, problems, fixes: lint.fixes };
}
