// npm run issue-form: writes .github/ISSUE_TEMPLATE/sign.yml, the GitHub issue form signers without git
// use, listing the letters open for signatures, and withdraw.yml, the form to withdraw or correct a
// signature. npm run check warns when either is out of date.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { displayPath } from "../src/load/files.ts";
import { loadSiteOrThrow } from "../src/load/site.ts";
import { ISSUE_FORM_PATH, WITHDRAW_FORM_PATH, issueFormYaml, withdrawFormYaml } from "../src/tools/issue-form.ts";
import { parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run issue-form [-- --root DIR]

Writes ${ISSUE_FORM_PATH}: the issue form for signing without git, with a dropdown of the
letters open for signatures, and ${WITHDRAW_FORM_PATH}: the form to withdraw or correct a
signature. Run it after releasing or closing a letter, and commit both files.
The workflow .github/workflows/sign-from-issue.yml turns approved issues into signatory files,
and applies a withdrawal or correction asked by the account a signature is bound to.
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags({ root: { type: "string" } });
    const root = resolve(values.root ?? ".");
    const site = await loadSiteOrThrow(root, { cache: false });
    const file = join(root, ISSUE_FORM_PATH);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, issueFormYaml(site.letters, site.config));
    console.log(`Wrote ${displayPath(file)} (${site.letters.filter((l) => l.status === "open").length} letter(s) open for signatures).`);
    const withdraw = join(root, WITHDRAW_FORM_PATH);
    await writeFile(withdraw, withdrawFormYaml(site.letters, site.config));
    console.log(`Wrote ${displayPath(withdraw)} (${site.letters.filter((l) => l.status !== "draft").length} letter(s) with signatures). Commit both.`);
  }, HELP);
}
