// npm run release -- <slug> [--notes "..."] [--date YYYY-MM-DD]: freeze the current text as a new version.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveBuildOptions } from "../src/build/options.ts";
import { releaseLetter } from "../src/tools/release.ts";
import { recordEditions } from "../src/tools/editions.ts";
import { UsageError, parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run release -- <slug> [--notes "What changed"] [--editorial] [--date YYYY-MM-DD] [--root DIR]
       npm run release -- <slug> --edition [--notes "Why the PDFs changed"]

Freezes the current text of letters/<slug>/ (every language file) as the next version:
writes letters/<slug>/versions/<n>/ and appends the version to letters/<slug>/versions.yaml.
Commit the new files in a pull request. Released versions never change afterwards.

  --notes TEXT  what changed, shown on the letter's history page
  --editorial   a correction that keeps the meaning (a typo, a broken link): everyone who
                signed the version before carries over, without a "signed version N" mark
  --edition     release no new text: record a new edition of every released PDF whose
                bytes would change (after a layout, font or Typst upgrade, or for versions
                released before editions), so every published SHA-256 stays listed; and
                record each delivered update's delivery pack (edition 1, or the next)
  --date DATE   release date (default: today, UTC), e.g. to record a letter sent earlier
  --root DIR    folder holding letters/ (default: .)
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values, positionals } = parseFlags({ notes: { type: "string" }, editorial: { type: "boolean" }, edition: { type: "boolean" }, date: { type: "string" }, root: { type: "string" } }, undefined, true);
    if (positionals.length !== 1) throw new UsageError("Name exactly one letter (its folder name under letters/).");
    const cache = resolveBuildOptions({ env: process.env }).cache;
    if (values.edition) {
      const recorded = await recordEditions(values.root ?? ".", positionals[0]!, { date: values.date, reason: values.notes, cache });
      if (!recorded.length) console.log(`Every released PDF and delivery pack of ${positionals[0]} matches its recorded edition: nothing to record.`);
      for (const r of recorded) {
        if (r.update) {
          console.log(r.unchanged
            ? `The delivery pack of ${r.update}, edition ${r.edition}: ${r.reason}; every published SHA-256 stays true.`
            : `Recorded edition ${r.edition} of the delivery pack of ${r.update} (version ${r.version}): ${r.reason}.`);
          continue;
        }
        console.log(r.unchanged
          ? `Version ${r.version}'s PDFs typeset to the same bytes as edition ${r.edition}: its published SHA-256 stay true; recorded its new inputs.`
          : `Recorded edition ${r.edition} of version ${r.version}'s PDFs: ${r.reason}.`);
      }
      for (const file of new Set(recorded.flatMap((r) => r.files))) console.log(`  ${file}`);
      return;
    }
    // A ReleaseError is an OpenLettersError: runCli prints its message alone.
    const result = await releaseLetter(values.root ?? ".", positionals[0]!, {
      notes: values.notes, editorial: values.editorial, date: values.date, cache,
    });
    if (result.revision) {
      console.log(`Only translations changed: revision ${result.revision.revision} of version ${result.version}'s translations (${result.revision.langs.join(", ")}), on ${result.date}:`);
    } else {
      console.log(`Released version ${result.version} of ${positionals[0]} on ${result.date}, with ${result.added} new signatories:`);
    }
    for (const file of result.files) console.log(`  ${file}`);
    console.log("Commit these files and open a pull request.");
  }, HELP);
}
