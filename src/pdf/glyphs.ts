// Text the PDF font cannot print. Typst would set such characters as empty boxes without a word (the
// layout turns font fallback off, so no other font fills in), so the build warns instead, naming the
// file and the text.
import type { CodePointSet } from "./cmap.ts";
import type { PdfDocument } from "./document.ts";
import type { LayoutData } from "./layout.ts";
import type { Block, Inline } from "./tree.ts";

/** Warnings printed per document at most; the rest are counted. */
const MAX_WARNINGS = 10;
// Spaces, controls and invisible formatting characters (soft hyphen, joiners, bidi marks) need no glyph.
const NEEDS_NO_GLYPH = /[\s\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

interface Text {
  text: string;
  source: string;
}

export function missingGlyphWarnings(doc: PdfDocument, data: LayoutData, coverage: CodePointSet): string[] {
  const warnings: string[] = [];
  let more = 0;
  for (const { text, source } of texts(doc, data)) {
    const missing = [...new Set([...text].filter((ch) => !NEEDS_NO_GLYPH.test(ch) && !coverage.has(ch.codePointAt(0)!)))];
    if (!missing.length) continue;
    if (warnings.length >= MAX_WARNINGS) {
      more++;
      continue;
    }
    const chars = missing.map((ch) => `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`).join(", ");
    const effect = missing.length === 1 ? "it, so it prints as an empty box" : "them, so they print as empty boxes";
    warnings.push(
      `${source}: warning: the PDF of "${doc.slug}" cannot print ${chars} in "${shorten(text)}": its font has no glyph for ${effect}. ` +
        "Check the spelling, or ask for a PDF font that covers this script.",
    );
  }
  if (more) warnings.push(`${doc.source}: warning: the PDF of "${doc.slug}" has ${more} more text(s) with characters the font cannot print.`);
  return warnings;
}

function* texts(doc: PdfDocument, data: LayoutData): Generator<Text> {
  const source = doc.source;
  for (const text of [data.title, data.dateText, ...data.to, data.salutation, data.footer, data.signatories.heading]) {
    if (text) yield { text, source };
  }
  yield* blockTexts(data.body.blocks, source);
  for (const note of Object.values(data.body.notes)) yield* blockTexts(note, source);
  for (const group of doc.signatories.groups) {
    if (group.heading) yield { text: group.heading, source };
    for (const entry of group.entries) {
      for (const text of [entry.name, entry.role]) if (text) yield { text, source: entry.source ?? source };
    }
  }
  for (const text of [data.signatories.note, data.signatories.withdrawnText]) if (text) yield { text, source };
}

function* blockTexts(blocks: Block[], source: string): Generator<Text> {
  for (const block of blocks) {
    if (block.t === "par" || block.t === "heading") yield* inlineTexts(block.c, source);
    else if (block.t === "list") for (const item of block.items) yield* blockTexts(item, source);
    else if (block.t === "quote") yield* blockTexts(block.c, source);
    else if (block.t === "codeblock") yield { text: block.text, source };
  }
}

function* inlineTexts(nodes: Inline[], source: string): Generator<Text> {
  for (const node of nodes) {
    if (typeof node === "string") yield { text: node, source };
    else if (node.t === "emph" || node.t === "strong" || node.t === "link") yield* inlineTexts(node.c, source);
    else if (node.t === "url") yield { text: node.url, source };
    else if (node.t === "code") yield { text: node.text, source };
  }
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
