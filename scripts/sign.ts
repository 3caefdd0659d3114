// npm run sign: adds one signatory file to a letter from flags (or, in a terminal without --name, from a
// few questions), written exactly as the sign form writes it, validated by the loader, and refused if the
// letter already lists that signatory.
import { existsSync } from "node:fs";
import { appendFile, readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { resolveBuildOptions } from "../src/build/options.ts";
import { displayPath } from "../src/load/files.ts";
import { ContentProblemsError, OpenLettersError, printablePath, quote } from "../src/model/errors.ts";
import { normaliseName } from "../src/common/names.ts";
import { LETTER_FILE } from "../src/load/letters.ts";
import type { SignFields } from "../src/common/sign-fields.ts";
import { LETTERS_DIR, loadSite } from "../src/load/site.ts";
import { decide, type FoundSignature, type IssueEvent, type SignatureRequest } from "../src/tools/issue-form.ts";
import { correctSignature, findSignature, withdrawSignature } from "../src/tools/signature-status.ts";
import { AlreadySignedError, addSignature } from "../src/tools/add-signature.ts";
import { nameProblem, signatoryFieldProblem, today } from "../src/tools/scaffold.ts";
import { asker } from "./lib/ask.ts";
import { OptionValueError, UsageError, parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run sign -- --letter SLUG --name "Full Name" [options]
       npm run sign [-- --letter SLUG]   (in a terminal: asks the questions instead)
       npm run sign -- --from-issue EVENT.json [--permission LEVEL] [--report FILE] [--outputs FILE] [--files FILE]

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

From an issue opened with the sign form (.github/ISSUE_TEMPLATE/sign.yml), as the workflow
sign-from-issue.yml runs it: reads a GitHub "issues" event (the file $GITHUB_EVENT_PATH names)
and decides what to do: report the answers' problems, write the signatory file (with
github: the issue's author) when a maintainer added the label "approved", or take the label
back after an edit. From the withdrawal form (withdraw.yml): withdraw or correct the signature
named, at once when it is bound to the issue's author (github:), otherwise once a maintainer
added "approved".
  --from-issue FILE     the event payload (JSON)
  --permission LEVEL    the repository permission of the event's sender (admin, maintain,
                        write, triage, read); only the first three may approve
  --report FILE         write the comment for the issue here (Markdown)
  --outputs FILE        append action=... and file=... here ($GITHUB_OUTPUT); action is
                        ignore, report, unapprove, write, withdraw or correct
  --files FILE          write the files changed here, NUL-separated (for git add)
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
  "from-issue": { type: "string" },
  permission: { type: "string" },
  report: { type: "string" },
  outputs: { type: "string" },
  files: { type: "string" },
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

/** --from-issue: what the workflow does for one issues event, and the comment it posts. */
async function signFromIssue(root: string, eventFile: string, options: { permission?: string; report?: string; outputs?: string; files?: string }): Promise<number> {
  let event: IssueEvent;
  try {
    event = JSON.parse(await readFile(eventFile, "utf8")) as IssueEvent;
  } catch (error) {
    throw new UsageError(`Cannot read the event ${JSON.stringify(eventFile)}: ${(error as Error).message}`);
  }
  if (!event || typeof event !== "object" || typeof event.action !== "string" || typeof event.issue?.number !== "number") {
    throw new UsageError(`${JSON.stringify(eventFile)} is not a GitHub "issues" event (no action or issue number).`);
  }
  const { site, problems } = await loadSite(root, { cache: false });
  if (!site) throw new ContentProblemsError(problems);
  const duplicate = async (slug: string, fields: Omit<SignFields, "version">) => {
    try {
      await addSignature(root, slug, fields, { dryRun: true, cache: false });
      return undefined;
    } catch (error) {
      if (error instanceof AlreadySignedError) return `${error.message} If that is you, there is nothing to do.`;
      if (error instanceof OpenLettersError) return error.message;
      throw error;
    }
  };
  // A withdrawal names a signature that is still listed: a withdrawn one is nobody's to act on again.
  const lookup = async (slug: string, request: SignatureRequest): Promise<FoundSignature | { problem: string }> => {
    const listed = (site.letters.find((l) => l.slug === slug)?.signatories ?? []).filter((s) => !s.withdrawn);
    try {
      const found = findSignature(listed, request);
      return { name: found.name, github: found.github };
    } catch (error) {
      if (!(error instanceof OpenLettersError)) throw error;
      // The names alone (public on the page), never the files and lines the command line shows.
      const loose = normaliseName(request.name, { loose: true });
      const near = [...new Set(listed.filter((s) => normaliseName(s.name, { loose: true }) === loose).map((s) => s.affiliation ? `${s.name} (${s.affiliation})` : s.name))].slice(0, 5);
      const several = listed.filter((s) => normaliseName(s.name) === normaliseName(request.name)).length > 1;
      return {
        problem: several
          ? `Several signatures are named ${quote(request.name)}: give your affiliation as listed.`
          : `No signature is named ${quote(request.name)}${request.affiliation ? ` with the affiliation ${quote(request.affiliation)}` : ""}.${near.length ? ` Did you mean ${near.map((n) => quote(n)).join(" or ")}?` : " Write the name exactly as the letter lists it."}`,
      };
    }
  };
  const decision = await decide(event, { letters: site.letters, senderPermission: options.permission, duplicate, lookup });
  let report = "report" in decision ? decision.report : "";
  let files: string[] = [];
  try {
    if (decision.action === "write") {
      const added = await addSignature(root, decision.letter, decision.fields, { cache: false });
      files = [added.file];
      report = `Thank you: your signature is added as \`${added.file}\`${decision.fields.github ? `, signed from @${decision.fields.github}` : ""}, and will be published once the pull request that collects signatures is merged.`;
    } else if (decision.action === "withdraw") {
      const result = await withdrawSignature(root, { letter: decision.letter, ...decision.signature, cache: false });
      files = result.files;
      report = `Your signature is withdrawn (\`${result.signatory.source.file}\`): once the pull request that collects these changes is merged, the name leaves every page, list and data file, and a new edition of each released PDF that printed it is recorded. To have your details erased from the repository too, ask the maintainers.`;
    } else if (decision.action === "correct") {
      const result = await correctSignature(root, { letter: decision.letter, ...decision.signature, set: decision.set, cache: false });
      files = result.files;
      report = `Your signature is corrected (\`${files[0]}\`) and will show so once the pull request that collects these changes is merged. A released PDF keeps printing the name as it was when it was sent.`;
    }
  } catch (error) {
    if (!(error instanceof OpenLettersError)) throw error;
    report = `This ${decision.action === "write" ? "signature cannot be added" : "request cannot be applied"}: ${error.message}`;
    files = [];
  }
  const acts = decision.action === "write" || decision.action === "withdraw" || decision.action === "correct";
  const action = acts && !files.length ? "report" : decision.action;
  const file = files[0] ?? "";
  console.log(decision.action === "ignore" ? `Nothing to do: ${decision.reason}.` : `${action}${file ? ` ${file}` : ""}\n${report}`);
  if (options.report && report) await writeFile(options.report, `${report}\n`);
  if (options.outputs) await appendFile(options.outputs, `action=${action}\nfile=${file}\n`);
  if (options.files) await writeFile(options.files, files.map((f) => `${f}\0`).join(""));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags(OPTIONS);
    const root = resolve(values.root ?? ".");
    if (values["from-issue"] !== undefined) {
      return signFromIssue(root, values["from-issue"], { permission: values.permission, report: values.report, outputs: values.outputs, files: values.files });
    }
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
    try {
      const added = await addSignature(root, slug, fields, { cache: resolveBuildOptions({ env: process.env }).cache });
      console.log(`Added ${added.file}${added.version ? ` (version ${added.version} of the letter)` : ""}.`);
      if (added.similar) {
        const { name, source } = added.similar;
        console.warn(`Note: ${quote(name)} at ${printablePath(source.file)}:${source.line} has a similar name; check it is not the same signatory.`);
      }
    } catch (error) {
      if (error instanceof AlreadySignedError) {
        console.error(`${error.message} Nothing written.`);
        return 1;
      }
      if (error instanceof ContentProblemsError || !(error instanceof OpenLettersError)) throw error;
      throw new OptionValueError(`${error.message}\nNothing written.`);
    }
  }, HELP);
}
