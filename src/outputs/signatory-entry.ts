// Signatories as list items, for the letter page and the list pages (`{{ group.signatories | signatoryEntries | safe }}`).
// Written here rather than as a Nunjucks macro: a 7,000-name letter in 31 languages, current and released,
// prints 430,000 entries, and the macro's calls were a third of the whole HTML build. Every value is
// escaped here; addresses were restricted to http(s) and mailto when loaded (common/safe-url.ts).
// Names and roles are isolated with <bdi>, so a right-to-left name cannot reorder the text around it.
import type { SignatoryLine } from "../describe/letter-document.ts";
import { escapeXml } from "./svg.ts";

// Most names have nothing to escape: one test spares them escapeXml's five replacements.
const SPECIAL = /[&<>"']/;
const escape = (text: string) => (SPECIAL.test(text) ? escapeXml(text) : text);

/** The visually hidden comma that makes a screen reader pause between the parts of an entry. */
const PAUSE = `<span class="visually-hidden">, </span>`;

export function signatoryEntryHtml(s: SignatoryLine): string {
  const classes = `signatory${s.type ? ` signatory-${escape(s.type)}` : ""}${s.featured ? " signatory-featured" : ""}`;
  let html = `<li class="${classes}"${s.anchor ? ` id="${escape(s.anchor)}"` : ""}>`;
  html += s.url
    ? `<a class="signatory-name" href="${escape(s.url)}" rel="nofollow ugc noopener"><bdi>${escape(s.name)}</bdi></a>`
    : `<bdi class="signatory-name">${escape(s.name)}</bdi>`;
  if (s.featured) html += `<span class="featured-label">${PAUSE}${escape(s.featured.text)}</span>`;
  if (s.role) html += `<span class="signatory-role">${PAUSE}<bdi>${escape(s.role)}</bdi></span>`;
  // The login only: an account proves who controls it, not the name (the list's note says so).
  if (s.account) html += `<span class="signatory-account">${PAUSE}<a href="${escape(s.account.url)}" rel="nofollow ugc noopener">${escape(s.account.text)}</a></span>`;
  if (s.signedVersion) html += `<span class="signed-version">${PAUSE}<a href="${escape(s.signedVersion.url)}">${escape(s.signedVersion.text)}</a></span>`;
  return `${html}\n</li>`;
}

/** A group's entries, one per line, for the inside of its <ol>. */
export function signatoryEntriesHtml(entries: readonly SignatoryLine[]): string {
  let html = "";
  for (const s of entries) html += `\n${signatoryEntryHtml(s)}`;
  return html;
}
