// npm run import: signatures collected elsewhere (a form's CSV export, a spreadsheet) into signatory files,
// checked like every other route; a dry run unless --write.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveBuildOptions } from "../src/build/options.ts";
import { printablePath } from "../src/model/errors.ts";
import { consentNotice, importSignatures, type ImportField } from "../src/tools/import-signatures.ts";
import { loadSiteConfig } from "../src/load/site-settings.ts";
import { LETTERS_DIR } from "../src/load/site.ts";
import { join } from "node:path";
import { OptionValueError, UsageError, parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run import -- FILE.csv --letter SLUG [--map "Header=field"]... [--dates dmy|mdy] [--write]

Reads one signature per row of FILE.csv (a web form's export, a spreadsheet saved as CSV; commas,
semicolons or tabs, with or without a byte-order mark) and reports the signatory files it would add
to letters/SLUG/signatories/. Nothing is written without --write, and nothing while a row is refused.

Recognised headers (any case): name / full name, first name + last name, title / role / position,
organisation / affiliation / company, type, country (a code or a name), website / url, date /
timestamp, group, and email, which is read only to be dropped: no address is ever written.

  --letter SLUG       the letter's folder under letters/ (required)
  --map HEADER=FIELD  read column HEADER as FIELD (name, first name, last name, title, affiliation,
                      type, country, url, signed, group, email, or ignore); repeat for more columns
  --dates ORDER       slashed dates are day/month/year (dmy) or month/day/year (mdy, US exports);
                      guessed from the column when a day above 12 tells
  --write             write the files
  --root DIR          folder holding letters/ (default: .)

Rows already signed (in the letter or earlier in the file, by the rules of npm run check) are skipped
and listed. A refused row is named as FILE.csv:row:column with what to change.
`;

const FIELDS = new Set<ImportField>(["name", "first name", "last name", "title", "affiliation", "type", "country", "url", "signed", "group", "email", "ignore"]);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values, positionals } = parseFlags(
      { letter: { type: "string" }, map: { type: "string", multiple: true }, dates: { type: "string" }, write: { type: "boolean" }, root: { type: "string" } },
      undefined,
      true,
    );
    if (positionals.length !== 1) throw new UsageError("Name exactly one CSV file.");
    if (!values.letter) throw new UsageError("Say which letter: --letter <folder name under letters/>.");
    if (values.dates !== undefined && values.dates !== "dmy" && values.dates !== "mdy") throw new OptionValueError(`--dates ${JSON.stringify(values.dates)}: write dmy or mdy.`);
    const map: Record<string, ImportField> = {};
    for (const pair of values.map ?? []) {
      const at = pair.lastIndexOf("=");
      const field = pair.slice(at + 1).trim() as ImportField;
      if (at < 1 || !FIELDS.has(field)) throw new OptionValueError(`--map ${JSON.stringify(pair)}: write "<header>=<field>", the field one of ${[...FIELDS].join(", ")}.`);
      map[pair.slice(0, at).trim()] = field;
    }
    const root = resolve(values.root ?? ".");
    const report = await importSignatures(root, values.letter, positionals[0]!, {
      map, dates: values.dates as "dmy" | "mdy" | undefined, write: values.write, cache: resolveBuildOptions({ env: process.env }).cache,
    });
    const ignored = report.columns.filter((c) => !c.field).map((c) => JSON.stringify(c.header));
    const emails = report.columns.some((c) => c.field === "email");
    console.log(`Columns: ${report.columns.filter((c) => c.field).map((c) => `${JSON.stringify(c.header)} → ${c.field}`).join(", ")}${ignored.length ? `; ignored: ${ignored.join(", ")}` : ""}.`);
    if (emails) console.log("E-mail addresses are dropped: none is written.");
    for (const r of report.refused) console.error(r.format());
    for (const d of report.duplicates) console.log(`row ${d.row}: skipped, ${d.message}`);
    const verb = report.written ? "Added" : "Would add";
    console.log(`${verb} ${report.added.length} signator${report.added.length === 1 ? "y" : "ies"}${report.added.length ? `, e.g. ${printablePath(report.added[0]!.file)}` : ""}; ${report.duplicates.length} already signed; ${report.refused.length} row(s) refused.`);
    if (report.refused.length) {
      console.error(`Nothing written: fix or remove the ${report.refused.length} refused row(s) and run the import again.`);
      return 1;
    }
    if (report.added.length) {
      const { config } = await loadSiteConfig(join(root, LETTERS_DIR));
      for (const line of consentNotice(config ?? { lang: "en", pathPrefix: "/" }, values.letter)) console.log(line);
    }
    if (!report.written && report.added.length) console.log("This was a dry run: add --write to write the files.");
    return 0;
  }, HELP);
}
