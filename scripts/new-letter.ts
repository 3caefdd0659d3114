// npm run new-letter: scaffolds letters/<slug>/letter.md and signatories/, from flags or, in a terminal
// without flags, from a few questions. The result is checked with the loader before it is written.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { formatProblems } from "../src/model/errors.ts";
import { parseLetterFile } from "../src/load/letters.ts";
import { SLUG_PATTERN } from "../src/model/schema.ts";
import { letterMarkdown, today, type NewLetter } from "../src/tools/scaffold.ts";
import { SIGNATORIES_DIR } from "../src/load/signatories.ts";
import { LETTERS_DIR } from "../src/load/site.ts";
import { slugOf } from "../src/common/slug.ts";
import { UsageError, parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run new-letter -- --title "Title of the letter" [options]
       npm run new-letter            (in a terminal: asks the questions instead)

Creates letters/<slug>/letter.md (front matter and a placeholder text) and an empty
letters/<slug>/signatories/ folder. Refuses to overwrite an existing letter.

  --title TEXT       title of the letter (required with flags)
  --slug SLUG        folder and URL name (default: from the title), e.g. belgium-e2ee
  --date YYYY-MM-DD  date printed on the letter (default: today)
  --lang TAG         language, e.g. en-GB (default: the site's)
  --status STATUS    draft (default), open or closed
  --to TEXT          an addressee; repeat for several
  --salutation TEXT  e.g. "Dear Ministers,"
  --summary TEXT     one paragraph for the home page and feeds
  --root DIR         folder holding letters/ (default: .)
`;

const OPTIONS = {
  title: { type: "string" },
  slug: { type: "string" },
  date: { type: "string" },
  lang: { type: "string" },
  status: { type: "string" },
  to: { type: "string", multiple: true },
  salutation: { type: "string" },
  summary: { type: "string" },
  root: { type: "string" },
} as const;

type Answers = Partial<Record<Exclude<keyof typeof OPTIONS, "to">, string>> & { to?: string[] };

/** Asks for each field in turn; an empty answer keeps the default shown in brackets. */
export async function askNewLetter(input: Readable, output: Writable): Promise<Answers> {
  const rl = createInterface({ input, terminal: false });
  // Reading lines through the iterator, not rl.question(), keeps answers typed (or piped) ahead of a prompt.
  const lines = rl[Symbol.asyncIterator]();
  try {
    const ask = async (question: string, fallback = "") => {
      output.write(`${question}${fallback ? ` [${fallback}]` : ""}: `);
      const line = await lines.next();
      return (line.done ? "" : String(line.value)).trim() || fallback;
    };
    const title = await ask("Title");
    const slug = await ask("Folder and URL name", slugOf(title));
    const date = await ask("Date (YYYY-MM-DD)", today());
    const lang = await ask("Language (empty for the site's)");
    const to: string[] = [];
    for (let line = await ask("Addressee (empty to finish)"); line; line = await ask("Another addressee (empty to finish)")) to.push(line);
    const salutation = await ask("Salutation, e.g. Dear Ministers,");
    const summary = await ask("One-paragraph summary");
    const status = await ask("Status: draft, open or closed", "draft");
    return { title, slug, date, lang, to, salutation, summary, status };
  } finally {
    rl.close();
  }
}

/** Turns answers into a letter, or a UsageError saying what to change. */
export function toNewLetter(answers: Answers): NewLetter {
  const title = answers.title?.trim();
  if (!title) throw new UsageError("A letter needs a title: --title \"...\"");
  const slug = answers.slug?.trim() || slugOf(title);
  if (!SLUG_PATTERN.test(slug)) {
    throw new UsageError(`"${slug}" cannot be a folder and URL name: use lowercase letters, digits and hyphens, e.g. --slug my-letter.`);
  }
  const status = answers.status?.trim() || "draft";
  if (status !== "draft" && status !== "open" && status !== "closed") throw new UsageError(`--status must be draft, open or closed, not "${status}".`);
  return {
    title,
    slug,
    date: answers.date?.trim() || today(),
    lang: answers.lang?.trim() || undefined,
    status,
    to: (answers.to ?? []).map((t) => t.trim()).filter(Boolean),
    salutation: answers.salutation?.trim() || undefined,
    summary: answers.summary?.trim() || undefined,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags(OPTIONS);
    const { root, ...flags } = values;
    const hasFlags = Object.values(flags).some((v) => v !== undefined);
    if (!hasFlags && !process.stdin.isTTY) throw new UsageError("Give at least --title, or run it in a terminal to be asked.");
    const letter = toNewLetter(hasFlags ? flags : await askNewLetter(process.stdin, process.stdout));
    const dir = join(resolve(root ?? "."), LETTERS_DIR, letter.slug);
    const file = join(dir, "letter.md");
    if (existsSync(dir)) throw new UsageError(`letters/${letter.slug}/ already exists; choose another --slug.`);
    const text = letterMarkdown(letter);
    const { problems } = parseLetterFile(text, `letters/${letter.slug}/letter.md`);
    if (problems.length) {
      console.error(formatProblems(problems));
      return 1;
    }
    await mkdir(join(dir, SIGNATORIES_DIR), { recursive: true });
    // Git keeps no empty folder; the loader skips dot-files.
    await writeFile(join(dir, SIGNATORIES_DIR, ".gitkeep"), "");
    await writeFile(file, text);
    console.log(`Created letters/${letter.slug}/letter.md and letters/${letter.slug}/${SIGNATORIES_DIR}/.`);
    console.log(`Next: write the text, then npm start to preview it at /${letter.slug}/ (status: ${letter.status}).`);
  }, HELP);
}
