// Stage render/: text to output-neutral form. Takes Markdown and texts; gives markdown-it tokens and HTML,
// footnote, link and nesting checks, and word diffs.
//
// The checks of a letter's body, on one parse of it: footnotes that match up, and links and images that
// stay what they look like. The parse keeps every link as written (createMarkdown's readAsWritten),
// so a link that pages and PDFs refuse is still a link here, reported at its line and column.
import type { Token } from "markdown-it";
import { UnsafeLinkError, type ContentError } from "../model/errors.ts";
import { checkFootnotes, type FootnoteEnv } from "./footnotes.ts";
import { createMarkdown, isLocalImage, isProtocolRelative } from "./markdown.ts";

const asWritten = createMarkdown({ readAsWritten: true });

export function checkMarkdownBody(body: string, file: string, bodyLine: number): ContentError[] {
  const env: FootnoteEnv & { footnotes?: { list?: { tokens?: Token[] }[] } } = {};
  const tokens = asWritten.parse(body, env);
  const lines = body.split("\n");
  // Inline footnotes (^[...]) keep their tokens beside the stream, without a position.
  const notes = (env.footnotes?.list ?? []).flatMap((note) => note.tokens ?? []);
  return [...checkFootnotes(tokens, env, lines, file, bodyLine), ...checkLinks([...tokens, ...notes], lines, file, bodyLine)];
}

/** Protocol-relative links (`//evil.example`) and remote images, each at its place in the file. */
function checkLinks(tokens: readonly Token[], lines: readonly string[], file: string, bodyLine: number): ContentError[] {
  const problems: ContentError[] = [];
  for (const token of tokens) {
    if (token.type !== "inline") continue;
    const cursor = { line: token.map?.[0] ?? 0, column: 0 };
    const end = token.map?.[1] ?? lines.length;
    const at = (url: string) => {
      const where = locate(lines, url, cursor, end);
      return { line: bodyLine + where.line, column: where.column };
    };
    for (const child of walk(token.children ?? [])) {
      if (child.type === "link_open") {
        const href = String(child.attrGet("href") ?? "");
        if (!isProtocolRelative(href)) continue;
        problems.push(
          new UnsafeLinkError(file, at(href), `The link ${JSON.stringify(href)} starts with //, so it goes to another site while looking like a path on this one; it is not kept.`,
            `Write the whole address, ${JSON.stringify(`https://${href.trim().replace(/^[/\\]+/, "")}`)}, or a path on this site starting with one /.`),
        );
      } else if (child.type === "image") {
        const src = String(child.attrGet("src") ?? "");
        if (isLocalImage(src)) continue;
        const link = isProtocolRelative(src) ? `https://${src.trim().replace(/^[/\\]+/, "")}` : src;
        problems.push(
          new UnsafeLinkError(file, at(src), `The image ${JSON.stringify(src)} is not on this site: every reader's browser would fetch it from there, telling that site who reads the letter; it is not shown.`,
            /^https?:\/\//i.test(link) ? `Remove it, or link to it instead: [${child.content || "the image"}](${link}).` : "Remove it."),
        );
      }
    }
  }
  return problems;
}

/** The tokens and, depth first, their children (an image's description is its children). */
function* walk(tokens: readonly Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    if (token.children) yield* walk(token.children);
  }
}

/**
 * Where `url` is written: in its block from `cursor` on (then moving the cursor past it), or else
 * anywhere, as a reference link's address is written in its definition (`[ref]: //evil.example`).
 */
function locate(lines: readonly string[], url: string, cursor: { line: number; column: number }, end: number): { line: number; column: number } {
  const needle = url.trim();
  const search = (from: number, column: number, to: number) => {
    for (let i = from; i < Math.min(to, lines.length); i++) {
      const found = lines[i]!.indexOf(needle, i === from ? column : 0);
      if (found >= 0) return { line: i, column: found };
    }
    return undefined;
  };
  const inBlock = search(cursor.line, cursor.column, end);
  if (inBlock) {
    cursor.line = inBlock.line;
    cursor.column = inBlock.column + needle.length;
    return { line: inBlock.line, column: inBlock.column + 1 };
  }
  const elsewhere = search(0, 0, lines.length);
  return elsewhere ? { line: elsewhere.line, column: elsewhere.column + 1 } : { line: cursor.line, column: 1 };
}
