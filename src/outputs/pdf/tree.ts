// Turns a letter body into the document tree that the Typst layout (letter.typ) prints, by walking the
// same markdown-it token stream that renders the HTML, so the PDF and the page can never disagree.
// The tree is plain JSON and reaches Typst as data, never as source: text from a letter is always a
// Typst string, printed literally, and cannot run as markup (see layout.ts).
import type { Token } from "markdown-it";
import { markdown, type RenderEnv } from "../../render/markdown.ts";

export type Inline =
  | string
  | { t: "emph" | "strong"; c: Inline[] }
  | { t: "link"; url: string; c: Inline[] }
  /** A URL printed in full, in unbreakable pieces that each end with "/" (lines break only after "/"). */
  | { t: "url"; url: string; parts: string[] }
  | { t: "code"; text: string }
  | { t: "linebreak" }
  /** A footnote reference; its text is in `notes` under the same id. `again`: a second citation of it. */
  | { t: "note"; id: number; again?: true };

export type Block =
  | { t: "par"; c: Inline[] }
  | { t: "heading"; level: number; c: Inline[] }
  | { t: "list"; ordered: boolean; start: number; tight: boolean; items: Block[][] }
  | { t: "quote"; c: Block[] }
  | { t: "codeblock"; text: string }
  | { t: "rule" };

export interface BodyTree {
  blocks: Block[];
  /** Footnote texts by id (markdown-it-footnote's 0-based id, as a string: JSON keys are strings). */
  notes: Record<string, Block[]>;
}

export interface TreeOptions {
  /** Public address of the site (e.g. https://letters.example.org): makes links like /other-letter/ absolute. */
  siteUrl?: string;
}

/** The body of a letter as a document tree, from `markdown.parse(body, env)`. */
export function bodyTree(body: string, env: RenderEnv, options: TreeOptions = {}): BodyTree {
  const tokens = markdown.parse(body, { ...env });
  const notes: Record<string, Block[]> = {};
  const blocks = new BlockReader(tokens, notes, (url) => pdfUrl(url, options.siteUrl)).read();
  printEveryCitedNote(blocks, notes);
  return { blocks, notes };
}

type Note = Extract<Inline, { t: "note" }>;

/** Every footnote citation in the order the PDF prints them, each note's text entered at its printing citation. */
function* citations(blocks: Block[], notes: Record<string, Block[]>, printing = (n: Note) => !n.again): Generator<Note> {
  const inline = function* (nodes: Inline[]): Generator<Note> {
    for (const node of nodes) {
      if (typeof node === "string") continue;
      if (node.t === "note") {
        yield node;
        if (printing(node)) yield* citations(notes[String(node.id)] ?? [], notes, printing);
      } else if (node.t === "emph" || node.t === "strong" || node.t === "link") yield* inline(node.c);
    }
  };
  for (const block of blocks) {
    if (block.t === "par" || block.t === "heading") yield* inline(block.c);
    else if (block.t === "quote") yield* citations(block.c, notes, printing);
    else if (block.t === "list") for (const item of block.items) yield* citations(item, notes, printing);
  }
}

/**
 * markdown-it-footnote prints a note at the citation it parsed first, which may sit inside the note's own
 * text (`[^1]: see also[^1]` written before the letter cites it) or inside a note cited nowhere else; the
 * PDF would then refer to a note it never prints, and Typst stops ("label `<note-0>` does not exist").
 * Such a note is printed at its first citation the PDF reaches instead; every other citation repeats its
 * number. Notes printed where markdown-it put them are left as they are.
 */
function printEveryCitedNote(blocks: Block[], notes: Record<string, Block[]>): void {
  const reached = new Set<number>();
  for (const note of citations(blocks, notes)) if (!note.again) reached.add(note.id);
  const printed = new Set<number>();
  const printsHere = (note: Note) => {
    if (reached.has(note.id)) return !note.again;
    if (printed.has(note.id)) {
      note.again = true;
      return false;
    }
    printed.add(note.id);
    delete note.again;
    return true;
  };
  // The generator asks printsHere before it enters a note, so the decision and the walk follow the print order.
  for (const note of citations(blocks, notes, printsHere)) void note;
}

/**
 * Where a link points from a PDF, which has no "current page": web and mail addresses as they are,
 * site-relative paths under the site's address, and nothing for links that only make sense on the web
 * page (in-page anchors, relative paths, or any path when the site's address is unknown).
 */
export function pdfUrl(url: string, siteUrl?: string): string | undefined {
  if (/^(https?:|mailto:)/i.test(url)) return url;
  if (siteUrl && /^\/(?!\/)/.test(url)) return `${siteUrl.replace(/\/+$/, "")}${url}`;
  return undefined;
}

class BlockReader {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly notes: Record<string, Block[]>,
    private readonly resolve: (url: string) => string | undefined,
  ) {}

  /** Reads blocks until the closing token `until` (consumed) or the end. */
  read(until?: string): Block[] {
    const blocks: Block[] = [];
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i++]!;
      if (token.type === until) return blocks;
      const block = this.block(token);
      if (block) blocks.push(block);
    }
    return blocks;
  }

  private block(token: Token): Block | undefined {
    switch (token.type) {
      case "paragraph_open": {
        const c = this.inlineUntil("paragraph_close");
        return { t: "par", c };
      }
      case "heading_open": {
        const c = this.inlineUntil("heading_close");
        return { t: "heading", level: Number(token.tag.slice(1)), c };
      }
      case "bullet_list_open":
      case "ordered_list_open":
        return this.list(token);
      case "blockquote_open":
        return { t: "quote", c: this.read("blockquote_close") };
      case "fence":
      case "code_block":
        return { t: "codeblock", text: token.content.replace(/\n$/, "") };
      case "hr":
        return { t: "rule" };
      case "footnote_block_open":
        this.footnotes();
        return undefined;
      default:
        // html_block cannot occur (raw HTML is off); anything else unknown is skipped, never printed raw.
        return undefined;
    }
  }

  private list(open: Token): Block {
    const ordered = open.type === "ordered_list_open";
    const close = ordered ? "ordered_list_close" : "bullet_list_close";
    // markdown-it hides the paragraphs of tight lists (no blank lines between items).
    const first = this.tokens[this.i + 1];
    const tight = first?.type === "paragraph_open" ? first.hidden : true;
    const items: Block[][] = [];
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i++]!;
      if (token.type === close) break;
      if (token.type === "list_item_open") items.push(this.read("list_item_close"));
    }
    const start = ordered ? Number(open.attrGet("start") ?? 1) : 1;
    return { t: "list", ordered, start, tight, items };
  }

  /** The footnote definitions at the end of the stream: each becomes the text of its reference. */
  private footnotes(): void {
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i++]!;
      if (token.type === "footnote_block_close") return;
      if (token.type === "footnote_open") {
        const id = (token.meta as { id: number }).id;
        this.notes[String(id)] = this.read("footnote_close");
      }
    }
  }

  /** The inline content of the next `inline` token, then skips to `close`. */
  private inlineUntil(close: string): Inline[] {
    const content: Inline[] = [];
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i++]!;
      if (token.type === close) break;
      if (token.type === "inline") content.push(...inlines(token.children ?? [], this.resolve));
      // footnote_anchor (the HTML back-link) has no place on paper.
    }
    return content;
  }
}

function inlines(tokens: Token[], resolve: (url: string) => string | undefined): Inline[] {
  const stack: Array<{ node: Inline[]; close?: string }> = [{ node: [] }];
  const out = () => stack.at(-1)!.node;
  const push = (item: Inline) => {
    const target = out();
    const last = target.at(-1);
    // Neighbouring text merges, so the tree stays small and Typst shapes whole words.
    if (typeof item === "string" && typeof last === "string") target[target.length - 1] = last + item;
    else target.push(item);
  };
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    switch (token.type) {
      case "text":
        push(token.content);
        break;
      case "softbreak":
        push(" ");
        break;
      case "hardbreak":
        push({ t: "linebreak" });
        break;
      case "code_inline":
        push({ t: "code", text: token.content });
        break;
      case "em_open":
      case "strong_open": {
        const children: Inline[] = [];
        push({ t: token.type === "em_open" ? "emph" : "strong", c: children });
        stack.push({ node: children, close: token.type.replace("_open", "_close") });
        break;
      }
      case "link_open": {
        const href = String(token.attrGet("href") ?? "");
        const text = tokens[k + 1];
        // An address printed as its own text (<https://...>) is shown whole, breakable after "/".
        if (tokens[k + 2]?.type === "link_close" && text?.type === "text" && text.content === href && /^https?:\/\//i.test(href)) {
          push({ t: "url", url: href, parts: urlParts(href) });
          k += 2;
          break;
        }
        const url = resolve(href);
        // A link with nowhere to go from a PDF keeps its text; its children then land in the parent.
        if (url === undefined) {
          stack.push({ node: out(), close: "link_close" });
          break;
        }
        const children: Inline[] = [];
        push({ t: "link", url, c: children });
        stack.push({ node: children, close: "link_close" });
        break;
      }
      case "em_close":
      case "strong_close":
      case "link_close":
        if (stack.length > 1 && stack.at(-1)!.close === token.type) stack.pop();
        break;
      case "image":
        // No images on paper: the PDF prints the description, as a screen reader would.
        push(token.content);
        break;
      case "footnote_ref": {
        const { id, subId } = token.meta as { id: number; subId: number };
        push(subId > 0 ? { t: "note", id, again: true } : { t: "note", id });
        break;
      }
      default:
        // html_inline cannot occur (raw HTML is off); unknown tokens print their text, never markup.
        if (token.content) push(token.content);
    }
  }
  return stack[0]!.node;
}

/**
 * Splits a URL after each "/" that is not part of "//", e.g. "https://a.org/b/c" → "https://a.org/", "b/",
 * "c". Each piece is set unbreakable, so a long URL wraps only at a slash, never inside a word.
 */
export function urlParts(url: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let k = 0; k < url.length; k++) {
    const breakAfter = url[k] === "/" && url[k + 1] !== "/" && url[k - 1] !== "/";
    if (breakAfter && k + 1 < url.length) {
      parts.push(url.slice(start, k + 1));
      start = k + 1;
    }
  }
  parts.push(url.slice(start));
  return parts;
}
