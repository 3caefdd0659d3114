// ICU MessageFormat, through FormatJS: plurals choose their form with Intl.PluralRules and numbers are
// written with Intl.NumberFormat, in the catalogue's language. https://formatjs.github.io/docs/core-concepts/icu-syntax
// Tags (`<b>`) are not syntax here: markup reaches a message only as an argument the template marks safe.
import { parse, TYPE, type MessageFormatElement, type PluralOrSelectOption } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import type { ArgumentKind } from "./arguments.ts";

export type ArgumentValue = number | string;

const OPTIONS = { ignoreTag: true } as const;
const compiled = new Map<string, IntlMessageFormat>();

function compile(source: string | MessageFormatElement[], locale: string, id: string): IntlMessageFormat {
  let message = compiled.get(id);
  if (!message) {
    message = new IntlMessageFormat(source, locale, undefined, OPTIONS);
    compiled.set(id, message);
  }
  return message;
}

/** `source` written in `locale`, with `values` in its placeholders. Compiled once per message and locale. */
export function formatMessage(source: string, locale: string, values: Readonly<Record<string, ArgumentValue>>): string {
  return String(compile(source, locale, `${locale}\0${source}`).format(values));
}

/** Braces inside braces a message may have: a plural inside a select inside a plural is 6. */
const MAX_DEPTH = 12;

/** A problem in one message, with where in its text it starts (1-based, within the message). */
export interface MessageProblem {
  text: string;
  line?: number;
  column?: number;
}

/** What the parser's error kinds mean, for the ones a translator is likely to meet. */
const SYNTAX: Record<string, string> = {
  EXPECT_ARGUMENT_CLOSING_BRACE: "a placeholder is not closed: a { has no matching }",
  UNMATCHED_CLOSING_BRACE: "a } closes nothing",
  EMPTY_ARGUMENT: "a placeholder {} has no name",
  MALFORMED_ARGUMENT: "a placeholder's name is not a name",
  INVALID_ARGUMENT_TYPE: "a placeholder's type is not number, plural, select or selectordinal",
  EXPECT_ARGUMENT_TYPE: "a placeholder has a comma but no type after it",
  MISSING_OTHER_CLAUSE: "a plural or select has no `other {…}` form",
  EXPECT_PLURAL_ARGUMENT_SELECTOR: "a plural has no forms (e.g. one {…} other {…})",
  EXPECT_SELECT_ARGUMENT_OPTIONS: "a select has no forms",
  INVALID_PLURAL_ARGUMENT_SELECTOR: "a plural form is not one of zero, one, two, few, many, other or =N",
  DUPLICATE_PLURAL_ARGUMENT_SELECTOR: "a plural form is given twice",
  DUPLICATE_SELECT_ARGUMENT_SELECTOR: "a select form is given twice",
  EXPECT_PLURAL_ARGUMENT_OPTIONS: "a plural form has no text in braces",
  EXPECT_SELECT_ARGUMENT_SELECTOR_FRAGMENT: "a select form has no text in braces",
  EXPECT_PLURAL_ARGUMENT_SELECTOR_FRAGMENT: "a plural form has no text in braces",
};

/**
 * What is wrong with `source` as a message whose placeholders are `args` (name → kind): ICU syntax, a
 * placeholder the message does not take, or a text placeholder used as a number. Empty when it is fine.
 */
export function messageProblems(source: string, args: Readonly<Record<string, ArgumentKind>>): MessageProblem[] {
  // The parser recurses once per level: a stranger's file nested thousands deep must fail cleanly first.
  let depth = 0;
  for (const c of source) {
    if (c === "{" && ++depth > MAX_DEPTH) return [{ text: `placeholders are nested more than ${MAX_DEPTH} deep` }];
    if (c === "}" && depth > 0) depth--;
  }
  let ast: MessageFormatElement[];
  try {
    ast = parse(source, { ...OPTIONS, captureLocation: true });
  } catch (error) {
    const { message, location } = error as SyntaxError & { location?: { start: { line: number; column: number } } };
    const text = SYNTAX[message] ?? `ICU syntax error (${message.toLowerCase().replace(/_/g, " ")})`;
    return [{ text, line: location?.start.line, column: location?.start.column }];
  }
  const problems: MessageProblem[] = [];
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound || el.type === TYPE.tag) continue;
      const at = { line: el.location?.start.line, column: el.location?.start.column };
      const kind = args[el.value];
      if (kind === undefined) {
        const takes = Object.keys(args);
        problems.push({ ...at, text: `the placeholder {${el.value}} is not one this message takes (${takes.length ? `it takes ${takes.map((a) => `{${a}}`).join(", ")}` : "it takes none"})` });
      } else if (kind === "slot" && el.type !== TYPE.argument) {
        problems.push({ ...at, text: `{${el.value}} is filled in later, as it is: write it {${el.value}}, without a type or forms` });
      } else if (kind === "text" && (el.type === TYPE.number || el.type === TYPE.plural || el.type === TYPE.date || el.type === TYPE.time)) {
        problems.push({ ...at, text: `{${el.value}} is text, not a number: write it {${el.value}}, or choose forms with select` });
      } else if (el.type === TYPE.date || el.type === TYPE.time) {
        problems.push({ ...at, text: `{${el.value}} is a number, not a date` });
      }
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options) as PluralOrSelectOption[]) walk(option.value);
    }
  };
  walk(ast);
  return problems;
}

/** The placeholder names `source` uses anywhere (a plural's `#` counts as its own), e.g. for comparing translations. */
export function placeholdersOf(source: string): Set<string> {
  const names = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound || el.type === TYPE.tag) continue;
      names.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options) as PluralOrSelectOption[]) walk(option.value);
    }
  };
  walk(parse(source, OPTIONS));
  return names;
}

/**
 * The forms of a message that the browser completes with a count (`arg`): one text per plural category
 * of `locale` (and per exact `=N` form), each with `{arg}` where the number goes. The browser picks one
 * with Intl.PluralRules, as FormatJS would (src/common/plural.ts), and fills in the number.
 */
export function pluralForms(source: string, locale: string, arg: string, values: Readonly<Record<string, ArgumentValue>>): Record<string, string> {
  const ast = parse(source, OPTIONS);
  const exact = new Set<string>();
  const collect = (elements: readonly MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type !== TYPE.plural && el.type !== TYPE.select) continue;
      for (const [key, option] of Object.entries(el.options) as [string, PluralOrSelectOption][]) {
        if (el.type === TYPE.plural && el.value === arg && key.startsWith("=")) exact.add(key);
        collect(option.value);
      }
    }
  };
  collect(ast);
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
  const forms: Record<string, string> = {};
  for (const form of [...exact, ...categories]) {
    const chosen = choose(ast, arg, form, false);
    forms[form] = String(compile(chosen, locale, `${locale}\0${source}\0${arg}\0${form}`).format({ ...values, [arg]: `{${arg}}` }));
  }
  return forms;
}

/** `elements` with `arg`'s plural replaced by its `form` (or `other`), and its number by a plain `{arg}`. */
function choose(elements: readonly MessageFormatElement[], arg: string, form: string, inside: boolean): MessageFormatElement[] {
  return elements.flatMap((el): MessageFormatElement[] => {
    if (el.type === TYPE.pound && inside) return [{ type: TYPE.argument, value: arg }];
    if (el.type === TYPE.number && el.value === arg) return [{ type: TYPE.argument, value: arg }];
    if (el.type === TYPE.plural && el.value === arg) {
      const options = el.options as Record<string, PluralOrSelectOption | undefined>;
      return choose((options[form] ?? options.other)!.value, arg, form, true);
    }
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(el.options).map(([k, o]) => [k, { ...o, value: choose(o.value, arg, form, inside && el.type === TYPE.select) }]));
      return [{ ...el, options } as MessageFormatElement];
    }
    return [el];
  });
}
