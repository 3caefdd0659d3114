// npm run release -- <slug> [--notes "..."] [--date YYYY-MM-DD]: freeze the current text as a new version.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveBuildOptions } from "../src/build/options.ts";
import { releaseLetter } from "../src/tools/release.ts";
import { UsageError, parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run release -- <slug> [--notes "What changed"] [--editorial] [--date YYYY-MM-DD] [--root DIR]

Freezes the current text of letters/<slug>/ (every language file) as the next version:
writes letters/<slug>/versions/<n>/ and appends the version to letters/<slug>/versions.yaml.
Commit the new files in a pull request. Released versions never change afterwards.

  --notes TEXT  what changed, shown on the letter's history page
  --editorial   a correction that keeps the meaning (a typo, a broken link): everyone who
                signed the version before carries over, without a "signed version N" mark
  --date DATE   release date (default: today, UTC), e.g. to record a letter sent earlier
  --root DIR    folder holding letters/ (default: .)
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values, positionals } = parseFlags({ notes: { type: "string" }, editorial: { type: "boolean" }, date: { type: "string" }, root: { type: "string" } }, undefined, true);
    if (positionals.length !== 1) throw new UsageError("Name exactly one letter (its folder name under letters/).");
    // A ReleaseError is an OpenLettersError: runCli prints its message alone.
    const result = await releaseLetter(values.root ?? ".", positionals[0]!, {
      notes: values.notes, editorial: values.editorial, date: values.date, cache: resolveBuildOptions({ env: process.env }).cache,
    });
    console.log(`Released version ${result.version} of ${positionals[0]} on ${result.date}, with ${result.added} new signatories:`);
    for (const file of result.files) console.log(`  ${file}`);
    console.log("Commit these files and open a pull request.");
  }, HELP);
}
