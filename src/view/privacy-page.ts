// The privacy page every site gets: what is published about a signer, how to withdraw, correct or erase
// it, and what reading the site costs. One page per language the site's pages use (the site's own at
// /privacy/, others at /privacy/<lang>/), every word from the catalogues, so a site changes it with
// letters/i18n/<lang>.yaml like any interface text. Every page's footer links the one in its language.
import { textDirection } from "../describe/direction.ts";
import { messagesWith, type MessageKey } from "../i18n/messages.ts";
import type { SiteConfig } from "../model/types.ts";

export const PRIVACY_PATH = "/privacy/";
/** The issue form signers withdraw or correct with (written by npm run issue-form). */
export const WITHDRAW_FORM_FILE = "withdraw.yml";

export interface PrivacySection {
  heading: string;
  paragraphs: string[];
}

export interface PrivacyPage {
  url: string;
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  intro: string;
  sections: PrivacySection[];
  /** "How to ask": the issue form on GitHub, and the organisers' address, when the site has them. */
  contact: { heading: string; withdrawForm?: { href: string; text: string }; email?: string; emailKey: MessageKey };
}

/** The primary language subtag, lower-cased: pages are per language, not per region (en-GB reads /privacy/ of an English site). */
const primary = (lang: string) => lang.split("-")[0]!.toLowerCase();

/** Site-relative address of the privacy page for `lang` on a site whose language is `siteLang`. */
export function privacyPath(lang: string, siteLang: string): string {
  return primary(lang) === primary(siteLang) ? PRIVACY_PATH : `${PRIVACY_PATH}${primary(lang)}/`;
}

/**
 * The privacy page's address as text outside the site's HTML (an issue form, an e-mail, a template
 * file): absolute when site.yaml has `url`, otherwise the path under site.yaml's path_prefix (a prefix given to
 * one build by flag reaches the links of its pages, which Eleventy prefixes, not these texts).
 */
export function privacyAddress(config: Pick<SiteConfig, "url" | "pathPrefix" | "lang">, lang = config.lang): string {
  const path = `${config.pathPrefix.replace(/\/+$/, "")}${privacyPath(lang, config.lang)}`;
  return config.url ? new URL(path, config.url).href : path;
}

/** The GitHub issue form for withdrawing or correcting, when the repository is on GitHub. */
export function withdrawFormUrl(config: Pick<SiteConfig, "repository" | "forge">): string | undefined {
  const repository = config.repository?.replace(/\/+$/, "");
  if (!repository || !/^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(repository) || (config.forge && config.forge !== "github")) return undefined;
  return `${repository}/issues/new?template=${WITHDRAW_FORM_FILE}`;
}

/** The privacy pages of a site whose pages use `langs` (the site's language is always one). */
export function privacyPages(config: SiteConfig, langs: readonly string[]): PrivacyPage[] {
  const { t } = messagesWith(config.interfaceText);
  const byUrl = new Map<string, string>();
  for (const lang of [config.lang, ...langs]) {
    const url = privacyPath(lang, config.lang);
    if (!byUrl.has(url)) byUrl.set(url, lang);
  }
  const form = withdrawFormUrl(config);
  return [...byUrl].map(([url, lang]) => ({
    url,
    lang,
    dir: textDirection(lang),
    title: t(lang, "privacyTitle"),
    intro: t(lang, "privacyIntro"),
    sections: [
      { heading: t(lang, "privacyPublishedHeading"), paragraphs: [t(lang, "privacyPublished"), t(lang, "privacyNoEmail")] },
      { heading: t(lang, "privacyWithdrawHeading"), paragraphs: [t(lang, "privacyWithdraw")] },
      { heading: t(lang, "privacyEraseHeading"), paragraphs: [t(lang, "privacyErase")] },
      { heading: t(lang, "privacyReadingHeading"), paragraphs: [t(lang, "privacyReading")] },
    ],
    contact: {
      heading: t(lang, "privacyContactHeading"),
      ...(form ? { withdrawForm: { href: form, text: t(lang, "privacyWithdrawForm") } } : {}),
      ...(config.signEmail ? { email: config.signEmail } : {}),
      emailKey: "privacyEmail",
    },
  }));
}

/** By primary language subtag: the privacy page a page in that language links in its footer. */
export function privacyLinks(pages: readonly PrivacyPage[]): Record<string, string> {
  return Object.fromEntries(pages.map((p) => [primary(p.lang), p.url]));
}
