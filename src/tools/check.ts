// Everything `npm run check` reports: the loader's errors and warnings, the lint rules', and what a
// build would stop on or warn about (tools/gate.ts), in one sorted list, plus the fixes `--fix` can
// apply. `npm run release` runs the same check first and refuses while it finds an error.
import { ContentProblemsError, sortProblems, type ContentError } from "../model/errors.ts";
import { issueFormWarnings } from "./issue-form.ts";
import type { Fix } from "./lint.ts";
import { lintSiteAside } from "./lint-thread.ts";
import { openLetterWarnings } from "./open-letters.ts";
import type { LoadOptions } from "../load/parse-cache.ts";
import { loadSite } from "../load/site.ts";
import { FileStats } from "../load/files.ts";
import type { Site } from "../model/types.ts";
import { gateProblems, unique } from "./gate.ts";

export interface CheckResult {
  site?: Site;
  problems: ContentError[];
  fixes: Fix[];
}

export async function checkSite(root: string, options: LoadOptions = {}): Promise<CheckResult> {
  // The loader and the lint read the same signatory files: each file's lstat is asked once (a large
  // site's lint, in a thread of its own, asks its own).
  const stats = options.stats ?? new FileStats();
  const linting = lintSiteAside(root, { cache: options.cache, stats });
  linting.catch(() => undefined); // awaited below, after the build's checks: not an unhandled failure meanwhile
  const loaded = await loadSite(root, { ...options, stats });
  // The build's own checks need a site that loaded, i.e. no loader error: those come first anyway. They
  // run while a large site's lint is still busy in its own thread.
  const built = loaded.site ? gateProblems(loaded.site) : [];
  const others = [...(await openLetterWarnings(loaded.site)), ...issueFormWarnings(root, loaded.site)];
  const lint = await linting;
  // The same file:line:col and message from two sources is one problem.
  const problems = sortProblems(unique([...loaded.problems, ...lint.problems, ...built, ...others]));
  return { site: loaded.site, problems, fixes: lint.fixes };
}

/** npm run release refused: the check found errors, listed with the way out. */
export class ReleaseRefusedError extends ContentProblemsError {
  constructor(
    readonly slug: string,
    problems: ContentError[],
  ) {
    super(problems);
  }

  override format(): string {
    const errors = this.problems.filter((p) => p.severity === "error").length;
    return `${super.format()}\nNothing was released: npm run check finds ${errors} error(s), listed above. Fix them, then run npm run release -- ${this.slug} again.`;
  }
}

/**
 * A release freezes its text for good, so it is refused while `npm run check` finds any error in the
 * site (the same errors the pull request's check would fail on), printing them all.
 */
export async function refuseIfCheckFails(root: string, slug: string, options: LoadOptions = {}): Promise<void> {
  const { problems } = await checkSite(root, { cache: options.cache });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) throw new ReleaseRefusedError(slug, errors);
}
