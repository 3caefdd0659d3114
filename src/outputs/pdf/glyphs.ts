// Text the PDF fonts cannot print. Typst would set such characters as empty boxes without a word (the
// layout turns font fallback off, so no font of the machine fills in), so the build checks first:
// - a letter's own text (title, addressees, salutation, body, notes, headings) in a script that no PDF
//   font covers is an error: the whole PDF would be unreadable, and only a new font or another text
//   can fix it;
// - a signatory's name or role with a few such characters (an emoji, a Chinese name on a French letter)
//   is a warning naming the file, line and column: a stranger's name must never break the build.
import { readFileSync } from "node:fs";
import { MissingGlyphError, UncoveredScriptError } from "../../model/errors.ts";
import type { CodePointSet } from "../typst/cmap.ts";
import type { PdfDocument } from "./document.ts";
import { FONT_FAMILIES } from "../typst/fonts.ts";
import type { LayoutData } from "./layout.ts";
import { NO_SCRIPT, scriptName, scriptOf, scriptsUsing } from "./scripts.ts";
import type { Block, Inline } from "./tree.ts";

/** Warnings printed per document at most; the rest are counted. */
const MAX_WARNINGS = 10;
/** Characters shown in an example of an uncovered script. */
const EXAMPLE_LENGTH = 12;
// Spaces, controls and invisible formatting characters (soft hyphen, joiners, bidi marks) need no glyph.
const NEEDS_NO_GLYPH = /[\s\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

interface Text {
  text: string;
  source: string;
  /** "letter": written by the letter's editors (or generated in its language); "signatory": from a signatory file. */
  kind: "letter" | "signatory";
}

/** Printable ASCII (the space needs no glyph): a coverage that has "!" to "~" prints it all. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NOTHING: readonly string[] = Object.freeze([]);
// By coverage, then text: a letter's documents (each language, current and released) print the same
// names, 62 times on a 7,000-name letter in 31 languages, and most names are ASCII.
const found = new WeakMap<CodePointSet, { ascii: boolean; texts: Map<string, readonly string[]> }>();

function missingIn(text: string, coverage: CodePointSet): readonly string[] {
  let known = found.get(coverage);
  if (!known) found.set(coverage, (known = { ascii: [...Array(0x7f - 0x21).keys()].every((i) => coverage.has(0x21 + i)), texts: new Map() }));
  if (known.ascii && PRINTABLE_ASCII.test(text)) return NOTHING;
  let missing = known.texts.get(text);
  if (!missing) {
    const chars = [...new Set([...text].filter((ch) => !NEEDS_NO_GLYPH.test(ch) && !coverage.has(ch.codePointAt(0)!)))];
    known.texts.set(text, (missing = chars.length ? chars : NOTHING));
  }
  return missing;
}

const codePoint = (ch: string) => `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`;

/** "file:line:col" (how a PdfEntry names its signatory) as a file and a position. */
function sourcePosition(source: string): { file: string; position?: { line: number; column: number } } {
  const match = /^(.*):(\d+):(\d+)$/.exec(source);
  return match ? { file: match[1]!, position: { line: Number(match[2]), column: Number(match[3]) } } : { file: source };
}

/**
 * Warnings about signatories' names and roles that hold characters no PDF font has, each at the
 * signatory's file, line and column, so that `npm run check` can show them on a pull request's lines.
 */
export function missingGlyphWarnings(doc: PdfDocument, data: LayoutData, coverage: CodePointSet): MissingGlyphError[] {
  const warnings: MissingGlyphError[] = [];
  let more = 0;
  for (const { text, source, kind } of texts(doc, data)) {
    if (kind !== "signatory") continue; // the letter's own text is checked by uncoveredScriptError
    const missing = missingIn(text, coverage);
    if (!missing.length) continue;
    if (warnings.length >= MAX_WARNINGS) {
      more++;
      continue;
    }
    const effect = missing.length === 1 ? "it, so it prints as an empty box" : "them, so they print as empty boxes";
    const { file, position } = sourcePosition(source);
    warnings.push(
      new MissingGlyphError(file, position,
        `the PDF of "${doc.slug}" cannot print ${missing.map(codePoint).join(", ")} in "${shorten(text)}": no PDF font has a glyph for ${effect}.`,
        "Check the spelling, or ask for a PDF font that covers this script.").asWarning(),
    );
  }
  if (more) {
    warnings.push(new MissingGlyphError(doc.source, undefined, `the PDF of "${doc.slug}" has ${more} more text(s) with characters the fonts cannot print.`).asWarning());
  }
  return warnings;
}

/**
 * The error for a document whose own text needs a script (or symbols) that no PDF font covers, naming
 * the file, the letter, the language and each script with an example; undefined when every character
 * of the letter's text can be printed.
 */
export function uncoveredScriptError(doc: PdfDocument, data: LayoutData, coverage: CodePointSet): UncoveredScriptError | undefined {
  /** Script code → an example of text in it; for characters of no script, the characters themselves. */
  const scripts = new Map<string, string>();
  const symbols = new Set<string>();
  for (const { text, kind } of texts(doc, data)) {
    if (kind !== "letter") continue;
    for (const ch of missingIn(text, coverage)) {
      const code = scriptOf(ch);
      if (NO_SCRIPT.has(code)) symbols.add(ch);
      else if (!scripts.has(code)) scripts.set(code, example(text, ch, coverage));
    }
  }
  // Punctuation of a script found missing ("。" with Japanese) comes with that script's font.
  for (const ch of symbols) if (scriptsUsing(ch).some((code) => scripts.has(code))) symbols.delete(ch);
  if (!scripts.size && !symbols.size) return undefined;

  const needs: string[] = [];
  if (scripts.size) {
    const names = [...scripts.keys()].map(scriptName);
    const examples = [...new Set(scripts.values())].map((e) => `"${e}"`).join(", ");
    needs.push(`the ${list(names)} script${names.length > 1 ? "s" : ""} (e.g. ${examples})`);
  }
  if (symbols.size) needs.push(`the character${symbols.size > 1 ? "s" : ""} ${[...symbols].slice(0, 5).map(codePoint).join(", ")}${symbols.size > 5 ? "..." : ""}`);
  const several = scripts.size + (symbols.size ? 1 : 0) > 1 || symbols.size > 1;
  const covered = list(FONT_FAMILIES.flatMap((f) => f.scripts.split(/,\s*/)));
  return new UncoveredScriptError(
    doc.source,
    locate(doc.source, [...scripts.values(), ...symbols].map((s) => [...s][0]!)),
    `the PDF of "${doc.slug}" (${doc.lang}) needs a font for ${needs.join(" and ")}; none of the PDF fonts cover ${several ? "them" : "it"}, so the PDF would print empty boxes.`,
    `The PDF fonts cover ${covered}. Write this text in a script they cover, or add a TTF or OTF font from npm that covers ${several ? "these" : "it"} to src/outputs/typst/fonts.ts.`,
  );
}

/** The run of unprintable characters around `ch`, from the start of its word: "日本語の手紙" in "Le 日本語の手紙". */
function example(text: string, ch: string, coverage: CodePointSet): string {
  const chars = [...text];
  const unprintable = (c: string) => !/\s/u.test(c) && !coverage.has(c.codePointAt(0)!);
  const at = chars.indexOf(ch);
  let start = at;
  while (start > 0 && at - start < EXAMPLE_LENGTH - 1 && unprintable(chars[start - 1]!)) start--;
  let end = start;
  while (end < chars.length && end - start < EXAMPLE_LENGTH && unprintable(chars[end]!)) end++;
  return chars.slice(start, end).join("");
}

/** Line and column of the first of `chars` in the file, so editors can jump to it; undefined if not found. */
function locate(file: string, chars: string[]): { line: number; column: number } | undefined {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const offsets = chars.map((ch) => source.indexOf(ch)).filter((i) => i >= 0);
  if (!offsets.length) return undefined;
  const before = source.slice(0, Math.min(...offsets)).split("\n");
  return { line: before.length, column: [...before.at(-1)!].length + 1 };
}

const list = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

function* texts(doc: PdfDocument, data: LayoutData): Generator<Text> {
  const source = doc.source;
  const letter = (text: string | null | undefined): Text[] => (text ? [{ text, source, kind: "letter" }] : []);
  for (const text of [data.title, data.dateText, ...data.to, data.salutation, data.footer, data.signatories.heading]) yield* letter(text);
  yield* blockTexts(data.body.blocks, source);
  for (const note of Object.values(data.body.notes)) yield* blockTexts(note, source);
  for (const group of [...doc.signatories.groups, ...(doc.pack?.groups ?? [])]) {
    // Group headings come from signatory files (`group:`), like the names under them.
    const first = group.entries[0]?.source ?? source;
    if (group.heading) yield { text: group.heading, source: first, kind: "signatory" };
    for (const entry of group.entries) {
      for (const text of [entry.name, entry.role]) if (text) yield { text, source: entry.source ?? source, kind: "signatory" };
    }
  }
  for (const text of [data.signatories.note, data.signatories.withdrawnText]) yield* letter(text);
}

function* blockTexts(blocks: Block[], source: string): Generator<Text> {
  for (const block of blocks) {
    if (block.t === "par" || block.t === "heading") yield* inlineTexts(block.c, source);
    else if (block.t === "list") for (const item of block.items) yield* blockTexts(item, source);
    else if (block.t === "quote") yield* blockTexts(block.c, source);
    else if (block.t === "codeblock") yield { text: block.text, source, kind: "letter" };
  }
}

function* inlineTexts(nodes: Inline[], source: string): Generator<Text> {
  for (const node of nodes) {
    if (typeof node === "string") yield { text: node, source, kind: "letter" };
    else if (node.t === "emph" || node.t === "strong" || node.t === "link") yield* inlineTexts(node.c, source);
    else if (node.t === "url") yield { text: node.url, source, kind: "letter" };
    else if (node.t === "code") yield { text: node.text, source, kind: "letter" };
  }
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
