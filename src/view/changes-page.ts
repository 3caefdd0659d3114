// Stage view/: the templates' view models, one module per page kind. Takes LetterDocuments and the Site;
// gives every page's data (pages.ts builds them all).
//
// The changes page of a release (/<slug>/v<n>/changes/): what changed in the text since the one before,
// and in each translation, so a release that changed only a translation says which one.
import { textDirection } from "../describe/direction.ts";
import { historyUrl, letterUrl } from "../describe/letter-document.ts";
import { languageName, messagesWith, type Messages } from "../i18n/messages.ts";
import type { Letter, LetterText, Release } from "../model/types.ts";
import { diffLetterTexts, readableText } from "../render/diff.ts";
import type { ReleaseView } from "./release-view.ts";

/** A translation that a release added, removed or changed. */
export interface TranslationChange {
  lang: string;
  dir: "ltr" | "rtl";
  /** The language's name, in the page's language, e.g. "French". */
  name: string;
  /** What happened to it, one sentence in the page's language. */
  summary: string;
  /** The word diff of a changed translation (none for one added or removed). */
  html?: string;
}

export interface ChangesPage {
  slug: string;
  url: string;
  letterUrl: string;
  historyUrl: string;
  title: string;
  /** The browser tab's title. */
  pageTitle: string;
  lang: string;
  from: ReleaseView;
  to: ReleaseView;
  /** Whether the letter's own words changed (as a reader reads them); when not, only its translations did, */
  textChanged: boolean;
  /** ...or only its Markdown formatting did (emphasis, a link's address). */
  formattingChanged: boolean;
  html: string;
  insertions: number;
  deletions: number;
  translations: TranslationChange[];
}

export function changesPage(letter: Letter, before: Release, after: Release, from: ReleaseView, to: ReleaseView, messages: Messages = messagesWith(undefined)): ChangesPage {
  const diff = diffLetterTexts(before.text, after.text);
  const lang = after.text.lang;
  return {
    slug: letter.slug,
    url: to.changesUrl!,
    letterUrl: letterUrl(letter),
    historyUrl: historyUrl(letter),
    title: after.text.title,
    pageTitle: messages.t(lang, "changesTitle", to.version, after.text.title),
    lang,
    from,
    to,
    textChanged: readableText(before.text) !== readableText(after.text),
    formattingChanged: source(before.text) !== source(after.text),
    ...diff,
    translations: translationChanges(before.translations, after.translations, lang, messages),
  };
}

function translationChanges(before: readonly LetterText[], after: readonly LetterText[], pageLang: string, { t }: Messages): TranslationChange[] {
  const langs = [...new Set([...before, ...after].map((text) => text.lang))].sort();
  return langs.flatMap((lang): TranslationChange[] => {
    const old = before.find((text) => text.lang === lang);
    const now = after.find((text) => text.lang === lang);
    const name = languageName(lang, pageLang, { capitalise: false });
    const base = { lang, dir: textDirection(lang), name: languageName(lang, pageLang) };
    if (!old) return [{ ...base, summary: t(pageLang, "changesTranslationAdded", name) }];
    if (!now) return [{ ...base, summary: t(pageLang, "changesTranslationRemoved", name) }];
    const diff = diffLetterTexts(old, now);
    if (readableText(old) !== readableText(now)) {
      return [{ ...base, summary: t(pageLang, "changesTranslationChanged", name, diff.insertions, diff.deletions), html: diff.html }];
    }
    // The same words, brought up to a newer version of the original (`follows:`).
    if (old.follows !== now.follows && now.follows !== undefined) return [{ ...base, summary: t(pageLang, "changesTranslationFollows", name, now.follows) }];
    return [];
  });
}

/** What a letter's text is written as, for telling a change of formatting from no change. */
function source(text: LetterText): string {
  return JSON.stringify([text.date, text.title, text.to, text.salutation ?? "", text.body.trim()]);
}
