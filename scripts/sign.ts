// npm run sign: adds one signatory file to a letter from flags (or, in a terminal without --name, from a
// few questions), written exactly as the sign form writes it, validated by the loader, and refused if the
// letter already lists that signatory.
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { resolveBuildOptions } from "../src/build/options.ts";
import { assertWritable, displayPath } from "../src/load/files.ts";
import { ContentProblemsError, OutsideRepositoryError, printablePath, quote } from "../src/model/errors.ts";
import { LETTER_FILE } from "../src/load/letters.ts";
import { SignatoryIndex, normaliseName } from "../src/common/names.ts";
import { cleanFields, signatoryFileName, signatoryYaml, type SignFields } from "../src/common/sign-fields.ts";
import { SIGNATORIES_DIR, loadSignatories, parseSignatoryFile } from "../src/load/signatories.ts";
import { LETTERS_DIR } from "../src/load/site.ts";
import { loadReleases } from "../src/load/versions.ts";
import { nameProblem, signatoryFieldProblem, today } from "../src/tools/scaffold.ts";
import { asker } from "./lib/ask.ts";
import { OptionValueError, UsageError, parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run sign -- --letter SLUG --name "Full Name" [options]
       npm run sign [-- --letter SLUG]   (in a terminal: asks the questions instead)

Adds letters/SLUG/signatories/<name>.yaml with one signatory, e.g. from a signature sent
by e-mail. Refuses a signatory the letter already lists (same name and affiliation).
The file records the letter's latest released version (version: N), the text the
signatory read.

  --letter SLUG         the letter's folder under letters/ (required)
  --name TEXT           name as it should be printed (required)
  --type TYPE           individual or organization
  --role TEXT           role of an individual, e.g. Professor (the YAML "title")
  --affiliation TEXT    organisation the person belongs to
  --url URL             web page, https://...
  --country CODE        ISO 3166 two-letter code, e.g. BE
  --signed YYYY-MM-DD   date of signing (default: today, UTC; at most tomorrow)
  --group TEXT          heading to list the signatory under
  --root DIR            folder holding letters/ (default: .)
`;

const OPTIONS = {
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
} as const;

/** Flags by field: the YAML `title` is the flag --role. */
const FLAG: Record<string, string> = { title: "role" };
const flagOf = (field: string) => `--${FLAG[field] ?? field}`;

/** The fields a signatory's answers and flags give, each checked as it comes. */
type Answers = Omit<SignFields, "version">;
type Field = Exclude<keyof Answers, "name">;
const FIELDS: Field[] = ["type", "title", "affiliation", "url", "country", "signed", "group"];

/** Why a field's value cannot be written, or undefined; an empty optional value is no value. */
function fieldProblem(field: keyof Answers, value: string): string | undefined {
  if (field === "name") return nameProblem(value);
  return value.trim() === "" ? undefined : signatoryFieldProblem(field, value);
}

/** The letter folder for a slug, or why there is none. */
function letterProblem(root: string, slug: string): string | undefined {
  const dir = join(root, LETTERS_DIR, slug);
  if (slug === "" || slug.includes("/") || slug.includes("\\") || !existsSync(join(dir, LETTER_FILE))) {
    return `There is no letter "${slug}": expected ${displayPath(join(dir, LETTER_FILE))}.`;
  }
  return undefined;
}

/** Asks for the letter (unless given), then each field, checking every answer when it is typed. */
export async function askSignatory(input: Readable, output: Writable, root: string, letter?: string): Promise<{ letter: string; fields: Answers }> {
  const { ask, close } = asker(input, output);
  try {
    const slug = letter ?? (await ask({ prompt: `Letter (${(await letterFolders(root)).join(", ") || "a folder under letters/"})`, check: (v) => letterProblem(root, v) }));
    const field = (prompt: string, key: keyof Answers, fallback?: string) => ask({ prompt, fallback, check: (v) => fieldProblem(key, v) });
    const fields: Answers = {
      name: await field("Name, as it should be printed", "name"),
      type: await field("Type: individual or organization (empty to leave out)", "type"),
      title: await field("Role, e.g. Professor (empty to leave out)", "title"),
      affiliation: await field("Affiliation (empty to leave out)", "affiliation"),
      url: await field("Web page, https://... (empty to leave out)", "url"),
      country: await field("Country, two letters, e.g. BE (empty to leave out)", "country"),
      signed: await field("Date of signing (YYYY-MM-DD)", "signed", today()),
      group: await field("Group heading (empty for none)", "group"),
    };
    return { letter: slug, fields };
  } finally {
    close();
  }
}

async function letterFolders(root: string): Promise<string[]> {
  try {
    return (await readdir(join(root, LETTERS_DIR), { withFileTypes: true }))
      .filter((e) => e.isDirectory() && existsSync(join(root, LETTERS_DIR, e.name, LETTER_FILE)))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** Every flag with a value that cannot be written, one line each, or nothing. */
export function flagProblems(fields: Answers): string[] {
  return (["name", ...FIELDS] as const).flatMap((key) => {
    const value = fields[key];
    const reason = value === undefined ? undefined : fieldProblem(key, value);
    return reason ? [`${flagOf(key)} ${JSON.stringify(value)}: ${reason}`] : [];
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags(OPTIONS);
    const root = resolve(values.root ?? ".");
    let slug = values.letter;
    let fields: Answers;
    if (values.name === undefined && process.stdin.isTTY) {
      if (slug !== undefined && letterProblem(root, slug)) throw new UsageError(letterProblem(root, slug)!);
      ({ letter: slug, fields } = await askSignatory(process.stdin, process.stdout, root, slug));
    } else {
      if (!slug) throw new UsageError("Say which letter: --letter <folder name under letters/>.");
      if (!values.name) throw new UsageError('Give the signatory\'s name: --name "Full Name".');
      const problem = letterProblem(root, slug);
      if (problem) throw new UsageError(problem);
      fields = {
        name: values.name,
        type: values.type,
        title: values.role,
        affiliation: values.affiliation,
        url: values.url,
        country: values.country,
        signed: values.signed ?? today(),
        group: values.group,
      };
      const mistakes = flagProblems(fields);
      if (mistakes.length) throw new OptionValueError(`${mistakes.join("\n")}\nNothing written.`);
    }
    const letterDir = join(root, LETTERS_DIR, slug);

    const clean = cleanFields(fields);
    const { signatories, problems: unreadable } = await loadSignatories(letterDir, undefined, { cache: resolveBuildOptions({ env: process.env }).cache });
    // A letter folder leading out of the repository: nothing is read from it, nor written to it.
    const outside = unreadable.filter((p) => p instanceof OutsideRepositoryError);
    if (outside.length) throw new ContentProblemsError(outside);
    // The loader's own duplicate rule: the same name and affiliation, or a look-alike in another script.
    const index = new SignatoryIndex<{ name: string; affiliation?: string; source?: (typeof signatories)[number]["source"] }>();
    for (const s of signatories) index.repeats(s);
    const same = index.repeats(clean)?.first.source;
    if (same) {
      console.error(`${quote(clean.name)} already signed: ${printablePath(same.file)}:${same.line}:${same.column}. Nothing written.`);
      return 1;
    }
    // The text the signatory read: the latest release (none yet before the first one).
    const { releases } = await loadReleases(letterDir, "en");
    const version = releases.at(-1)?.version;
    const dir = join(letterDir, SIGNATORIES_DIR);
    const base = signatoryFileName(clean.name).replace(/\.yaml$/, "");
    let file = join(dir, `${base}.yaml`);
    for (let n = 2; existsSync(file); n++) file = join(dir, `${base}-${n}.yaml`);
    const text = signatoryYaml({ ...fields, version });
    // The loader's own validation, on the exact text about to be written. Every field was checked above,
    // so this is a safety net; its messages name no file, since none was written.
    const { problems } = parseSignatoryFile(text, displayPath(file));
    if (problems.length) throw new OptionValueError(`${problems.map((p) => `${p.message}${p.hint ? ` ${p.hint}` : ""}`).join("\n")}\nNothing written.`);
    const similar = signatories.find((s) => normaliseName(s.name, { loose: true }) === normaliseName(clean.name, { loose: true }));
    assertWritable(root, file);
    await writeFile(file, text, { flag: "wx" });
    console.log(`Added ${displayPath(file)}${version ? ` (version ${version} of the letter)` : ""}.`);
    if (similar) {
      console.warn(`Note: ${quote(similar.name)} at ${printablePath(similar.source.file)}:${similar.source.line} has a similar name; check it is not the same signatory.`);
    }
  }, HELP);
}
