// Turns schema violations into positioned, fixable messages. Zod says *what* is wrong at which path; the
// YAML document says *where*; the field's description says *how to fix*.
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { BARE_DOMAIN } from "../common/safe-url.ts";
import { InvalidFieldError, MissingFieldError, UnknownKeyError, type ContentError, type Position } from "../model/errors.ts";

export interface Located {
  file: string;
  positionOf(path: readonly PropertyKey[], which?: "key" | "value"): Position;
}

export interface ValidationResult<T> {
  data: T | undefined;
  problems: ContentError[];
}

/** Validates `value` against `schema`, reporting every problem with the position of the offending node. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: Located,
  pathPrefix: readonly PropertyKey[] = [],
): ValidationResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data, problems: [] };
  const problems = result.error.issues.flatMap((issue) => toProblems(schema, issue, value, where, pathPrefix));
  return { data: undefined, problems };
}

function toProblems(
  schema: z.ZodType,
  issue: z.core.$ZodIssue,
  root: unknown,
  where: Located,
  prefix: readonly PropertyKey[],
): ContentError[] {
  const path = [...prefix, ...issue.path];
  const field = fieldName(issue.path);
  const fieldSchema = schemaAt(schema, issue.path);
  const describe = fieldSchema ? descriptionOf(fieldSchema) : undefined;
  const input = valueAt(root, issue.path);

  switch (issue.code) {
    case "unrecognized_keys": {
      const parent = schemaAt(schema, issue.path);
      const known = parent ? knownKeys(parent) : [];
      return issue.keys.map((key) => {
        const suggestion = suggest(key, known);
        return new UnknownKeyError(
          where.file,
          where.positionOf([...path, key], "key"),
          `Unknown key "${key}"${issue.path.length ? ` in ${field}` : ""}.`,
          suggestion
            ? `Did you mean "${suggestion}"?`
            : `Allowed keys: ${known.join(", ")}.`,
        );
      });
    }
    case "invalid_type":
      if (input === undefined) {
        return [
          new MissingFieldError(
            where.file,
            where.positionOf(path.slice(0, -1)),
            `Missing required field "${field}".`,
            `Add ${field}: ...${describe ? ` (${describe})` : ""}`,
          ),
        ];
      }
      return [
        new InvalidFieldError(
          where.file,
          where.positionOf(path),
          `"${field}" must be ${article(issue.expected)}, not ${kindOf(input)}.`,
          typeHint(issue.expected, describe),
        ),
      ];
    case "invalid_value": {
      const allowed = issue.values.map(String);
      const suggestion = typeof input === "string" ? suggest(input, allowed) : undefined;
      return [
        new InvalidFieldError(
          where.file,
          where.positionOf(path),
          `"${field}" is ${JSON.stringify(input)}; it must be one of: ${allowed.join(", ")}.`,
          suggestion ? `Did you mean "${suggestion}"?` : describe,
        ),
      ];
    }
    case "too_small":
      return [
        new InvalidFieldError(
          where.file,
          where.positionOf(path),
          issue.origin === "array" ? `"${field}" is an empty list.` : `"${field}" is empty.`,
          describe ? `Fill it in (${describe}) or remove the line.` : "Fill it in or remove the line.",
        ),
      ];
    default: {
      // Our own refinements (dates, URLs, codes) carry a message that completes "<field> ...".
      const shown = typeof input === "string" && input.trim() !== "" ? ` ${JSON.stringify(input)}` : "";
      // A refinement that knows the fix for this very value (the code of a language named) says it.
      const own = issue.code === "custom" && typeof issue.params?.hint === "string" ? issue.params.hint : undefined;
      return [new InvalidFieldError(where.file, where.positionOf(path), `"${field}"${shown} ${issue.message}.`, own ?? formatHint(input, describe))];
    }
  }
}

/** A URL written without its scheme gets the corrected form as its hint. */
function formatHint(input: unknown, describe: string | undefined): string | undefined {
  if (typeof input === "string" && BARE_DOMAIN.test(input)) {
    return `Write it with its scheme: "https://${input}".`;
  }
  return describe ? `Expected: ${describe}` : undefined;
}

/** Nearest allowed word within two edits, for "did you mean" hints. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word.toLowerCase(), [...candidates]);
  return distance(word.toLowerCase(), best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function fieldName(path: readonly PropertyKey[]): string {
  const keys = path.filter((p) => typeof p === "string");
  return keys.length ? keys.join(".") : "value";
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Any zod schema: the fields of an object or the element of an array are typed as zod core's schemas. */
type Schema = z.core.$ZodType;

/** Walks a schema along a data path, through optionals, arrays and unions (see unwrap). */
function schemaAt(schema: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let node: Schema | undefined = schema;
  for (const key of path) {
    node = unwrap(node, typeof key === "number");
    if (typeof key === "number" && node instanceof z.ZodArray) node = node.element;
    else if (typeof key === "string" && node instanceof z.ZodObject) node = node.shape[key];
    else return undefined;
  }
  return unwrap(node, false);
}

/**
 * The schema under optional, default and nullable wrappers, where the field's description and shape are.
 * In a union, the option of the kind the data path goes into next (a list for an index, else a mapping).
 */
function unwrap(schema: Schema | undefined, wantArray: boolean): Schema | undefined {
  let node = schema;
  // Bounded: schemas are ours and shallow; the bound only guards against a cycle.
  for (let i = 0; node && i < 10; i++) {
    if (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable) node = node.unwrap();
    else if (node instanceof z.ZodUnion) {
      const options = node.options;
      node = options.find((o) => (wantArray ? o instanceof z.ZodArray : o instanceof z.ZodObject)) ?? options[0];
    } else break;
  }
  return node;
}

function knownKeys(schema: Schema): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The description given with .meta({ description }), which zod keeps in its global registry. */
function descriptionOf(schema: Schema): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}

function kindOf(value: unknown): string {
  if (value === null) return "empty (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `text (${JSON.stringify(value)})`;
  return `${article(typeof value)} (${String(value)})`;
}

function article(type: string): string {
  const names: Record<string, string> = { string: "text", array: "a list", object: "a mapping", number: "a number", boolean: "true or false" };
  return names[type] ?? type;
}

function typeHint(expected: string, describe: string | undefined): string {
  if (expected === "string") return `Put the value in quotes if it looks like a number or a date${describe ? ` (${describe})` : ""}.`;
  if (expected === "array") return `Write one item per line, each starting with "- "${describe ? ` (${describe})` : ""}.`;
  if (expected === "object") return `Write "key: value" lines indented under it${describe ? ` (${describe})` : ""}.`;
  return describe ?? "";
}
