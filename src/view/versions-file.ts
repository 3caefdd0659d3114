// Files published as they are beside the pages: the frozen texts and /<slug>/versions.json.
import { letterUrl } from "../describe/letter-document.ts";
import type { VersionsFile } from "../model/published-schema.ts";
import type { Letter } from "../model/types.ts";
import { publishedFiles, type ReleaseView } from "./release-view.ts";

/** A file published as is: frozen texts (so anyone can check their hash) and JSON data. */
export interface RawFile {
  url: string;
  /** A function when the content depends on later steps (versions.json waits for the PDFs' hashes). */
  content: string | (() => string);
}

/** /<slug>/versions.json: every version with the hashes anyone can check a received copy against. */
export function versionsJson(letter: Letter, releases: readonly ReleaseView[]): RawFile {
  // Read when the file is written, after the PDF step has added each version's PDF and its hash.
  const content = (): VersionsFile => ({
    letter: letter.slug,
    current: letterUrl(letter),
    versions: releases.map((r) => ({
      version: r.version,
      date: r.date,
      notes: r.notes ?? null,
      url: r.url,
      text: { url: r.textUrl, sha256: r.textSha256, textHash: r.texts[0]!.textHash },
      translationRevisions: r.revisions.map((v) => ({ revision: v.revision, date: v.date, notes: v.notes ?? null, sha256: v.files })),
      pdf: r.pdf ? { ...r.pdf, edition: r.editions.at(-1)?.edition ?? null } : null,
      // Every edition's hashes, also of files no longer served (a withdrawn name), so every copy sent verifies.
      editions: r.editions.map((e) => ({ edition: e.edition, date: e.date, reason: e.reason ?? null, pdf: Object.fromEntries(e.pdfs.map((p) => [p.lang, { sha256: p.sha256 }])) })),
      signatoriesAtRelease: r.countAtRelease,
      // Added for the verify page (/<slug>/verify/): what a dropped file or pasted text is compared with.
      texts: r.texts.map((t) => ({ file: t.file, lang: t.lang, sha256: t.sha256, textHash: t.textHash, ...(t.url ? { url: t.url } : {}) })),
      files: publishedFiles(r),
    })),
  });
  return { url: `/${letter.slug}/versions.json`, content: () => `${JSON.stringify(content(), null, 2)}\n` };
}
