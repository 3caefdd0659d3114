// The history page (/<slug>/history/): every release, newest first, with the hashes to check a copy.
import { textDirection } from "../describe/direction.ts";
import { historyUrl, letterUrl } from "../describe/letter-document.ts";
import type { Letter } from "../model/types.ts";
import type { ReleaseView } from "./release-view.ts";

export interface HistoryPage {
  slug: string;
  url: string;
  letterUrl: string;
  /** The page that checks a received copy against the hashes listed here. */
  verifyUrl: string;
  title: string;
  lang: string;
  dir: "ltr" | "rtl";
  versions: ReleaseView[];
}

export function historyPage(letter: Letter, releases: readonly ReleaseView[]): HistoryPage {
  const last = letter.releases.at(-1)!;
  return {
    slug: letter.slug,
    url: historyUrl(letter),
    letterUrl: letterUrl(letter),
    verifyUrl: `/${letter.slug}/verify/`,
    title: last.text.title,
    lang: last.text.lang,
    dir: textDirection(last.text.lang),
    versions: [...releases].reverse(),
  };
}
