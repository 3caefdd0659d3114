// The one configured markdown-it instance. It renders letter bodies to HTML for Eleventy and its token
// stream (md.parse) feeds the PDF writer, so HTML and PDF cannot disagree about the content.
import markdownIt, { type MarkdownIt } from "markdown-it";
import footnote from "markdown-it-footnote";
import { accessibleFootnotes } from "./footnotes.ts";

const ALLOWED_LINK = /^(https?:|mailto:|#|\/(?!\/)|\.{0,2}\/|[^:]*$)/i;

export function createMarkdown(): MarkdownIt {
  // Raw HTML off: letters are plain prose, and a pasted <script> must print, not run.
  const md = markdownIt({ html: false, linkify: false, typographer: false });
  md.use(footnote);
  md.use(accessibleFootnotes);
  // markdown-it already refuses javascript:, vbscript:, file: and data:; we allow only web, mail and
  // in-page links: https://github.com/markdown-it/markdown-it/blob/master/docs/security.md
  md.validateLink = (url: string) => ALLOWED_LINK.test(url.trim());
  return md;
}

export const markdown = createMarkdown();

export interface RenderEnv {
  /** Prefix for footnote ids, so several letters can share one page without colliding ids. */
  docId: string;
  /** Accessible label of the footnote section, translated with the page. */
  footnotesLabel?: string;
}

export function renderMarkdown(source: string, env: RenderEnv): string {
  return markdown.render(source, { ...env });
}
