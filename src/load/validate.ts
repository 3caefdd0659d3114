// Turns schema violations into positioned, fixable messages. Zod says *what* is wrong at which path; the
// YAML document says *where*; the field's description says *how to fix*.
import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
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
      return [new InvalidFieldError(where.file, where.positionOf(path), `"${field}"${shown} ${issue.message}.`, formatHint(input, describe))];
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

/** Walks a schema along a data path, through optionals, arrays and unions (the first object wins). */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let node: z.ZodType | undefined = schema;
  for (const key of path) {
    node = unwrap(node, typeof key === "number");
    if (!node) return undefined;
    const def = (node as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType } }).def;
    if (typeof key === "number" && def.type === "array") node = def.element;
    else if (typeof key === "string" && def.shape) node = def.shape[key];
    else return undefined;
  }
  return unwrap(node, false);
}

function unwrap(schema: z.ZodType | undefined, wantArray: boolean): z.ZodType | undefined {
  let node = schema;
  for (let i = 0; node && i < 10; i++) {
    const def = (node as unknown as { def: { type: string; innerType?: z.ZodType; options?: z.ZodType[] } }).def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable") node = def.innerType;
    else if (def.type === "union" && def.options) {
      node = def.options.find((o) => (o as unknown as { def: { type: string } }).def.type === (wantArray ? "array" : "object")) ?? def.options[0];
    } else break;
  }
  return node;
}

function knownKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { def: { shape?: Record<string, unknown> } }).def.shape;
  return shape ? Object.keys(shape) : [];
}

function descriptionOf(schema: z.ZodType): string | undefined {
  return (schema.meta() as { description?: string } | undefined)?.description;
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
