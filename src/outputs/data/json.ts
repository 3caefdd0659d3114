// letter.json and signatories.json: the letter and its list for anyone who wants to reuse them. Objects
// are built key by key so the output is byte-for-byte stable between builds; absent fields are left out.
import type { LetterPage } from "../../view/letter-page.ts";
import { letterFiles } from "./files.ts";
import { publicUrl, type UrlContext } from "./urls.ts";

export function signatoriesJson(letter: LetterPage, context: UrlContext): string {
  return stringify({
    letter: { slug: letter.slug, title: letter.title, version: letter.release?.version, url: publicUrl(context, letter.url) },
    count: letter.signatories.count,
    signatories: letter.signatories.list,
  });
}

export function letterJson(letter: LetterPage, context: UrlContext): string {
  const files = letterFiles(letter);
  return stringify({
    slug: letter.slug,
    title: letter.title,
    date: letter.date,
    lang: letter.lang,
    status: letter.status,
    version: letter.release?.version,
    released: letter.release?.date,
    addressees: letter.to,
    salutation: letter.salutation,
    summary: letter.summary,
    body: { markdown: letter.body, html: letter.html },
    signatoryCount: letter.signatories.count,
    // In the page's language where translated (lang says when not), newest first, as on the page.
    updates: letter.updates.length
      ? letter.updates.map((u) => ({
          id: u.id, date: u.date, kind: u.kind, title: u.title, lang: u.lang, html: u.html, url: publicUrl(context, `${letter.url}#${u.anchor}`),
          // A delivered update's delivery pack: the PDF handed over, and the SHA-256 to check a copy against.
          pack: u.pack && { url: publicUrl(context, u.pack.url), sha256: u.pack.sha256, bytes: u.pack.bytes, pages: u.pack.pages },
        }))
      : undefined,
    urls: {
      page: publicUrl(context, letter.url),
      letter: publicUrl(context, files.letterJson),
      signatoriesJson: publicUrl(context, files.signatoriesJson),
      signatoriesCsv: publicUrl(context, files.signatoriesCsv),
      card: publicUrl(context, files.card),
      pdf: letter.pdf && publicUrl(context, letter.pdf.url),
    },
  });
}

function stringify(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
