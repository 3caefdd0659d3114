// Stage render/: text to output-neutral form. Takes Markdown and texts; gives markdown-it tokens and HTML,
// footnote checks and word diffs.
//
// Readable word-level differences between two versions of a letter, as HTML with <ins> and <del>.
import { diffWords } from "diff";
import type { LetterText } from "../model/types.ts";

/** The words a reader compares: title, addressees, salutation and body, as written in Markdown. */
export function readableText(text: LetterText): string {
  return [text.title, text.to.join("\n"), text.salutation ?? "", text.body.trim()].filter(Boolean).join("\n\n");
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface TextDiff {
  html: string;
  insertions: number;
  deletions: number;
}

export function diffLetterTexts(before: LetterText, after: LetterText): TextDiff {
  let insertions = 0;
  let deletions = 0;
  const html = diffWords(readableText(before), readableText(after))
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
