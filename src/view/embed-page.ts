// What other sites may show of a letter: /<slug>/embed/ (a small page made to be framed: title, count
// and a link to sign, opening in the top window) and /<slug>/badge.svg (the count as an image). Only the
// embed pages may be framed (src/outputs/data/security.ts). Both in the letter's language.
import type { LetterPage } from "./letter-page.ts";
import { messagesWith, type Messages } from "../i18n/messages.ts";

export const EMBED_STYLESHEET = "/assets/embed.css";

export interface EmbedPage {
  slug: string;
  url: string;
  /** The badge's address, beside the embed page. */
  badgeUrl: string;
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  letterUrl: string;
  count: number;
  /** "1,234 signatures", in the letter's language. */
  countText: string;
  /** The badge's accessible name: the title and the count. */
  label: string;
  /** To the letter's sign section when it can be signed, else to the letter. */
  action: { href: string; text: string };
  stylesheet: string;
}

/** The embed page and badge of a letter, from its current page in the original language. */
export function embedPage(page: LetterPage, messages: Messages = messagesWith(undefined)): EmbedPage {
  const { t } = messages;
  const count = page.signatories.count;
  const countText = t(page.lang, "badgeCount", count);
  const signable = page.status === "open" && page.sign !== undefined;
  return {
    slug: page.slug,
    url: `/${page.slug}/embed/`,
    badgeUrl: `/${page.slug}/badge.svg`,
    lang: page.lang,
    dir: page.dir,
    title: page.title,
    letterUrl: page.url,
    count,
    countText,
    label: t(page.lang, "badgeLabel", page.title, countText),
    action: signable ? { href: `${page.url}#sign-${page.slug}`, text: t(page.lang, "embedSign") } : { href: page.url, text: t(page.lang, "embedRead") },
    stylesheet: EMBED_STYLESHEET,
  };
}
