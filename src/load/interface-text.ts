// letters/i18n/<lang>.yaml: a site's own interface text. Each file adds or changes messages of one
// language (any language, shipped catalogue or not: a coalition's translators can complete Tamil), as
// `key: message` in ICU MessageFormat, e.g. `signHeading: "Signez cette lettre"`. Checked like every
// content file: an unknown key, a value that is not text, a message that does not parse or uses a
// placeholder its key does not take, or a file name that is not a language tag is an error at its place.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { argumentsOf, hasMessage, messageKeys } from "../i18n/messages.ts";
import { messageProblems } from "../i18n/format.ts";
import { isLanguageTag, languageCodeFor } from "../model/language.ts";
import {
  InvalidFieldError, InvalidMessageError, MisnamedFileError, StrayFileError, UnknownKeyError, YamlSyntaxError, quote, type ContentError, type Position,
} from "../model/errors.ts";
import type { InterfaceText } from "../model/types.ts";
import { displayPath, readContentFile } from "./files.ts";
import { suggest } from "./validate.ts";
import { parseYaml } from "./yaml.ts";

/** The folder of letters/ that holds the interface text files (never a letter's folder). */
export const INTERFACE_TEXT_DIR = "i18n";

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** The canonical tag a file name stands for (`pt-br.yaml` → pt-BR), or undefined if it is not a language. */
function languageOfFile(stem: string): string | undefined {
  if (!isLanguageTag(stem)) return undefined;
  const tag = Intl.getCanonicalLocales(stem)[0]!;
  return languageNames.of(new Intl.Locale(tag).language) === undefined ? undefined : tag;
}

/** Every letters/i18n/<lang>.yaml, checked: the messages by canonical tag, and every problem found. */
export async function loadInterfaceText(lettersDir: string): Promise<{ interfaceText: InterfaceText; problems: ContentError[] }> {
  const dir = join(lettersDir, INTERFACE_TEXT_DIR);
  const interfaceText: Record<string, Record<string, string>> = {};
  const problems: ContentError[] = [];
  if (!existsSync(dir)) return { interfaceText, problems };
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const fileOf = new Map<string, string>();
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const absolute = join(dir, entry.name);
    const file = displayPath(absolute);
    const stem = /^(.*)\.ya?ml$/i.exec(entry.name)?.[1];
    if (stem === undefined || entry.isDirectory()) {
      problems.push(new StrayFileError(file, undefined, `This ${entry.isDirectory() ? "folder" : "file"} is not read: letters/${INTERFACE_TEXT_DIR}/ holds one YAML file per language, named after it.`,
        "Name it after its language, e.g. fr.yaml or pt-BR.yaml, or move it out of this folder."));
      continue;
    }
    const lang = languageOfFile(stem);
    if (!lang) {
      const meant = languageCodeFor(stem.replace(/[-_]/g, " "));
      problems.push(new MisnamedFileError(file, undefined, `The file name ${quote(entry.name)} is not a language code, so its messages apply to no page.`,
        meant ? `Rename it to ${meant.code}.yaml (${meant.name}).` : "Name it after a BCP 47 language tag, e.g. fr.yaml, de.yaml or pt-BR.yaml."));
      continue;
    }
    const other = fileOf.get(lang);
    if (other) {
      problems.push(new MisnamedFileError(file, undefined, `This file is for ${lang}, like ${other}; only one file per language is read.`,
        `Move its messages into ${other} and delete this one.`));
      continue;
    }
    fileOf.set(lang, file);
    const read = await readContentFile(absolute);
    if (read.problem) {
      problems.push(read.problem);
      continue;
    }
    const { messages, problems: own } = checkFile(read.text!, file);
    problems.push(...own);
    if (Object.keys(messages).length) interfaceText[lang] = messages;
  }
  return { interfaceText, problems };
}

/** The messages of one file and what is wrong with it. */
export function checkFile(text: string, file: string): { messages: Record<string, string>; problems: ContentError[] } {
  const messages: Record<string, string> = {};
  const parsed = parseYaml(text, file);
  if (parsed.problems.length) return { messages, problems: parsed.problems };
  const value = parsed.value;
  if (value === null || value === undefined) return { messages, problems: [] }; // an empty file changes nothing
  if (typeof value !== "object" || Array.isArray(value)) {
    return {
      messages,
      problems: [new YamlSyntaxError(file, parsed.positionOf([]), "This file must be a mapping of message keys to messages.",
        'Write one message per line, e.g. signHeading: "Sign this letter".')],
    };
  }
  const problems: ContentError[] = [];
  const keys = messageKeys();
  const lower = new Map(keys.map((k) => [k.toLowerCase(), k]));
  for (const [key, message] of Object.entries(value as Record<string, unknown>)) {
    if (!hasMessage(key)) {
      const near = suggest(key, [...lower.keys()]);
      const suggestion = near === undefined ? undefined : lower.get(near);
      problems.push(new UnknownKeyError(file, parsed.positionOf([key], "key"), `Unknown message key ${quote(key)}.`,
        suggestion ? `Did you mean "${suggestion}"?` : "The keys are those of src/i18n/catalogues/en.json."));
      continue;
    }
    const at = parsed.positionOf([key], "value");
    if (typeof message !== "string") {
      problems.push(new InvalidFieldError(file, at, `${quote(key)} must be text, not ${message === null ? "empty" : Array.isArray(message) ? "a list" : typeof message}.`,
        `Write the message after the key, in quotes: ${key}: "…".`));
      continue;
    }
    const found = messageProblems(message, argumentsOf(key));
    if (found.length) {
      const first = found[0]!;
      const takes = Object.keys(argumentsOf(key));
      problems.push(new InvalidMessageError(file, insideValue(text, at, message, first), `The message of ${quote(key)} cannot be used: ${first.text}.`,
        takes.length
          ? `Write it in ICU MessageFormat with ${takes.map((a) => `{${a}}`).join(", ")}, e.g. as in src/i18n/catalogues/en.json.`
          : "This message takes no placeholders: write { and } inside quotes ('{') to show them."));
      continue;
    }
    messages[key] = message;
  }
  return { messages, problems };
}

/**
 * The place of a problem inside a message: the value's start, moved along to the problem's column when
 * the value sits on one line as written (no escapes, no folding), so editors land on the character.
 */
function insideValue(text: string, at: Position, message: string, problem: { line?: number; column?: number }): Position {
  if (problem.line !== 1 || problem.column === undefined) return at;
  const line = text.split("\n")[at.line - 1] ?? "";
  const start = at.column - 1;
  const quoted = line[start] === '"' || line[start] === "'";
  const body = line.slice(start + (quoted ? 1 : 0));
  return body.startsWith(message) ? { line: at.line, column: at.column + (quoted ? 1 : 0) + problem.column - 1 } : at;
}
