// letter.md, its translations letter.<lang>.md, and their frozen copies: YAML front matter and a
// Markdown body.
import matter from "gray-matter";
import type { z } from "zod";
import { EmptyBodyError, FrontMatterError, InvalidFieldError, type ContentError } from "../model/errors.ts";
import { checkMarkdownBody } from "../render/body-check.ts";
import { checkNesting } from "../render/nesting.ts";
import { markdown } from "../render/markdown.ts";
import { frontMatterSchema, translationFrontMatterSchema, type FrontMatterInput } from "../model/schema.ts";
import type { LetterText } from "../model/types.ts";
import { validate } from "./validate.ts";
import { parseYaml, parseYamlFast, type ParsedYaml } from "./yaml.ts";

export const LETTER_FILE = "letter.md";
/** letter.<lang>.md: a translation. The language tag is the file name's middle part. */
export const TRANSLATION_FILE = /^letter\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/;

export interface ParsedLetterFile<T = FrontMatterInput> {
  frontMatter?: T;
  body: string;
  bodyLine: number;
  problems: ContentError[];
  yaml?: ParsedYaml;
}

/** Splits a letter file with gray-matter, then reads the front matter keeping positions (yaml.ts). */
export function parseLetterFile<S extends z.ZodType = typeof frontMatterSchema>(
  text: string,
  file: string,
  schema: S = frontMatterSchema as unknown as S,
): ParsedLetterFile<z.output<S>> {
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
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    return {
      body: "",
      bodyLine: 1,
      problems: [new FrontMatterError(file, { line: 1, column: 1 }, "The front matter is never closed.",
        'End the front matter with a line holding only "---".')],
    };
  }
  // gray-matter only finds the block; its own js-yaml parse is replaced so dates stay strings and every
  // error has a position. Passing options also turns off gray-matter's cache, keyed by content.
  const split = matter(text, { engines: { yaml: () => ({}) } });
  const bodyStart = text.length - split.content.length;
  const bodyLine = text.slice(0, bodyStart).split("\n").length;
  // gray-matter's matter keeps the newline after the opening "---", so YAML line n is file line n.
  // As for signatory files (yaml.ts), js-yaml reads it first and `yaml` again if anything is wrong.
  const fast = parseYamlFast(split.matter, file);
  if (fast) {
    const read = frontMatterFrom(fast, schema, file, split.content, bodyLine);
    if (read.problems.length === 0) return read;
  }
  return frontMatterFrom(parseYaml(split.matter, file), schema, file, split.content, bodyLine);
}

function frontMatterFrom<S extends z.ZodType>(parsed: ParsedYaml, schema: S, file: string, body: string, bodyLine: number): ParsedLetterFile<z.output<S>> {
  const problems = parsed.problems.map((p) => new FrontMatterError(p.file, p, `Front matter: ${p.message}`, p.hint, { cause: p }));
  if (problems.length) return { body, bodyLine, problems };
  const value = parsed.value ?? {};
  if (typeof value !== "object" || Array.isArray(value)) {
    return {
      body,
      bodyLine,
      problems: [new FrontMatterError(file, { line: 2, column: 1 }, "The front matter must be a mapping of fields (title: ..., date: ...).")],
    };
  }
  const { data, problems: invalid } = validate(schema, value, { file, positionOf: parsed.positionOf });
  return { frontMatter: data, body, bodyLine, problems: invalid, yaml: parsed };
}

/** The body must say something, its footnotes must match up, and its links and images stay on the safe side. */
export function checkBody(parsed: { body: string; bodyLine: number }, file: string): ContentError[] {
  if (parsed.body.trim() === "") {
    return [
      new EmptyBodyError(file, { line: parsed.bodyLine, column: 1 }, "The letter has no text after its front matter.",
        "Write the body of the letter in Markdown below the closing ---."),
    ];
  }
  return [...checkMarkdownBody(parsed.body, file, parsed.bodyLine), ...checkNesting(markdown, parsed.body, file, parsed.bodyLine)];
}

/** The words of the letter, as read from a parsed letter.md. */
export function letterText(fm: FrontMatterInput, parsed: { body: string; bodyLine: number }, file: string, defaultLang: string): LetterText {
  return {
    file,
    title: fm.title,
    date: fm.date,
    lang: fm.lang ?? defaultLang,
    to: fm.to ?? [],
    salutation: fm.salutation,
    body: parsed.body,
    bodyLine: parsed.bodyLine,
    summary: fm.summary,
    heading: fm.signatories?.heading,
    note: fm.signatories?.note,
  };
}

/** Reads a translation; its language comes from the file name and must agree with any `lang:`. */
export function parseTranslation(text: string, file: string, fileName: string, original: LetterText): { translation?: LetterText; problems: ContentError[] } {
  const lang = TRANSLATION_FILE.exec(fileName)?.[1];
  const parsed = parseLetterFile(text, file, translationFrontMatterSchema);
  const problems = [...parsed.problems, ...checkBody(parsed, file)];
  const fm = parsed.frontMatter;
  if (!lang || !fm) return { problems };
  if (fm.lang && fm.lang.toLowerCase() !== lang.toLowerCase()) {
    problems.push(new InvalidFieldError(file, parsed.yaml!.positionOf(["lang"]), `"lang" is ${fm.lang} but the file name says ${lang}.`,
      `Rename the file to letter.${fm.lang}.md or remove the lang: line.`));
  }
  if (lang.toLowerCase() === original.lang.toLowerCase()) {
    problems.push(new InvalidFieldError(file, { line: 1, column: 1 }, `This translation is in ${lang}, the language of the original.`,
      "Give the file the language it is written in, letter.<lang>.md."));
  }
  // A translation may leave the date and addressees to the original's.
  const canonical = Intl.getCanonicalLocales(lang)[0]!;
  const words = { ...fm, date: fm.date ?? original.date, to: fm.to ?? original.to, lang: canonical };
  return { problems, translation: { ...letterText(words, parsed, file, canonical), follows: fm.follows } };
}
