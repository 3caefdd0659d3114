// `npm run new-letter`: the text of a new letter.md from a few answers. Values are written as quoted YAML
// scalars, so a title with ": " or "#" cannot break the front matter.
import { yamlString } from "../common/sign-fields.ts";

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
