// npm run check: validate every letter and signatory file without writing anything.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatProblems, hasErrors } from "../src/errors.ts";
import { sitePdfProblems } from "../src/pdf/index.ts";
import { loadSite } from "../src/site.ts";
import { parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run check [-- --root DIR]

Checks every letter and signatory file and reports every problem at once as file:line:column.
Writes nothing. Exits with 1 if there is an error.

  --root DIR   folder holding letters/ (default: .)
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags({ root: { type: "string" } });
    const { site, problems } = await loadSite(values.root ?? ".");
    // A text whose PDF cannot be made (a script no PDF font covers) is an error here too, published or
    // not: a pull request that adds one fails its check before a release freezes the text for good.
    if (site && !hasErrors(problems)) problems.push(...sitePdfProblems(site, { preview: true }));
    if (problems.length) console.error(formatProblems(problems));
    if (!site || hasErrors(problems)) {
      const count = problems.filter((p) => p.severity === "error").length;
      console.error(`${count} error(s). Fix them and run npm run check again.`);
      return 1;
    }
    const signatories = site.letters.reduce((n, l) => n + l.signatories.length, 0);
    console.log(`OK: ${site.letters.length} letter(s), ${signatories} signatories, no errors.`);
  }, HELP);
}
