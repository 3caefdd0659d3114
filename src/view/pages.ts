// View models for the templates: everything a page shows, computed from the letters' documents
// (describe/), so templates hold no logic. Eleventy receives these as global data. One module per page
// kind: letter-page, lists (long lists), history-page, changes-page, home, versions-file.
import { describeLetter, isPublished, letterUrl, shownLetters, textUrl, type DescribeOptions, type LetterDocument } from "../describe/letter-document.ts";
import { messagesWith } from "../i18n/messages.ts";
import type { Letter, Site, SiteConfig } from "../model/types.ts";
import { changesPage, type ChangesPage } from "./changes-page.ts";
import { historyPage, type ChartMark, type HistoryPage } from "./history-page.ts";
import { letterSummary, type LetterSummary } from "./home.ts";
import { letterPage, type LetterPage } from "./letter-page.ts";
import { privacyLinks, privacyPages, type PrivacyPage } from "./privacy-page.ts";
import type { ListPage } from "./list-views.ts";
import { splitLargeLists } from "./lists.ts";
import { releaseView } from "./release-view.ts";
import { versionsJson, type RawFile } from "./versions-file.ts";
import { verifyPage, type VerifyPage } from "./verify-page.ts";
import { embedPage, type EmbedPage } from "./embed-page.ts";
import { resolve } from "node:path";
import { UPDATES_DIR } from "../load/updates.ts";
import { updateIn } from "./updates.ts";

export interface SiteData {
  config: SiteConfig;
  letters: LetterSummary[];
  pages: LetterPage[];
  histories: HistoryPage[];
  changes: ChangesPage[];
  files: RawFile[];
  /** Pages of long signatory lists, and their search indexes' files. */
  listPages: ListPage[];
  searchFiles: RawFile[];
  /** What each letter page shows, renderer-neutral: the PDFs are typeset from these (not given to templates). */
  documents: LetterDocument[];
  /** The privacy page in each language the site's pages use, and by language which one a footer links. */
  privacyPages: PrivacyPage[];
  privacyLinks: Record<string, string>;
  /** Per released letter: the page that checks a received copy (/<slug>/verify/). */
  verifyPages: VerifyPage[];
  /** Per letter: the page other sites may frame, and its badge's words (/<slug>/embed/, /<slug>/badge.svg). */
  embedPages: EmbedPage[];
  /** The updates' attachments: where each is served, and the file it is copied from. */
  attachments: { url: string; path: string }[];
}

export interface PageOptions extends DescribeOptions {
  /** Letters whose output the build takes from the last one (build/reuse.ts): only their summary is needed. */
  reuse?: ReadonlyMap<string, { summary: LetterSummary }>;
  /** Days to mark on a letter's signatures chart besides its releases (its updates), in its language. */
  chartMarks?: (letter: Letter) => ChartMark[];
}

export function buildPages(site: Site, options: PageOptions): SiteData {
  const messages = messagesWith(site.config.interfaceText);
  const shown = shownLetters(site, options);
  // From the letters, not the pages rendered: a build that reuses a letter's output still knows its languages.
  const privacy = privacyPages(site.config, shown.flatMap((letter) => [
    letter.lang, ...letter.translations.map((t) => t.lang), ...letter.releases.flatMap((r) => [r.text.lang, ...r.translations.map((t) => t.lang)]),
  ]));
  const data: SiteData = {
    config: site.config, letters: [], pages: [], histories: [], changes: [], files: [], listPages: [], searchFiles: [], documents: [],
    privacyPages: privacy, privacyLinks: privacyLinks(privacy), verifyPages: [], embedPages: [], attachments: [],
  };
  for (const letter of shown) {
    const reused = options.reuse?.get(letter.slug);
    if (reused) {
      data.letters.push(reused.summary);
      continue;
    }
    const releases = letter.releases.map((r) => releaseView(letter, r));
    const documents = describeLetter(letter, site.config, options);
    data.documents.push(...documents.current, ...documents.versions.flat());
    const current = documents.current.map((doc) => letterPage(letter, doc, releases, site.config));
    data.pages.push(...current);
    data.letters.push(letterSummary(current[0]!, !isPublished(letter)));
    data.embedPages.push(embedPage(current[0]!, messages));
    data.attachments.push(...letter.attachments.map((a) => ({ url: `${letterUrl(letter)}${UPDATES_DIR}/${a.name}`, path: resolve(letter.dir, UPDATES_DIR, a.name) })));
    for (const version of documents.versions) data.pages.push(...version.map((doc) => letterPage(letter, doc, releases, site.config)));
    if (releases.length) {
      data.histories.push(historyPage(letter, releases, messages, options.chartMarks?.(letter) ?? updateMarks(letter)));
      data.files.push(versionsJson(letter, releases));
      data.verifyPages.push(verifyPage(letter, releases, messages));
      for (const release of letter.releases) {
        // The frozen letter.md exactly as hashed, so anyone can check it against versions.json.
        data.files.push({ url: textUrl(letter, release.version), content: release.frozenSource });
      }
    }
    for (let i = 1; i < letter.releases.length; i++) {
      data.changes.push(changesPage(letter, letter.releases[i - 1]!, letter.releases[i]!, releases[i - 1]!, releases[i]!, messages));
    }
  }
  return { ...data, ...splitLargeLists(data.pages, site.config.listThreshold, messages) };
}

/** The history chart marks each update's day, with its title in the letter's language. */
function updateMarks(letter: Letter): ChartMark[] {
  return letter.updates.map((update) => ({ date: update.date, label: updateIn(update, letter, letter.lang).title, kind: update.kind }));
}
