// npm run check: validate every letter and signatory file; with --fix, apply the safe fixes first.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { githubAnnotation } from "../src/tools/annotations.ts";
import { resolveBuildOptions } from "../src/build/options.ts";
import { checkSite } from "../src/tools/check.ts";
import { applyFixes } from "../src/tools/fix.ts";
import { migrateRecords } from "../src/tools/migrate-records.ts";
import { hasErrors } from "../src/model/errors.ts";
import { UsageError, parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run check [-- --root DIR] [--fix] [--format text|github]

Checks every letter and signatory file and reports every problem at once as
file:line:column, what is wrong and how to fix it. Exits with 1 if there is an error
(warnings alone do not fail).

  --root DIR       folder holding letters/ (default: .)
  --fix            apply the safe fixes in place, then check again: trim and collapse
                   spaces in names, add https:// to bare web addresses, rename a
                   one-signatory file after its name, convert release records that
                   name signatories into ids. Comments and layout are kept.
  --format FORMAT  text (default) or github: GitHub Actions annotations
                   (::error file=...,line=...::message) that show on the pull request
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags({ root: { type: "string" }, fix: { type: "boolean" }, format: { type: "string" } });
    const format = values.format ?? "text";
    if (format !== "text" && format !== "github") throw new UsageError(`Unknown format "${format}": use text or github.`);
    const root = values.root ?? ".";
    // The environment is read here, at the top, and only for the caches (OPEN_LETTERS_CACHE).
    const load = { cache: resolveBuildOptions({ env: process.env }).cache };
    let result = await checkSite(root, load);
    if (values.fix) {
      for (const line of await migrateRecords(root, load)) console.log(`fixed ${line}`);
      const report = await applyFixes((await checkSite(root, load)).fixes, root);
      for (const line of report.applied) console.log(`fixed ${line}`);
      for (const line of report.skipped) console.error(`not fixed: ${line}`);
      if (report.applied.length === 0 && report.skipped.length === 0) console.log("Nothing to fix.");
      result = await checkSite(root, load);
    }
    // Everything a build would stop on or warn about is in there too (src/tools/gate.ts).
    const { site, problems } = result;
    if (format === "github") {
      // Annotations go to stdout, where the runner reads workflow commands.
      for (const p of problems) console.log(githubAnnotation(p));
    } else if (problems.length) {
      console.error(problems.map((p) => p.format()).join("\n"));
    }
    const errors = problems.filter((p) => p.severity === "error").length;
    const warnings = problems.length - errors;
    if (!site || hasErrors(problems)) {
      console.error(`${errors} error(s), ${warnings} warning(s). Fix the errors and run npm run check again.`);
      return 1;
    }
    const signatories = site.letters.reduce((n, l) => n + l.signatories.length, 0);
    const fixable = values.fix ? 0 : result.fixes.length;
    console.log(
      `OK: ${site.letters.length} letter(s), ${signatories} signatories, no errors` +
        `${warnings ? `, ${warnings} warning(s)` : ""}${fixable ? `; npm run check -- --fix can fix ${fixable} file(s)` : ""}.`,
    );
  }, HELP);
}
