// YAML parsing with positions. The `yaml` package is the reference: every error message must point at a
// line and column, and it keeps every node's range (https://eemeli.org/yaml/#documents). Signatory files
// and front matter are read first with js-yaml, about fifteen times faster on a 100,000-name list, which
// records only where each entry starts; a file with any problem is read again with `yaml`, so messages
// are the same either way.
import jsYaml from "js-yaml";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Parser, type Document, type Node } from "yaml";
import { YamlSyntaxError, type ContentError, type Position } from "../model/errors.ts";

/** Named limits on what a hostile file may ask the parser to do. */
export const yamlLimits = {
  /** Aliases per document; `yaml` refuses more, which defeats "billion laughs" alias bombs. */
  maxAliasCount: 100,
  /**
   * Collections inside collections. Reading recurses once per level, and thousands of levels can kill
   * the process (V8 may run out of memory compiling a regular expression at the bottom of the stack)
   * instead of failing cleanly; our files need three.
   */
  maxDepth: 64,
};

export interface ParsedYaml {
  doc: Document.Parsed;
  value: unknown;
  /** Position of the node at a path (map keys and sequence indexes), falling back to its nearest parent. */
  positionOf(path: readonly PropertyKey[], which?: "key" | "value"): Position;
  problems: ContentError[];
}

export interface ParseOptions {
  /** Lines before the YAML text in its file (front matter starts after the `---` line). */
  lineOffset?: number;
}

/**
 * Reads `text` with js-yaml when it can: the value, the problems (none) and the positions of the document
 * and of a top-level list's entries, the only ones a clean signatory file needs. Any other position, and
 * `doc`, come from a full `yaml` parse made on first use. Returns undefined when only `yaml` may read the
 * file: js-yaml failed or warned, or the text may hold anchors, aliases or tags, which only `yaml` limits
 * (an alias bomb) or reports (an unknown tag). The caller reads it again with parseYaml if the value
 * turns out to be invalid, so that values and messages never depend on which parser read the file.
 */
export function parseYamlFast(text: string, file: string, options: ParseOptions = {}): ParsedYaml | undefined {
  if (!fastReaderMayRead(text)) return undefined;
  const read = readWithJsYaml(text);
  return read && withLazyPositions(text, file, options, read);
}

/** What js-yaml gives of a clean file: its value, and where the document and its top-level entries start. */
interface FastRead {
  value: unknown;
  /** Offsets of the document (depth 1), then of each top-level entry (depth 2). */
  starts: number[];
}

/** False for a text only `yaml` may read, before spending time on js-yaml. */
function fastReaderMayRead(text: string): boolean {
  // js-yaml drops a byte order mark before counting offsets; the loader has removed it already anyway.
  return !text.startsWith("\uFEFF") && !MAY_USE_NODE_PROPERTIES.test(text);
}

/**
 * The value and entry offsets by js-yaml, or undefined for anything short of a clean read: then `yaml`
 * reads the file and says where and why.
 */
function readWithJsYaml(text: string): FastRead | undefined {
  const starts: number[] = [];
  let depth = 0;
  let warned = false;
  let value: unknown;
  try {
    value = jsYaml.load(text, {
      schema: jsYaml.CORE_SCHEMA, // as `yaml`'s core schema: dates and yes/no stay strings
      onWarning: () => (warned = true),
      // js-yaml reports no positions in its result; its open events are where each node starts.
      listener(event, state) {
        if (event === "open") {
          // js-yaml recurses once per level; deep enough, V8 can die compiling a regular expression
          // instead of throwing. `yaml` reports such a file cleanly, so it gets it long before.
          if (++depth > MAX_FAST_DEPTH) throw new RangeError("nested too deeply for the fast reader");
          if (depth <= 2) starts.push(state.position);
        } else if (event === "close") depth--;
      },
    });
  } catch {
    return undefined; // a syntax error, a duplicate key, nesting too deep
  }
  // A warning is a problem `yaml` reports with a position; the fast path reports none.
  return warned ? undefined : { value, starts };
}

/**
 * A ParsedYaml over js-yaml's value. The document's and the top-level entries' positions come from the
 * recorded offsets; anything else needs `yaml`'s full parse, made at most once and only when asked for
 * (a clean file never asks, which is the point of the fast path).
 */
function withLazyPositions(text: string, file: string, options: ParseOptions, { value, starts }: FastRead): ParsedYaml {
  let exact: ParsedYaml | undefined;
  const full = () => (exact ??= parseYaml(text, file, options));
  let lines: number[] | undefined;
  const at = (offset: number): Position => positionIn((lines ??= lineStarts(text)), offset, options.lineOffset ?? 0);
  const entries = Array.isArray(value) ? starts.slice(1) : [];
  return {
    get doc() {
      return full().doc;
    },
    value,
    problems: [],
    positionOf(path, which = "value") {
      const offset = recordedOffset(path, which, starts, entries, value);
      return offset === undefined ? full().positionOf(path, which) : at(offset);
    },
  };
}

/**
 * The recorded offset of the node at `path`, if it is the document or a top-level list entry. The entry
 * offsets are used only when there is one per item of the list, so an offset never names the wrong entry.
 */
function recordedOffset(path: readonly PropertyKey[], which: "key" | "value", starts: readonly number[], entries: readonly number[], value: unknown): number | undefined {
  if (path.length === 0 && starts.length) return starts[0]!;
  const index = path[0];
  if (path.length === 1 && typeof index === "number" && which === "value" && entries.length === (value as unknown[]).length && index < entries.length) {
    return entries[index]!;
  }
  return undefined;
}

/** Nesting js-yaml may read: a signatory file is two levels deep (a list of mappings). */
const MAX_FAST_DEPTH = 32;

/**
 * An anchor (&a), alias (*a) or tag (!t) starts after a space, a line start or a flow indicator and is
 * followed by a name. Over-matching (a quoted "*emphasis*") only sends the file to the slower parser.
 */
const MAY_USE_NODE_PROPERTIES = /(?:^|[\s[{,])[&*!][^\s,[\]{}]/m;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Line and column (from 1) of `offset`, given the offsets where lines start. */
function positionIn(lines: readonly number[], offset: number, lineOffset: number): Position {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1 + lineOffset, column: offset - lines[lo]! + 1 };
}

export function parseYaml(text: string, file: string, options: ParseOptions = {}): ParsedYaml {
  const lineOffset = options.lineOffset ?? 0;
  const lineCounter = new LineCounter();
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const problem = new YamlSyntaxError(file, positionIn(lineStarts(text), deep, lineOffset), "The YAML is nested too deeply to read.",
      `A signatory file holds a mapping, or a list of mappings, of plain values (at most ${yamlLimits.maxDepth} levels).`);
    return { doc: parseDocument(""), value: undefined, positionOf: () => ({ line: 1 + lineOffset, column: 1 }), problems: [problem] };
  }
  // The core schema keeps `2021-09-29` a string (YAML 1.1 would make it a Date), `uniqueKeys` rejects
  // duplicate keys, and `yes`/`no` stay strings, so a signer named "No" is not turned into `false`.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: "core", strict: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  const problems: ContentError[] = [];
  const reported = [...doc.errors, ...doc.warnings];
  // A tab in an indentation derails the parser for the rest of the entry and beyond (one tab gave six
  // "Unexpected scalar" errors): it is reported once, where the tab is, instead of everything it caused.
  const tab = reported.length ? tabIndentation(text, reported.map((e) => lineCounter.linePos(e.pos[0]).line)) : undefined;
  // Warnings count as errors: an unresolved tag such as `!include /etc/passwd` must not pass silently.
  for (const error of reported) {
    if (tab && lineCounter.linePos(error.pos[0]).line >= tab.line) continue;
    const deep = /call stack/i.test(error.message);
    problems.push(
      new YamlSyntaxError(
        file,
        at(error.pos[0]),
        deep ? "The YAML is nested too deeply to read." : `YAML syntax error: ${firstLine(error.message)}.`,
        deep ? "A signatory file holds a mapping, or a list of mappings, of plain values." : yamlHint(error.code),
        { cause: error },
      ),
    );
  }
  if (tab) {
    problems.push(
      new YamlSyntaxError(file, { line: tab.line + lineOffset, column: tab.column }, "YAML indentation uses spaces, not tabs: this line is indented with a tab.",
        'Replace the tab with spaces, so the line starts under the field above it (in a list, two spaces in from the "- ").'),
    );
  }
  let value: unknown = undefined;
  if (problems.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: yamlLimits.maxAliasCount });
    } catch (cause) {
      // toJS throws on excessive aliases (and nothing else we allow); report it as the file's problem.
      problems.push(
        new YamlSyntaxError(file, at(0), `YAML could not be read: ${firstLine(String((cause as Error).message))}.`,
          `Write the values out instead of using more than ${yamlLimits.maxAliasCount} aliases (*name).`, { cause }),
      );
    }
  }
  const positionOf = (path: readonly PropertyKey[], which: "key" | "value" = "value"): Position => {
    let node: unknown = doc.contents;
    let best: Node | undefined = isNode(node) ? node : undefined;
    for (const [i, key] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
        if (!pair) break;
        if (last && which === "key" && isNode(pair.key)) return at(pair.key.range?.[0] ?? 0);
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof key === "number") {
        node = node.items[key];
      } else break;
      if (isNode(node)) best = node;
    }
    return at(best?.range?.[0] ?? 0);
  };
  return { doc, value, positionOf, problems };
}

/**
 * Where collections first nest deeper than yamlLimits.maxDepth, or undefined. Only a text that could be
 * that deep (by a quick count) is checked, on `yaml`'s concrete syntax tree, which its parser builds
 * without recursing, walked with a stack of our own.
 */
function tooDeepAt(text: string): number | undefined {
  let openers = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) openers++; // [ {
  }
  let widestIndent = 0;
  for (const prefix of text.match(/^[ ?-]*/gm) ?? []) widestIndent = Math.max(widestIndent, prefix.length);
  // Each level is a bracket, one more column of indentation, a "- " or a "? ", besides the top level.
  if (openers + widestIndent + 1 <= yamlLimits.maxDepth) return undefined;
  type Tok = { type?: string; offset?: number; value?: unknown; items?: { key?: unknown; value?: unknown }[] };
  const stack: [Tok, number][] = [];
  for (const token of new Parser().parse(text)) stack.push([token as Tok, 0]);
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    const level = token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection" ? depth + 1 : depth;
    if (level > yamlLimits.maxDepth) return token.offset ?? 0;
    const children = [token.value, ...(token.items ?? []).flatMap((item) => [item.key, item.value])];
    for (const child of children) if (child && typeof child === "object" && "type" in child) stack.push([child as Tok, level]);
  }
  return undefined;
}

/**
 * The first line (from 1) whose indentation, including the "- " of list entries, holds a tab, and the
 * tab's column; only a line the parser reported an error on counts, so a tab that is the content of a
 * block scalar (`|`) is never blamed for an error elsewhere.
 */
function tabIndentation(text: string, errorLines: readonly number[]): Position | undefined {
  const lines = text.split("\n");
  for (const line of [...new Set(errorLines)].sort((a, b) => a - b)) {
    const indentation = /^[ \t]*(?:-[ \t]+)*/.exec(lines[line - 1] ?? "")![0];
    const column = indentation.indexOf("\t") + 1;
    if (column > 0) return { line, column };
  }
  return undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && "range" in value && Array.isArray((value as Node).range);
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").replace(/\.$/, "");
}

function yamlHint(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "Each key may appear once in a mapping: remove or rename the repeated one.";
    case "TAB_AS_INDENT":
      return "Indent with spaces, not tabs.";
    case "BAD_INDENT":
      return "Check the indentation: fields of one entry line up under each other, two spaces in from the \"- \".";
    case "MISSING_CHAR":
      return "Close the quote or bracket that starts earlier on this entry.";
    case "MULTIPLE_DOCS":
      return 'A file holds one YAML document: remove the extra "---" line (a list of signatories starts each entry with "- ").';
    case "TAG_RESOLVE_FAILED":
      return "Remove the tag (the word starting with !): values are plain text, dates and lists.";
    default:
      return 'Put the value in quotes if it contains ": ", " #" or starts with a special character, e.g. title: "Hello: world".';
  }
}
