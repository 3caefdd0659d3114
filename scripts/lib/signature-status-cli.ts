// The shared command line of npm run withdraw and npm run reconfirm: the same flags as npm run sign
// uses to name a signature, one action each.
import { resolveBuildOptions } from "../../src/build/options.ts";
import { eraseSignature } from "../../src/tools/erase.ts";
import { reconfirmSignature, withdrawSignature } from "../../src/tools/signature-status.ts";
import { UsageError, parseFlags, runCli } from "./cli.ts";

const HELP = {
  withdraw: `
Usage: npm run withdraw -- --letter SLUG --name "Full Name" [--affiliation TEXT] [--date YYYY-MM-DD] [--erase]

Withdraws one signature: writes "withdrawn: DATE" into its entry (a one-signatory file or a
list file), so the name disappears from every page, list and data file, and records the next
edition of each released PDF and delivery pack that printed it (versions.yaml and deliveries.yaml keep every earlier hash).
Never delete a signatory file: a released list would lose a name without a trace.

With --erase (for a signature withdrawn already, or withdrawn first): removes the signer's
personal data from the working tree. The entry keeps only a new random id, withdrawn: and
erased:, so every count stays true; a one-signatory file is renamed after that id; the release
records name it by the new id; reviewed.yaml forgets it; .cache/ and _site/ are removed. Then
commit, and remove the name from git history too (README, "Erasing a signer's data").

  --letter SLUG         the letter's folder under letters/ (required)
  --name TEXT           the name as listed (required; case and spacing do not matter)
  --affiliation TEXT    tells two people with the same name apart
  --date YYYY-MM-DD     the day it was withdrawn (default: today, UTC)
  --erase               also erase the signer's name, role, affiliation, link and account
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
      ...(action === "withdraw" ? { erase: { type: "boolean" } } : {}),
    });
    if (!values.letter) throw new UsageError("Say which letter: --letter <folder name under letters/>.");
    if (!values.name) throw new UsageError('Say whose signature: --name "Full Name".');
    const request = { letter: values.letter, name: values.name, affiliation: values.affiliation, date: values.date, cache: resolveBuildOptions({ env: process.env }).cache };
    if ((values as { erase?: boolean }).erase) {
      const result = await eraseSignature(values.root ?? ".", request);
      if (result.withdrawn) console.log(`Withdrew the signature on ${result.withdrawn.date} (${result.withdrawn.editions} new PDF edition(s)).`);
      console.log(`Erased the signer's personal data; the entry is now ${result.id}.`);
      for (const file of result.files) console.log(`  ${file}`);
      for (const file of result.removed) console.log(`  removed ${file}`);
      for (const folder of result.cleared) console.log(`Removed ${folder}/ (it held the name; the next build writes it again).`);
      if (result.leftovers.length) {
        console.warn(`The name is still written here; look at each (a frozen file cannot change, say so to the signer):\n${result.leftovers.map((l) => `  ${l}`).join("\n")}`);
      }
      console.log("Commit these files, then remove the name from git history too: see the README, \"Erasing a signer's data\".");
      return;
    }
    const result = await (action === "withdraw" ? withdrawSignature : reconfirmSignature)(values.root ?? ".", request);
    console.log(`${action === "withdraw" ? "Withdrew" : "Reconfirmed"} "${result.signatory.name}" on ${result.date}.`);
    for (const e of result.editions) {
      console.log(e.update
        ? `Recorded edition ${e.edition} of the delivery pack of ${e.update}: ${e.reason}.`
        : `Recorded edition ${e.edition} of version ${e.version}'s PDFs: ${e.reason}.`);
    }
    for (const file of result.files) console.log(`  ${file}`);
    console.log("Commit these files and open a pull request.");
  }, HELP[action]);
}
