// npm run new-letter: scaffolds letters/<slug>/letter.md and signatories/, from flags or, in a terminal
// without flags, from a few questions, each answer checked when it is typed. The result is checked with
// the loader before it is written.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseLetterFile } from "../src/load/letters.ts";
import { SLUG_PATTERN } from "../src/model/schema.ts";
import { letterFieldProblem, letterMarkdown, today, type NewLetter } from "../src/tools/scaffold.ts";
import { SIGNATORIES_DIR } from "../src/load/signatories.ts";
import { LETTERS_DIR } from "../src/load/site.ts";
import { slugOf } from "../src/common/slug.ts";
import { asker } from "./lib/ask.ts";
import { OptionValueError, UsageError, parseFlags, runCli } from "./lib/cli.ts";

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

const STATUSES = ["draft", "open", "closed"] as const;

/** Why each answer (or flag) cannot be used, or undefined; an empty optional answer is no answer. */
const checks = {
  title: (v: string) => (v.trim() === "" ? "A letter needs a title." : letterFieldProblem("title", v)),
  slug: (v: string) =>
    SLUG_PATTERN.test(v) ? undefined : `"${v}" cannot be a folder and URL name: use lowercase letters, digits and hyphens, e.g. my-letter.`,
  date: (v: string) => letterFieldProblem("date", v),
  lang: (v: string) => (v.trim() === "" ? undefined : letterFieldProblem("lang", v)),
  to: (v: string) => (v.trim() === "" ? undefined : letterFieldProblem("to", v)),
  salutation: (v: string) => (v.trim() === "" ? undefined : letterFieldProblem("salutation", v)),
  summary: (v: string) => (v.trim() === "" ? undefined : letterFieldProblem("summary", v)),
  status: (v: string) => ((STATUSES as readonly string[]).includes(v) ? undefined : `The status is draft, open or closed, not "${v}".`),
};

/**
 * Asks for each field in turn; an empty answer keeps the default shown in brackets. Each answer is
 * checked when it is typed and asked again with the reason; `exists` says whether a letter folder is
 * taken already.
 */
export async function askNewLetter(input: Readable, output: Writable, exists: (slug: string) => boolean = () => false): Promise<Answers> {
  const { ask, close } = asker(input, output);
  try {
    const title = await ask({ prompt: "Title", check: checks.title });
    const slug = await ask({
      prompt: "Folder and URL name",
      fallback: slugOf(title),
      check: (v) => checks.slug(v) ?? (exists(v) ? `letters/${v}/ already exists; choose another name.` : undefined),
    });
    const date = await ask({ prompt: "Date (YYYY-MM-DD)", fallback: today(), check: checks.date });
    const lang = await ask({ prompt: "Language, e.g. en-GB (empty for the site's)", check: checks.lang });
    const to: string[] = [];
    for (let line = await ask({ prompt: "Addressee (empty to finish)", check: checks.to }); line; line = await ask({ prompt: "Another addressee (empty to finish)", check: checks.to })) {
      to.push(line);
    }
    const salutation = await ask({ prompt: "Salutation, e.g. Dear Ministers,", check: checks.salutation });
    const summary = await ask({ prompt: "One-paragraph summary", check: checks.summary });
    const status = await ask({ prompt: "Status: draft, open or closed", fallback: "draft", check: checks.status });
    return { title, slug, date, lang, to, salutation, summary, status };
  } finally {
    close();
  }
}

/** Turns answers or flags into a letter; every value that cannot be used is named in one OptionValueError. */
export function toNewLetter(answers: Answers): NewLetter {
  const title = answers.title?.trim();
  if (!title) throw new UsageError('A letter needs a title: --title "..."');
  const slug = answers.slug?.trim() || slugOf(title);
  const status = answers.status?.trim() || "draft";
  const date = answers.date?.trim() || today();
  const given: [string, string, string | undefined][] = [
    ["title", title, checks.title(title)],
    ["slug", slug, checks.slug(slug)],
    ["date", date, checks.date(date)],
    ["lang", answers.lang ?? "", checks.lang(answers.lang ?? "")],
    ...(answers.to ?? []).map((to): [string, string, string | undefined] => ["to", to, checks.to(to)]),
    ["salutation", answers.salutation ?? "", checks.salutation(answers.salutation ?? "")],
    ["summary", answers.summary ?? "", checks.summary(answers.summary ?? "")],
    ["status", status, checks.status(status)],
  ];
  const mistakes = given.filter(([, , reason]) => reason).map(([flag, value, reason]) => `--${flag} ${JSON.stringify(value)}: ${reason}`);
  if (mistakes.length) throw new OptionValueError(mistakes.join("\n"));
  return {
    title,
    slug,
    date,
    lang: answers.lang?.trim() || undefined,
    status: status as NewLetter["status"],
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
    const lettersDir = join(resolve(root ?? "."), LETTERS_DIR);
    const letter = toNewLetter(hasFlags ? flags : await askNewLetter(process.stdin, process.stdout, (slug) => existsSync(join(lettersDir, slug))));
    const dir = join(lettersDir, letter.slug);
    const file = join(dir, "letter.md");
    if (existsSync(dir)) throw new UsageError(`letters/${letter.slug}/ already exists; choose another --slug.`);
    const text = letterMarkdown(letter);
    // The loader's own check of the exact text, as a safety net: every answer was checked already. Its
    // messages name no file, since none was written.
    const { problems } = parseLetterFile(text, `letters/${letter.slug}/letter.md`);
    if (problems.length) throw new OptionValueError(`${problems.map((p) => `${p.message}${p.hint ? ` ${p.hint}` : ""}`).join("\n")}\nNothing written.`);
    await mkdir(join(dir, SIGNATORIES_DIR), { recursive: true });
    // Git keeps no empty folder; the loader skips dot-files.
    await writeFile(join(dir, SIGNATORIES_DIR, ".gitkeep"), "");
    await writeFile(file, text);
    console.log(`Created letters/${letter.slug}/letter.md and letters/${letter.slug}/${SIGNATORIES_DIR}/.`);
    console.log(`Next: write the text, then npm start to preview it at /${letter.slug}/ (status: ${letter.status}).`);
  }, HELP);
}
