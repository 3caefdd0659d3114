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
