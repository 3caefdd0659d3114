// Readable word-level differences between two versions of a letter, as HTML with <ins> and <del>. The
// words compared are the ones a reader sees, not the Markdown: `**`, `[^x]` or a link's address would
// otherwise show as changes nobody can see on the page. They come from the same markdown-it tokens the
// page and the PDF are made from, never from patterns over the source.
import { diffWords } from "diff";
import type { Token } from "markdown-it";
import { formatDate } from "../i18n/messages.ts";
import type { LetterText } from "../model/types.ts";
import { markdown } from "./markdown.ts";

/** The words a reader compares: date, title, addressees, salutation and body, as the page shows them. */
export function readableText(text: LetterText): string {
  return [formatDate(text.date, text.lang), text.title, text.to.join("\n"), text.salutation ?? "", plainText(text.body)].filter(Boolean).join("\n\n");
}

/**
 * A letter body as a reader reads it: paragraphs, headings, list items ("• ", "1. ") and footnotes
 * ("[1] ", cited as [1], their number on the page) separated by blank lines, without Markdown syntax.
 */
export function plainText(source: string): string {
  const blocks: string[] = [];
  const lists: { ordered: boolean }[] = [];
  let prefix = "";
  for (const token of markdown.parse(source, {})) {
    switch (token.type) {
      case "bullet_list_open":
      case "ordered_list_open":
        lists.push({ ordered: token.type === "ordered_list_open" });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "list_item_open": {
        const indent = "  ".repeat(Math.max(0, lists.length - 1));
        // markdown-it keeps an ordered item's own number in `info` (a list may start at 3).
        prefix = `${indent}${lists.at(-1)?.ordered ? `${token.info || "1"}. ` : "• "}`;
        break;
      }
      case "footnote_open":
        prefix = `[${(token.meta as { id: number }).id + 1}] `;
        break;
      case "inline":
        blocks.push(prefix + inlineText(token.children ?? []));
        prefix = "";
        break;
      case "fence":
      case "code_block":
        blocks.push(token.content.replace(/\n$/, ""));
        break;
    }
  }
  return blocks.filter((b) => b.trim() !== "").join("\n\n");
}

/** The text of an inline token's children: emphasis, links and code without their markup. */
function inlineText(children: readonly Token[]): string {
  return children
    .map((child) => {
      switch (child.type) {
        case "text":
        case "code_inline":
        case "html_inline":
          return child.content;
        case "image":
          return child.content; // its alt text
        case "softbreak":
          return " "; // a line break in the source is a space on the page
        case "hardbreak":
          return "\n";
        case "footnote_ref":
          return `[${(child.meta as { id: number }).id + 1}]`;
        default:
          return "";
      }
    })
    .join("");
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface TextDiff {
  html: string;
  insertions: number;
  deletions: number;
}

export function diffLetterTexts(before: LetterText, after: LetterText): TextDiff {
  return diffReadable(readableText(before), readableText(after));
}

function diffReadable(before: string, after: string): TextDiff {
  let insertions = 0;
  let deletions = 0;
  const html = diffWords(before, after)
    .map((part) => {
      const words = part.value.trim() ? part.value.trim().split(/\s+/).length : 0;
      if (part.added) {
        insertions += words;
        return `<ins>${escape(part.value)}</ins>`;
      }
      if (part.removed) {
        deletions += words;
        return `<del>${escape(part.value)}</del>`;
      }
      return escape(part.value);
    })
    .join("");
  return { html, insertions, deletions };
}
