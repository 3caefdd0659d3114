// The shared command line of npm run withdraw and npm run reconfirm: the same flags as npm run sign
// uses to name a signature, one action each.
import { resolveBuildOptions } from "../../src/build/options.ts";
import { reconfirmSignature, withdrawSignature } from "../../src/tools/signature-status.ts";
import { UsageError, parseFlags, runCli } from "./cli.ts";

const HELP = {
  withdraw: `
Usage: npm run withdraw -- --letter SLUG --name "Full Name" [--affiliation TEXT] [--date YYYY-MM-DD]

Withdraws one signature: writes "withdrawn: DATE" into its entry (a one-signatory file or a
list file), so the name disappears from every page, list and data file, and records the next
edition of each released PDF that printed it (versions.yaml keeps every earlier hash).
Never delete a signatory file: a released list would lose a name without a trace.

  --letter SLUG         the letter's folder under letters/ (required)
  --name TEXT           the name as listed (required; case and spacing do not matter)
  --affiliation TEXT    tells two people with the same name apart
  --date YYYY-MM-DD     the day it was withdrawn (default: today, UTC)
  --root DIR            folder holding letters/ (default: .)
`,
  reconfirm: `
Usage: npm run reconfirm -- --letter SLUG --name "Full Name" [--affiliation TEXT] [--date YYYY-MM-DD]

Records that a signatory confirmed the latest version: writes "reconfirmed: DATE" into their
entry, so they are no longer marked as having signed an older text (from the version current
on that date; a release on the same day counts).

  --letter SLUG         the letter's folder under letters/ (required)
  --name TEXT           the name as listed (required; case and spacing do not matter)
  --affiliation TEXT    tells two people with the same name apart
  --date YYYY-MM-DD     the day they confirmed (default: today, UTC)
  --root DIR            folder holding letters/ (default: .)
`,
};

export function runSignatureStatusCli(action: "withdraw" | "reconfirm"): void {
  runCli(async () => {
    const { values } = parseFlags({
      letter: { type: "string" }, name: { type: "string" }, affiliation: { type: "string" }, date: { type: "string" }, root: { type: "string" },
    });
    if (!values.letter) throw new UsageError("Say which letter: --letter <folder name under letters/>.");
    if (!values.name) throw new UsageError('Say whose signature: --name "Full Name".');
    const request = { letter: values.letter, name: values.name, affiliation: values.affiliation, date: values.date, cache: resolveBuildOptions({ env: process.env }).cache };
    const result = await (action === "withdraw" ? withdrawSignature : reconfirmSignature)(values.root ?? ".", request);
    console.log(`${action === "withdraw" ? "Withdrew" : "Reconfirmed"} "${result.signatory.name}" on ${result.date}.`);
    for (const e of result.editions) console.log(`Recorded edition ${e.edition} of version ${e.version}'s PDFs: ${e.reason}.`);
    for (const file of result.files) console.log(`  ${file}`);
    console.log("Commit these files and open a pull request.");
  }, HELP[action]);
}
