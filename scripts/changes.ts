// npm run changes -- <base-ref>: a Markdown summary, for reviewers, of what the working tree (or --head)
// changes in letters/ compared with a git ref. The pull-request workflow writes it to the job summary.
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { changesMarkdown, diffSnapshots } from "../src/tools/changes.ts";
import { checkSite } from "../src/tools/check.ts";
import { GitError, extractLetters } from "../src/tools/git.ts";
import { loadSnapshot } from "../src/tools/snapshot.ts";
import { UsageError, parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run changes -- <base-ref> [--head REF] [--root DIR]

Prints, as Markdown, what changes in letters/ compared with <base-ref> (a branch, tag or
commit): letters touched, signatories added, edited, withdrawn or removed (names and
affiliations), versions released, and the results of npm run check.

  <base-ref>   what to compare with, e.g. origin/main
  --head REF   compare this ref instead of the working tree
  --root DIR   the git repository (default: .)

Example: npm run changes -- origin/main >> "$GITHUB_STEP_SUMMARY"
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values, positionals } = parseFlags({ head: { type: "string" }, root: { type: "string" } }, process.argv.slice(2), true);
    const [base, ...extra] = positionals;
    if (!base || extra.length) throw new UsageError("Give exactly one base ref, e.g. npm run changes -- origin/main");
    // Paths in messages are then relative to the repository, as reviewers see them.
    process.chdir(resolve(values.root ?? "."));
    const temporary: string[] = [];
    try {
      const baseDir = await extractLetters(".", base);
      temporary.push(baseDir);
      const headDir = values.head ? await extractLetters(".", values.head) : ".";
      if (values.head) temporary.push(headDir);
      const [before, after, check] = await Promise.all([loadSnapshot(baseDir), loadSnapshot(headDir), checkSite(headDir)]);
      const markdown = changesMarkdown(diffSnapshots(before, after), {
        base,
        head: values.head ?? "working tree",
        problems: check.problems,
      });
      process.stdout.write(markdown);
    } catch (error) {
      // A git failure is about the ref given on the command line: print the usage with it.
      if (error instanceof GitError) throw new UsageError(error.message, { hint: error.hint, cause: error });
      throw error;
    } finally {
      for (const dir of temporary) await rm(dir, { recursive: true, force: true });
    }
  }, HELP);
}
