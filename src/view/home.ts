// What the home page shows of each letter.
import type { LetterStatus } from "../model/types.ts";
import type { LetterPage } from "./letter-page.ts";

export interface LetterSummary {
  slug: string;
  url: string;
  title: string;
  lang: string;
  dir: "ltr" | "rtl";
  date: string;
  dateText: string;
  status: LetterStatus;
  statusText: string;
  summary?: string;
  countText: string;
  draft: boolean;
}

/** The summary of a letter, from its current page in the original language. */
export function letterSummary(page: LetterPage, draft: boolean): LetterSummary {
  return {
    slug: page.slug,
    url: page.url,
    title: page.title,
    lang: page.lang,
    dir: page.dir,
    date: page.date,
    dateText: page.dateText,
    status: page.status,
    statusText: page.statusText,
    summary: page.summary,
    countText: page.signatories.countText,
    draft,
  };
}
