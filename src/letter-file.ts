// letter.md (and its frozen copies): YAML front matter and a Markdown body.
import matter from "gray-matter";
import { FrontMatterError, type ContentError } from "./errors.ts";
import { frontMatterSchema, type FrontMatterInput } from "./schema.ts";
import type { LetterText } from "./types.ts";
import { validate } from "./validate.ts";
import { parseYaml } from "./yaml.ts";

export const LETTER_FILE = "letter.md";

export interface ParsedLetterFile {
  frontMatter?: FrontMatterInput;
  body: string;
  bodyLine: number;
  problems: ContentError[];
}

/** Splits letter.md with gray-matter, then reads the front matter with `yaml` to keep positions. */
export function parseLetterFile(text: string, file: string): ParsedLetterFile {
  if (!/^---[ \t]*\n/.test(text)) {
    return {
      body: text,
      bodyLine: 1,
      problems: [
        new FrontMatterError(file, { line: 1, column: 1 }, "The letter has no front matter.",
          'Start the file with a block between two "---" lines holding at least title: and date:.'),
      ],
    };
  }
  // gray-matter only finds the block; its own js-yaml parse is replaced so dates stay strings and every
  // error has a position. No caching: gray-matter caches by content, which would hide our options.
  const split = matter(text, { engines: { yaml: () => ({}) } });
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    return {
      body: "",
      bodyLine: 1,
      problems: [new FrontMatterError(file, { line: 1, column: 1 }, "The front matter is never closed.",
        'End the front matter with a line holding only "---".')],
    };
  }
  const bodyStart = text.length - split.content.length;
  const bodyLine = text.slice(0, bodyStart).split("\n").length;
  // gray-matter's matter keeps the newline after the opening "---", so YAML line n is file line n.
  const parsed = parseYaml(split.matter, file, { lineOffset: 0 });
  const problems = parsed.problems.map((p) => new FrontMatterError(p.file, p, `Front matter: ${p.message}`, p.hint, { cause: p }));
  if (problems.length) return { body: split.content, bodyLine, problems };
  const value = parsed.value ?? {};
  if (typeof value !== "object" || Array.isArray(value)) {
    return {
      body: split.content,
      bodyLine,
      problems: [new FrontMatterError(file, { line: 2, column: 1 }, "The front matter must be a mapping of fields (title: ..., date: ...).")],
    };
  }
  const { data, problems: invalid } = validate(frontMatterSchema, value, { file, positionOf: parsed.positionOf });
  return { frontMatter: data, body: split.content, bodyLine, problems: invalid };
}

/** The words of the letter, as read from a parsed file. */
export function letterText(fm: FrontMatterInput, parsed: ParsedLetterFile, file: string, defaultLang: string): LetterText {
  return {
    file,
    title: fm.title,
    date: fm.date,
    lang: fm.lang ?? defaultLang,
    to: fm.to ?? [],
    salutation: fm.salutation,
    body: parsed.body,
    bodyLine: parsed.bodyLine,
  };
}
