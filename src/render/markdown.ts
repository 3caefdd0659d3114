// The one configured markdown-it instance. It renders letter bodies to HTML for Eleventy and its token
// stream (md.parse) feeds the PDF writer, so HTML and PDF cannot disagree about the content.
import markdownIt, { type MarkdownIt, type RendererRule } from "markdown-it";
import footnote from "markdown-it-footnote";
import { accessibleFootnotes } from "./footnotes.ts";

/** `https:`, `mailto:`, `javascript:`: a URL that names its scheme (https://url.spec.whatwg.org/#scheme-state). */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** `//host/...` (or `/\host`, which browsers read alike): another site, reached with the page's scheme. */
const PROTOCOL_RELATIVE = /^[/\\]{2}/;

/**
 * Where a letter may link: web and mail addresses, this page (`#note`) and this site (`/other-letter/`,
 * `files/a.pdf`). Never `//evil.example`, which leaves the site while looking like one of its paths.
 */
export function isAllowedLink(url: string): boolean {
  const href = url.trim();
  if (PROTOCOL_RELATIVE.test(href)) return false;
  return SCHEME.test(href) ? /^(https?|mailto):/i.test(href) : true;
}

/** Whether a link leaves the site without saying how (`//evil.example`): refused, and reported by check. */
export function isProtocolRelative(url: string): boolean {
  return PROTOCOL_RELATIVE.test(url.trim());
}

/**
 * An image on this site (`chart.png`, `/images/a.png`). A remote one (`https://tracker.example/p.gif`,
 * `//host/p.gif`, `data:`) would tell a third party who reads the letter, from the page and from every
 * copy of letter.json, so it is refused by check and never rendered.
 */
export function isLocalImage(src: string): boolean {
  const url = src.trim();
  return !PROTOCOL_RELATIVE.test(url) && !SCHEME.test(url);
}

export interface MarkdownOptions {
  /**
   * Keep every link and image as written, for the checks (render/body-check.ts), which must see a
   * refused link to report it at its line; pages and PDFs are never made with this.
   */
  readAsWritten?: boolean;
}

export function createMarkdown({ readAsWritten = false }: MarkdownOptions = {}): MarkdownIt {
  // Raw HTML off: letters are plain prose, and a pasted <script> must print, not run.
  const md = markdownIt({ html: false, linkify: false, typographer: false });
  md.use(footnote);
  md.use(accessibleFootnotes);
  // markdown-it already refuses javascript:, vbscript:, file: and data:; we allow only web, mail and
  // in-page links: https://github.com/markdown-it/markdown-it/blob/master/docs/security.md
  md.validateLink = readAsWritten ? () => true : isAllowedLink;
  // A remote image prints its description, as the PDF does (outputs/pdf/tree.ts): no request leaves the page.
  const image = md.renderer.rules.image as RendererRule;
  md.renderer.rules.image = (tokens, idx, options, env, self) =>
    isLocalImage(String(tokens[idx]!.attrGet("src") ?? ""))
      ? image(tokens, idx, options, env, self)
      : md.utils.escapeHtml(self.renderInlineAsText(tokens[idx]!.children ?? [], options, env));
  return md;
}

export const markdown = createMarkdown();

export interface RenderEnv {
  /** Prefix for footnote ids, so several letters can share one page without colliding ids. */
  docId: string;
  /** Accessible label of the footnote section, translated with the page. */
  footnotesLabel?: string;
  /** Accessible label of each note's link back to its reference, with {n} for the note's number. */
  footnoteBackLabel?: string;
}

export function renderMarkdown(source: string, env: RenderEnv): string {
  return markdown.render(source, { ...env });
}
