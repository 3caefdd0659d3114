// How deeply a letter's Markdown nests, and the check that keeps it within what the PDF can typeset.
// The PDF layout (outputs/pdf/letter.typ) renders the document tree recursively, and Typst stops at a
// fixed depth of nested show rules and function calls ("maximum show rule depth exceeded"), so ~33
// block quotes inside one another passed every other check and then failed the build; nested lists get
// exponentially slow well before (limits.ts). The depth is counted on the same markdown-it tokens the PDF
// tree is made of, a little more strictly than the tree itself (every element counts, leaves included),
// so a text that passes can always be typeset.
import type { MarkdownIt, Token } from "markdown-it";
import { NestingTooDeepError } from "../model/errors.ts";
import { limits } from "../model/limits.ts";

/** Tokens that open an element of the PDF tree (its `_close` ends it); list items add no level of their own. */
const OPENS = new Set(["paragraph_open", "heading_open", "blockquote_open", "bullet_list_open", "ordered_list_open", "em_open", "strong_open", "link_open"]);
const CLOSES = new Set([...OPENS].map((type) => type.replace("_open", "_close")));
/** Tokens printed as one element with no children: code, rules, images, inline code. */
const LEAVES = new Set(["fence", "code_block", "hr", "code_inline", "image"]);

export interface Nesting {
  /** Levels of elements inside one another, a footnote's text counted where it is cited. */
  depth: number;
  /** 0-based line in the body where the deepest point is. */
  line: number;
}

/** The deepest nesting of a parsed body, with the line where it is reached. */
export function nestingOf(tokens: readonly Token[]): Nesting {
  const notes = footnoteTexts(tokens);
  const noteDepth = new Map<number, Nesting>();
  const inProgress = new Set<number>();

  /** A footnote's text is printed inside its citation; one cited from itself is printed once (depth 0 again). */
  const note = (id: number): Nesting => {
    const known = noteDepth.get(id);
    if (known) return known;
    if (inProgress.has(id)) return { depth: 0, line: 0 };
    inProgress.add(id);
    const found = walk(notes.get(id) ?? []);
    inProgress.delete(id);
    noteDepth.set(id, found);
    return found;
  };

  const walk = (stream: readonly Token[]): Nesting => {
    let depth = 0;
    let line = 0;
    let deepest: Nesting = { depth: 0, line: 0 };
    const reach = (d: number, at: number) => {
      if (d > deepest.depth) deepest = { depth: d, line: at };
    };
    for (const token of stream) {
      if (token.type === "footnote_block_open") break; // the notes are counted where they are cited
      if (token.map) line = token.map[0];
      if (OPENS.has(token.type)) reach(++depth, line);
      else if (CLOSES.has(token.type)) depth--;
      else if (LEAVES.has(token.type)) reach(depth + 1, line);
      else if (token.type === "inline") {
        let inline = depth;
        for (const child of token.children ?? []) {
          if (OPENS.has(child.type)) reach(++inline, line);
          else if (CLOSES.has(child.type)) inline--;
          else if (LEAVES.has(child.type)) reach(inline + 1, line);
          else if (child.type === "footnote_ref") reach(inline + 1 + note((child.meta as { id: number }).id).depth, line);
        }
      }
    }
    return deepest;
  };
  return walk(tokens);
}

/** Each footnote's tokens (between footnote_open and footnote_close), by markdown-it-footnote's id. */
function footnoteTexts(tokens: readonly Token[]): Map<number, Token[]> {
  const notes = new Map<number, Token[]>();
  let current: Token[] | undefined;
  for (const token of tokens) {
    if (token.type === "footnote_open") notes.set((token.meta as { id: number }).id, (current = []));
    else if (token.type === "footnote_close") current = undefined;
    else current?.push(token);
  }
  return notes;
}

/** The error for a body nested deeper than the PDF can typeset, at the line where it gets too deep. */
export function checkNesting(md: MarkdownIt, body: string, file: string, bodyLine: number): NestingTooDeepError[] {
  const { depth, line } = nestingOf(md.parse(body, {}));
  if (depth <= limits.maxNesting) return [];
  return [
    new NestingTooDeepError(
      file,
      { line: bodyLine + line, column: 1 },
      `The text here is nested ${depth} levels deep (quotes, lists, emphasis, links and footnotes inside one another); the PDF can typeset at most ${limits.maxNesting}.`,
      "Nest fewer block quotes or lists here, or move the quoted text into its own paragraphs.",
    ),
  ];
}
