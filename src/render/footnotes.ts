// Footnotes: accessible rendering (renderer-rule overrides on markdown-it-footnote) and the checks for
// references without a definition and definitions nobody cites.
import type { Env, MarkdownIt, RendererRule as Rule, Token } from "markdown-it";
import { UndefinedFootnoteError, UnusedFootnoteError, type ContentError } from "../model/errors.ts";

/**
 * Footnotes after https://www.sitepoint.com/accessible-footnotes-with-css/ and DPUB-ARIA roles:
 * the reference is a plain number described by the notes heading, each note has a labelled back-link,
 * and the list sits in its own labelled section instead of after a bare <hr>.
 */
export function accessibleFootnotes(md: MarkdownIt): void {
  const rules = md.renderer.rules;
  const anchorName = rules.footnote_anchor_name as Rule;
  const labelId = (env: Env | undefined) => `footnotes-label${env?.docId ? `-${env.docId}` : ""}`;
  const meta = (token: Token | undefined) => (token?.meta ?? {}) as { id: number; subId: number };

  rules.footnote_caption = (tokens, idx) => String(meta(tokens[idx]).id + 1);

  rules.footnote_ref = (tokens, idx, options, env, self) => {
    const id = anchorName(tokens, idx, options, env, self);
    const caption = (rules.footnote_caption as Rule)(tokens, idx, options, env, self);
    const { subId: sub } = meta(tokens[idx]);
    const subId = sub > 0 ? `:${sub}` : "";
    return (
      `<sup class="footnote-ref"><a href="#fn${id}" id="fnref${id}${subId}" role="doc-noteref" ` +
      `aria-describedby="${labelId(env)}">${caption}</a></sup>`
    );
  };

  rules.footnote_block_open = (_tokens, _idx, _options, env) =>
    `<section class="footnotes" role="doc-endnotes" aria-labelledby="${labelId(env)}">\n` +
    `<h2 id="${labelId(env)}" class="visually-hidden">${md.utils.escapeHtml(String(env?.footnotesLabel ?? "Notes"))}</h2>\n` +
    `<ol class="footnotes-list">\n`;

  rules.footnote_anchor = (tokens, idx, options, env, self) => {
    const id = anchorName(tokens, idx, options, env, self);
    const { id: index, subId: sub } = meta(tokens[idx]);
    const n = index + 1;
    const subId = sub > 0 ? `:${sub}` : "";
    // U+FE0E keeps ↩ from turning into an emoji on iOS.
    const label = String(env?.footnoteBackLabel ?? "Back to reference {n}").split("{n}").join(String(n));
    return ` <a href="#fnref${id}${subId}" class="footnote-backref" role="doc-backlink" aria-label="${md.utils.escapeHtml(label)}">\u21a9\uFE0E</a>`;
  };
}

export interface FootnoteEnv extends Env {
  footnotes?: { refs?: Record<string, number> };
}

/** `[^label]: ` at the start of a line (after any indentation): where a definition is written. */
const DEFINITION = /^\s*\[\^([^\]\s]+)\]:/;

/**
 * Finds `[^label]` references with no definition (markdown-it-footnote leaves them as literal text) and
 * definitions that are never cited (it silently drops them), from the token stream of `md.parse(body,
 * env)`. Lines are 1-based in the letter file. Linear in the size of the body: each line is read once to
 * find the definitions, and references are looked up from where the previous one in the block was found
 * (a search of the whole body per definition took 16 s for 16,000 of them).
 */
export function checkFootnotes(tokens: readonly Token[], env: FootnoteEnv, lines: readonly string[], file: string, bodyLine: number): ContentError[] {
  const problems: ContentError[] = [];
  const refs = env.footnotes?.refs ?? {};

  for (const token of tokens) {
    if (token.type !== "inline" || !token.map) continue;
    const cursor = { line: token.map[0], column: 0 };
    for (const child of token.children ?? []) {
      if (child.type !== "text") continue;
      for (const match of child.content.matchAll(/\[\^([^\]\s]+)\]/g)) {
        const label = match[1]!;
        if (refs[`:${label}`] !== undefined) continue;
        const where = locate(lines, token.map, match[0], cursor);
        problems.push(
          new UndefinedFootnoteError(
            file,
            { line: bodyLine + where.line, column: where.column },
            `Footnote [^${label}] is cited but never defined.`,
            `Add a line "[^${label}]: <the note>" at the end of the letter, or remove the reference.`,
          ),
        );
      }
    }
  }
  const unused = Object.entries(refs).filter(([, id]) => id < 0);
  if (unused.length === 0) return problems;
  const definedAt = new Map<string, number>();
  lines.forEach((line, index) => {
    const label = DEFINITION.exec(line)?.[1];
    if (label !== undefined && !definedAt.has(label)) definedAt.set(label, index);
  });
  for (const [key] of unused) {
    const label = key.slice(1);
    const index = definedAt.get(label) ?? -1;
    problems.push(
      new UnusedFootnoteError(
        file,
        { line: bodyLine + Math.max(index, 0), column: index >= 0 ? lines[index]!.indexOf("[") + 1 : 1 },
        `Footnote [^${label}] is defined but never cited.`,
        `Cite it in the text with [^${label}] or delete the definition.`,
      ),
    );
  }
  return problems;
}

/**
 * Line (0-based within the body) and 1-based column of `needle` inside a block's lines, searching from
 * `cursor` (moved past what is found, so the next reference of the block is searched after it).
 */
function locate(lines: readonly string[], [start, end]: [number, number], needle: string, cursor: { line: number; column: number }): { line: number; column: number } {
  for (let i = cursor.line; i < end; i++) {
    const column = lines[i]?.indexOf(needle, i === cursor.line ? cursor.column : 0) ?? -1;
    if (column >= 0) {
      cursor.line = i;
      cursor.column = column + needle.length;
      return { line: i, column: column + 1 };
    }
  }
  return { line: start, column: 1 };
}
