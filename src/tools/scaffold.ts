// `npm run new-letter` and `npm run sign`: the text of a new letter.md from a few answers, and the check
// of each answer. Values are written as quoted YAML scalars, so a title with ": " or "#" cannot break the
// front matter.
import { checkFields, signatoryYaml, yamlString, type SignFields } from "../common/sign-fields.ts";
import { LETTER_FILE, parseLetterFile } from "../load/letter-markdown.ts";
import { parseSignatoryFile } from "../load/signatories.ts";
import { isRealDate } from "../model/schema.ts";
import { fieldProblemMessages } from "../view/sign-section.ts";

export interface NewLetter {
  title: string;
  slug: string;
  /** YYYY-MM-DD */
  date: string;
  lang?: string;
  status: "draft" | "open" | "closed";
  to: string[];
  salutation?: string;
  summary?: string;
}

/**
 * The words of the example text a new letter starts with that no letter means: npm run check refuses a
 * text that still holds them (tools/gate.ts), so a draft is never released as the scaffold wrote it.
 */
export const SCAFFOLD_PLACEHOLDER = "Write the letter here";

export function letterMarkdown(letter: NewLetter): string {
  const lines = ["---", `title: ${yamlString(letter.title)}`, `date: ${letter.date}`];
  if (letter.lang) lines.push(`lang: ${yamlString(letter.lang)}`);
  lines.push(`status: ${letter.status}            # draft (preview only), open (can be signed) or closed`);
  if (letter.to.length) lines.push("to:", ...letter.to.map((line) => `  - ${yamlString(line)}`));
  if (letter.salutation) lines.push(`salutation: ${yamlString(letter.salutation)}`);
  if (letter.summary) lines.push(`summary: ${yamlString(letter.summary)}`);
  lines.push(
    "signatories:",
    "  heading: Signatories",
    "  order: as-listed         # or alphabetical",
    "---",
    "",
    `${SCAFFOLD_PLACEHOLDER}, in Markdown. Footnotes are written like this.[^1]`,
    "",
    "[^1]: <https://example.org/source>",
    "",
  );
  return lines.join("\n");
}

/** Today in UTC, as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

// ---- Checking answers ----
// Each answer of new-letter and sign is checked when it is given, by the loader's own rules on a file
// holding that one value, so a question and a flag refuse exactly what `npm run check` would refuse.
// The messages carry no file name: nothing has been written yet.

/** The fields of a new letter that a person types. */
export type LetterField = "title" | "date" | "lang" | "salutation" | "summary" | "to";

/** Why `value` cannot be the new letter's `field`, or undefined when it can. */
export function letterFieldProblem(field: LetterField, value: string): string | undefined {
  const letter: NewLetter = { title: "Title", slug: "letter", date: "2024-01-01", status: "draft", to: [] };
  if (field === "to") letter.to = [value];
  else letter[field] = value;
  const [problem] = parseLetterFile(letterMarkdown(letter), LETTER_FILE).problems;
  if (!problem) return undefined;
  return field === "date" ? dateProblem(value) : sentence(problem.message);
}

/** Why `value` cannot be a signatory's `field`, as `npm run sign` writes it, or undefined. */
export function signatoryFieldProblem(field: Exclude<keyof SignFields, "name" | "version">, value: string, now = today()): string | undefined {
  const quick = formProblem(field, value, now);
  if (quick) return quick;
  const [problem] = parseSignatoryFile(signatoryYaml({ name: "A Name", [field]: value }), "signatory.yaml").problems;
  if (!problem) return undefined;
  return field === "signed" ? dateProblem(value) : sentence(problem.message);
}

/**
 * What the sign form itself would say about one field (signatoryFieldProblem without the loader's
 * parse): an import checks every row this way and asks the loader once per row, not once per cell.
 */
export function formProblem(field: Exclude<keyof SignFields, "version">, value: string, now = today()): string | undefined {
  const code = checkFields({ name: "A Name", [field]: value }, { today: now })[0]?.code;
  if (code) return field === "signed" && code === "date" ? dateProblem(value) : PROBLEMS[code];
  return undefined;
}

/** Why a name cannot be signed, or undefined. */
export function nameProblem(value: string): string | undefined {
  const code = checkFields({ name: value })[0]?.code;
  if (code) return PROBLEMS[code];
  const [problem] = parseSignatoryFile(signatoryYaml({ name: value }), "signatory.yaml").problems;
  return problem && sentence(problem.message);
}

/** The command line speaks English, as every message of the tools does. */
const PROBLEMS = fieldProblemMessages("en");

/**
 * What is wrong with a date as typed, e.g. `29/09/2021`: the format to use and, when the day and month
 * can be told apart, the date it would be (`2021-09-29`).
 */
export function dateProblem(value: string): string | undefined {
  if (isRealDate(value)) return undefined;
  const parts = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value.trim());
  if (parts) {
    const [a, b, year] = [Number(parts[1]), Number(parts[2]), parts[3]!];
    const pad = (n: number) => String(n).padStart(2, "0");
    // 29/09/2021 is day-month, 09/29/2021 month-day; 05/06/2021 could be either, so no guess.
    const guess = a > 12 && b <= 12 ? `${year}-${pad(b)}-${pad(a)}` : b > 12 && a <= 12 ? `${year}-${pad(a)}-${pad(b)}` : undefined;
    if (guess && isRealDate(guess)) return `Write the date as YYYY-MM-DD: ${guess}.`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return `${value.trim()} is not a day of the calendar.`;
  return "Write the date as YYYY-MM-DD, e.g. 2021-09-29.";
}

/** A loader message as a sentence of its own. */
function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
