// npm run verify-accounts -- --base origin/main --author LOGIN: fails when the pull request adds or changes a
// signature's `github:` binding that its author may not make (see src/tools/verify-accounts.ts).
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { githubAnnotation } from "../src/tools/annotations.ts";
import { GitError } from "../src/tools/git.ts";
import { BOT_LOGIN, ISSUE_AUTHOR_TRAILER, verifyAccounts } from "../src/tools/verify-accounts.ts";
import { UsageError, parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run verify-accounts -- --base REF --author LOGIN [--association ASSOC] [--maintainer]
                                  [--bot LOGIN] [--format text|github] [--root DIR]

Checks the signatory files a pull request adds or changes since REF (git diff from the merge
base to HEAD): a signature bound to a GitHub account (github: LOGIN) must come from that account,
from a maintainer, or from the issue bot for an issue that account opened. Exits with 1 and
names each binding that does not, as file:line:column.

  --base REF           the branch the pull request goes into, e.g. origin/main (required)
  --author LOGIN       who opened the pull request (required)
  --association ASSOC  the author's GitHub author_association; OWNER, MEMBER and COLLABORATOR
                       count as maintainers
  --maintainer         the author is a maintainer
  --bot LOGIN          the bot whose pull requests carry "${ISSUE_AUTHOR_TRAILER}: LOGIN" in
                       their commits, trusted for that login (default: ${BOT_LOGIN})
  --format FORMAT      text (default) or github: GitHub Actions annotations
  --root DIR           the git repository (default: .)

In pull-request.yml: npm run verify-accounts -- --base "origin/$BASE_REF" --author "$AUTHOR" --association "$ASSOCIATION" --format github
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags({
      base: { type: "string" }, author: { type: "string" }, association: { type: "string" }, maintainer: { type: "boolean" },
      bot: { type: "string" }, format: { type: "string" }, root: { type: "string" },
    });
    const format = values.format ?? "text";
    if (format !== "text" && format !== "github") throw new UsageError(`Unknown format "${format}": use text or github.`);
    if (!values.base) throw new UsageError("Say what the pull request goes into: --base <ref>, e.g. --base origin/main.");
    if (!values.author) throw new UsageError("Say who opened the pull request: --author <login>.");
    // Paths in messages are then relative to the repository, as annotations need them.
    process.chdir(resolve(values.root ?? "."));
    let result;
    try {
      result = await verifyAccounts(".", { base: values.base, author: values.author, association: values.association, maintainer: values.maintainer, bot: values.bot });
    } catch (error) {
      if (error instanceof GitError) throw new UsageError(error.message, { hint: error.hint, cause: error });
      throw error;
    }
    if (format === "github") for (const p of result.problems) console.log(githubAnnotation(p));
    else if (result.problems.length) console.error(result.problems.map((p) => p.format()).join("\n"));
    if (result.problems.length) {
      console.error(`${result.problems.length} signature(s) bound to a GitHub account that did not open this pull request.`);
      return 1;
    }
    console.log(`OK: ${result.checked} new or changed account binding(s), each made by its account, a maintainer or the issue bot.`);
  }, HELP);
}
