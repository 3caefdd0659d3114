// npm run sign: adds one signatory file to a letter from flags, written exactly as the sign form writes
// it, validated by the loader, and refused if the letter already lists that signatory.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatProblems } from "../src/model/errors.ts";
import { resolveBuildOptions } from "../src/build/options.ts";
import { displayPath } from "../src/load/files.ts";
import { LETTER_FILE } from "../src/load/letters.ts";
import { nameKey, normaliseName } from "../src/common/names.ts";
import { checkFields, cleanFields, signatoryFileName, signatoryYaml, type SignFields } from "../src/common/sign-fields.ts";
import { SIGNATORIES_DIR, loadSignatories, parseSignatoryFile } from "../src/load/signatories.ts";
import { LETTERS_DIR } from "../src/load/site.ts";
import { today } from "../src/tools/scaffold.ts";
import { UsageError, parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run sign -- --letter SLUG --name "Full Name" [options]

Adds letters/SLUG/signatories/<name>.yaml with one signatory, e.g. from a signature sent
by e-mail. Refuses a signatory the letter already lists (same name and affiliation).

  --letter SLUG         the letter's folder under letters/ (required)
  --name TEXT           name as it should be printed (required)
  --type TYPE           individual or organization
  --role TEXT           role of an individual, e.g. Professor (the YAML "title")
  --affiliation TEXT    organisation the person belongs to
  --url URL             web page, https://...
  --country CODE        ISO 3166 two-letter code, e.g. BE
  --signed YYYY-MM-DD   date of signing (default: today)
  --group TEXT          heading to list the signatory under
  --root DIR            folder holding letters/ (default: .)
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags({
      letter: { type: "string" },
      name: { type: "string" },
      type: { type: "string" },
      role: { type: "string" },
      affiliation: { type: "string" },
      url: { type: "string" },
      country: { type: "string" },
      signed: { type: "string" },
      group: { type: "string" },
      root: { type: "string" },
    });
    if (!values.letter) throw new UsageError("Say which letter: --letter <folder name under letters/>.");
    if (!values.name) throw new UsageError('Give the signatory\'s name: --name "Full Name".');
    const letterDir = join(resolve(values.root ?? "."), LETTERS_DIR, values.letter);
    if (values.letter.includes("/") || values.letter.includes("\\") || !existsSync(join(letterDir, LETTER_FILE))) {
      throw new UsageError(`There is no letter "${values.letter}": expected ${displayPath(join(letterDir, LETTER_FILE))}.`);
    }
    const fields: SignFields = {
      name: values.name,
      type: values.type,
      title: values.role,
      affiliation: values.affiliation,
      url: values.url,
      country: values.country,
      signed: values.signed ?? today(),
      group: values.group,
    };
    const mistakes = checkFields(fields);
    if (mistakes.length) throw new UsageError(mistakes.map((m) => `--${m.field === "title" ? "role" : m.field}: ${m.message}`).join("\n"));

    const clean = cleanFields(fields);
    const { signatories } = await loadSignatories(letterDir, undefined, { cache: resolveBuildOptions({ env: process.env }).cache });
    const same = signatories.find((s) => nameKey(s) === nameKey(clean));
    if (same) {
      console.error(`${clean.name} already signed: ${same.source.file}:${same.source.line}:${same.source.column}. Nothing written.`);
      return 1;
    }
    const dir = join(letterDir, SIGNATORIES_DIR);
    const base = signatoryFileName(clean.name).replace(/\.yaml$/, "");
    let file = join(dir, `${base}.yaml`);
    for (let n = 2; existsSync(file); n++) file = join(dir, `${base}-${n}.yaml`);
    const text = signatoryYaml(fields);
    // The loader's own validation, on the exact text about to be written.
    const { problems } = parseSignatoryFile(text, displayPath(file));
    if (problems.length) {
      console.error(formatProblems(problems));
      return 1;
    }
    const similar = signatories.find((s) => normaliseName(s.name, { loose: true }) === normaliseName(clean.name, { loose: true }));
    await writeFile(file, text, { flag: "wx" });
    console.log(`Added ${displayPath(file)}.`);
    if (similar) {
      console.warn(`Note: ${similar.name} at ${similar.source.file}:${similar.source.line} has a similar name; check it is not the same signatory.`);
    }
  }, HELP);
}
