// Stage view/: the templates' view models, one module per page kind. Takes LetterDocuments and the Site;
// gives every page's data (pages.ts builds them all).
//
// The changes page of a release (/<slug>/v<n>/changes/): what changed in the text since the one before.
import { historyUrl, letterUrl } from "../describe/letter-document.ts";
import type { Letter, Release } from "../model/types.ts";
import { diffLetterTexts } from "../render/diff.ts";
import type { ReleaseView } from "./release-view.ts";

export interface ChangesPage {
  slug: string;
  url: string;
  letterUrl: string;
  historyUrl: string;
  title: string;
  lang: string;
  from: ReleaseView;
  to: ReleaseView;
  html: string;
  insertions: number;
  deletions: number;
}

export function changesPage(letter: Letter, before: Release, after: Release, from: ReleaseView, to: ReleaseView): ChangesPage {
  const diff = diffLetterTexts(before.text, after.text);
  return {
    slug: letter.slug,
    url: to.changesUrl!,
    letterUrl: letterUrl(letter),
    historyUrl: historyUrl(letter),
    title: after.text.title,
    lang: after.text.lang,
    from,
    to,
    ...diff,
  };
}
