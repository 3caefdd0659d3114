// The verify page (/<slug>/verify/): a reader drops a PDF or text they were sent, or pastes text, and
// their browser says which released version (and edition) it is, by SHA-256 (src/browser/verify.ts).
// Without a script the page still says what it does, lists every published hash in a table and gives
// the commands that compute a file's SHA-256.
import { textDirection } from "../describe/direction.ts";
import { historyUrl, letterUrl } from "../describe/letter-document.ts";
import { languageName, messagesWith, type MessageKey, type Messages } from "../i18n/messages.ts";
import type { Letter } from "../model/types.ts";
import { publishedFiles, type ReleaseView } from "./release-view.ts";

/** The script that checks a copy, bundled from src/browser/verify.ts. */
export const VERIFY_SCRIPT = "/assets/verify.js";

export interface VerifyRow {
  version: number;
  versionText: string;
  versionUrl: string;
  /** The edition's number as text, and its entry on the history page; empty for texts and legacy PDFs. */
  editionText: string;
  editionUrl?: string;
  lang: string;
  langName: string;
  kindText: string;
  /** The file's address while it is served; an earlier edition's row says it is no longer. */
  url?: string;
  fileName: string;
  sha256: string;
}

export interface VerifyTextRow {
  versionText: string;
  lang: string;
  langName: string;
  textHash: string;
}

export interface VerifyPage {
  slug: string;
  url: string;
  letterUrl: string;
  historyUrl: string;
  title: string;
  /** The browser tab's title. */
  pageTitle: string;
  lang: string;
  dir: "ltr" | "rtl";
  /** Relative to the page, so they hold under any path prefix: versions.json, and the site's root (for its addresses). */
  versionsFile: string;
  siteRoot: string;
  script: string;
  /** The commands that print a file's SHA-256, by system. */
  commands: { system: string; command: string }[];
  /** Words the script puts together, with {slots} it fills in (data-msg-* attributes). */
  messages: Record<string, string>;
  /** Language names for the script, by tag, in the page's language (JSON). */
  languageNames: string;
  /** Every published file hash, newest version first; read when the page is written, after the PDF step. */
  readonly rows: VerifyRow[];
  readonly textRows: VerifyTextRow[];
}

const SCRIPT_MESSAGES: Record<string, MessageKey> = {
  "match-pdf": "verifyMatchPdf",
  "match-pdf-legacy": "verifyMatchPdfLegacy",
  "match-pack": "verifyMatchPack",
  "match-text": "verifyMatchText",
  "match-pasted": "verifyMatchPasted",
  "match-normalised": "verifyMatchNormalised",
  "no-match": "verifyNoMatch",
  "no-match-text": "verifyNoMatchText",
  working: "verifyWorking",
  error: "verifyError",
  empty: "verifyPasteEmpty",
  fingerprint: "verifyYourHash",
  open: "verifyOpenVersion",
};

export function verifyPage(letter: Letter, releases: readonly ReleaseView[], messages: Messages = messagesWith(undefined)): VerifyPage {
  const { t } = messages;
  const last = letter.releases.at(-1)!;
  const lang = last.text.lang;
  const newestFirst = [...releases].reverse();
  const names = new Map<string, string>();
  const nameOf = (tag: string) => {
    if (!names.has(tag)) names.set(tag, languageName(tag, lang));
    return names.get(tag)!;
  };
  for (const r of releases) for (const text of r.texts) nameOf(text.lang);
  const latestPdf = newestFirst[0]?.pdf?.url.split("/").pop() ?? `${letter.slug}.pdf`;
  return {
    slug: letter.slug,
    url: `/${letter.slug}/verify/`,
    letterUrl: letterUrl(letter),
    historyUrl: historyUrl(letter),
    title: last.text.title,
    pageTitle: t(lang, "verifyTitle", last.text.title),
    lang,
    dir: textDirection(lang),
    versionsFile: "../versions.json",
    siteRoot: "../../",
    script: VERIFY_SCRIPT,
    commands: [
      { system: "Linux", command: `sha256sum ${latestPdf}` },
      { system: "macOS", command: `shasum -a 256 ${latestPdf}` },
      { system: "Windows", command: `certutil -hashfile ${latestPdf} SHA256` },
    ],
    messages: Object.fromEntries(Object.entries(SCRIPT_MESSAGES).map(([name, key]) => [name, t(lang, key)])),
    get languageNames() {
      // Every language a file is in, known only once the PDF step has run.
      for (const r of releases) for (const f of publishedFiles(r)) nameOf(f.lang);
      return JSON.stringify(Object.fromEntries([...names].sort(([a], [b]) => (a < b ? -1 : 1))));
    },
    get rows() {
      return newestFirst.flatMap((r) =>
        publishedFiles(r).map((f): VerifyRow => ({
          version: r.version,
          versionText: t(lang, "version", r.version),
          versionUrl: r.url,
          editionText: f.edition === null ? "" : f.edition.toLocaleString(lang),
          editionUrl: f.edition === null || f.kind === "pack" ? undefined : `${historyUrl(letter)}#v${r.version}-edition-${f.edition}`,
          lang: f.lang,
          langName: nameOf(f.lang),
          kindText: t(lang, f.kind === "pdf" ? "verifyKindPdf" : f.kind === "pack" ? "packLink" : "verifyKindText"),
          url: f.url ?? undefined,
          // A translation's frozen text is not served, but its name says which file it is.
          fileName: f.url?.split("/").pop() ?? (f.kind === "text" ? (r.texts.find((x) => x.sha256 === f.sha256 && x.lang === f.lang)?.file ?? "") : t(lang, "verifyNotServed")),
          sha256: f.sha256,
        })),
      );
    },
    get textRows() {
      return newestFirst.flatMap((r) => r.texts.map((text) => ({ versionText: t(lang, "version", r.version), lang: text.lang, langName: nameOf(text.lang), textHash: text.textHash })));
    },
  };
}
