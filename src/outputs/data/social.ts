// Open Graph and Twitter meta for a letter page, and the text of its card image, so what a link preview
// says and what the card shows come from one place. https://ogp.me/
import type { LetterPage } from "../../view/letter-page.ts";
import { messagesWith } from "../../i18n/messages.ts";
import type { SiteConfig } from "../../model/types.ts";
import { CARD_SIZE, letterFiles } from "./files.ts";
import { absoluteUrl, type UrlContext } from "./urls.ts";

export interface MetaTag {
  /** Open Graph uses property=, Twitter uses name=. */
  attribute: "property" | "name";
  key: string;
  content: string;
}

/** What the card image of a letter shows, line by line; also its alt text. */
export interface CardContent {
  site: string;
  title: string;
  date: string;
  count: string;
  lang: string;
}

/** What a card prints, from a letter page or the document it is made of (the check reads documents). */
export function cardContent(
  letter: Pick<LetterPage, "title" | "dateText" | "lang"> & { signatories: Pick<LetterPage["signatories"], "countText"> },
  site: Pick<SiteConfig, "title">,
): CardContent {
  return { site: site.title, title: letter.title, date: letter.dateText, count: letter.signatories.countText, lang: letter.lang };
}

/** The card's alt text, in the page's language: "Title (Site, 29 September 2021, 3 signatories)". */
export function cardAlt(card: CardContent, site: Pick<SiteConfig, "interfaceText"> = {}): string {
  return messagesWith(site.interfaceText).t(card.lang, "cardDescription", card.title, card.site, card.date, card.count);
}

/**
 * Meta tags for a letter page at `pageUrl` (site-relative). og:url and og:image must be absolute, so
 * they are left out, with the large card, when site.yaml has no `url`.
 */
export function socialMeta(letter: LetterPage, site: SiteConfig, context: UrlContext, pageUrl: string): MetaTag[] {
  const og = (key: string, content: string | undefined): MetaTag[] => (content ? [{ attribute: "property", key, content }] : []);
  const tw = (key: string, content: string | undefined): MetaTag[] => (content ? [{ attribute: "name", key, content }] : []);
  const url = absoluteUrl(context, pageUrl);
  const image = absoluteUrl(context, letterFiles(letter).card);
  const alt = cardAlt(cardContent(letter, site), site);
  return [
    ...og("og:type", "article"),
    ...og("og:site_name", site.title),
    ...og("og:title", letter.title),
    ...og("og:description", letter.summary),
    ...og("og:locale", ogLocale(letter.lang)),
    ...og("og:url", url),
    ...(image
      ? [...og("og:image", image), ...og("og:image:type", "image/png"), ...og("og:image:width", String(CARD_SIZE.width)),
         ...og("og:image:height", String(CARD_SIZE.height)), ...og("og:image:alt", alt)]
      : []),
    ...og("article:published_time", letter.date),
    ...tw("twitter:card", image ? "summary_large_image" : "summary"),
    ...tw("twitter:title", letter.title),
    ...tw("twitter:description", letter.summary),
    ...(image ? [...tw("twitter:image", image), ...tw("twitter:image:alt", alt)] : []),
  ];
}

/** Open Graph writes locales language_TERRITORY (en_GB); a bare language gets its likely territory. */
export function ogLocale(lang: string): string {
  try {
    const locale = new Intl.Locale(lang);
    const region = locale.region ?? locale.maximize().region;
    return region ? `${locale.language}_${region}` : locale.language;
  } catch {
    return lang.replace("-", "_");
  }
}
