// Stage i18n/: interface text. Takes a language and a key; gives the message, dates and language names in
// that language.
//
// The catalogues are data (catalogues/<lang>.json): ICU MessageFormat messages, formatted by FormatJS
// (format.ts) so that plurals go through Intl.PluralRules and numbers through Intl.NumberFormat. A site
// adds or changes messages per language with letters/i18n/<lang>.yaml (loaded and checked by
// src/load/interface-text.ts, handed here as SiteConfig.interfaceText): `messagesWith` gives the
// functions that see them. Each message is looked up in the page's language, then in its parents
// (pt-BR, then pt; zh-TW, then zh-Hant, then zh), then in English; at each step a site's own message
// comes before the shipped one.
import type { InterfaceText } from "../model/types.ts";
import { ARGUMENTS, type ArgumentKind } from "./arguments.ts";
import ar from "./catalogues/ar.json" with { type: "json" };
import de from "./catalogues/de.json" with { type: "json" };
import en from "./catalogues/en.json" with { type: "json" };
import es from "./catalogues/es.json" with { type: "json" };
import fr from "./catalogues/fr.json" with { type: "json" };
import it from "./catalogues/it.json" with { type: "json" };
import ja from "./catalogues/ja.json" with { type: "json" };
import ko from "./catalogues/ko.json" with { type: "json" };
import nl from "./catalogues/nl.json" with { type: "json" };
import pt from "./catalogues/pt.json" with { type: "json" };
import ru from "./catalogues/ru.json" with { type: "json" };
import zhHant from "./catalogues/zh-Hant.json" with { type: "json" };
import zh from "./catalogues/zh.json" with { type: "json" };
import { formatMessage, pluralForms as formsOf, type ArgumentValue } from "./format.ts";
import { oncePerText } from "../common/once-per.ts";

export type MessageKey = keyof typeof en.messages;

export interface Catalogue {
  /** Whether a speaker of the language has read the whole catalogue (listed in the README). */
  reviewed: boolean;
  messages: Readonly<Record<string, string>>;
}

/** Every shipped catalogue by language tag. English is complete, and every other has every key (tests/i18n-catalogues.test.ts). */
export const catalogues: Readonly<Record<string, Catalogue>> = { en, fr, de, es, pt, it, nl, ru, ar, zh, "zh-Hant": zhHant, ja, ko };

/** Whether `key` is a message, for keys that come from templates or files rather than from typed code. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en.messages, key);
}

/** Every message key, in the English catalogue's order. */
export function messageKeys(): MessageKey[] {
  return Object.keys(en.messages) as MessageKey[];
}

/** The arguments `key` takes, by name (in the order callers pass them) and kind. */
export function argumentsOf(key: MessageKey): Readonly<Record<string, ArgumentKind>> {
  return ARGUMENTS[key] ?? {};
}

/** The tags to look a message up under, most specific first, ending in English. */
export function lookupChain(lang: string): string[] {
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(lang)[0] ?? "en";
  } catch {
    tag = "en";
  }
  const parts = tag.split("-");
  const chain = parts.map((_, i) => parts.slice(0, parts.length - i).join("-"));
  // Chinese in Traditional characters (zh-TW, zh-HK, zh-Hant) reads zh-Hant before the Simplified zh.
  const locale = new Intl.Locale(tag);
  if (locale.language === "zh" && locale.maximize().script === "Hant") chain.splice(chain.indexOf("zh"), 0, "zh-Hant");
  return [...new Set([...chain, "en"])];
}

export interface Messages {
  /** The message for `key` in `lang`, its arguments given in the order of ARGUMENTS. */
  t(lang: string, key: MessageKey, ...args: ArgumentValue[]): string;
  /**
   * Every message of a page, for templates (which hold no logic). Messages with arguments belong to `t`
   * (or the templates' `t` filter); here their numbers are 0, their texts empty and their slots left in.
   */
  uiStrings(lang: string): Record<MessageKey, string>;
  /** A message the browser completes with a count: its text for each plural form (format.ts, pluralForms). */
  pluralForms(lang: string, key: MessageKey, arg?: string): Record<string, string>;
}

const shippedMessages = createMessages({});
const withOverrides = new WeakMap<InterfaceText, Messages>();

/** The messages of a site: the shipped catalogues with its letters/i18n/ files on top (none by default). */
export function messagesWith(interfaceText: InterfaceText | undefined): Messages {
  if (!interfaceText || Object.keys(interfaceText).length === 0) return shippedMessages;
  let messages = withOverrides.get(interfaceText);
  if (!messages) withOverrides.set(interfaceText, (messages = createMessages(interfaceText)));
  return messages;
}

/** The message for `key` in `lang` from the shipped catalogues alone, falling back to English. */
export function t(lang: string, key: MessageKey, ...args: ArgumentValue[]): string {
  return shippedMessages.t(lang, key, ...args);
}

/** Every interface string of a page from the shipped catalogues (see Messages.uiStrings). */
export function uiStrings(lang: string): Record<MessageKey, string> {
  return shippedMessages.uiStrings(lang);
}

function createMessages(interfaceText: InterfaceText): Messages {
  const chains = new Map<string, string[]>();
  /** The message's text and the language it is written in. */
  const find = (lang: string, key: MessageKey): { source: string; locale: string } => {
    let chain = chains.get(lang);
    if (!chain) chains.set(lang, (chain = lookupChain(lang)));
    for (const tag of chain) {
      const source = interfaceText[tag]?.[key] ?? catalogues[tag]?.messages[key];
      if (source !== undefined) return { source, locale: tag };
    }
    return { source: en.messages[key], locale: "en" };
  };
  const values = (key: MessageKey, args: readonly ArgumentValue[]) => {
    const out: Record<string, ArgumentValue> = {};
    Object.entries(argumentsOf(key)).forEach(([name, kind], i) => (out[name] = args[i] ?? (kind === "slot" ? `{${name}}` : kind === "number" ? 0 : "")));
    return out;
  };
  // The same few messages are asked for many times (a version on every signatory line of a long list).
  const results = new Map<string, string>();
  const t = (lang: string, key: MessageKey, ...args: ArgumentValue[]) => {
    const id = JSON.stringify([lang, key, args]);
    let text = results.get(id);
    if (text === undefined) {
      const { source, locale } = find(lang, key);
      text = formatMessage(source, locale, values(key, args));
      if (results.size > 10_000) results.clear();
      results.set(id, text);
    }
    return text;
  };
  const pages = new Map<string, Record<MessageKey, string>>();
  return {
    t,
    uiStrings(lang) {
      let strings = pages.get(lang);
      if (!strings) pages.set(lang, (strings = Object.fromEntries((Object.keys(en.messages) as MessageKey[]).map((key) => [key, t(lang, key)])) as Record<MessageKey, string>));
      return strings;
    },
    pluralForms(lang, key, arg = "n") {
      const { source, locale } = find(lang, key);
      return formsOf(source, locale, arg, values(key, []));
    },
  };
}

/** A date written for readers of `lang`, e.g. "29 September 2021" in en-GB, "29 septembre 2021" in fr. */
export function formatDate(isoDate: string, lang: string): string {
  return dateFormat(lang).format(new Date(`${isoDate}T00:00:00Z`));
}

// UTC both ways, so the day never shifts with the build machine's time zone.
const dateFormat = oncePerText((lang) => new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }));
const languageNames = oncePerText((inLang) => new Intl.DisplayNames([inLang], { type: "language" }));

/** A language's name in `inLang`: "Français" for a switcher, "anglais" inside a French sentence. */
export function languageName(lang: string, inLang = lang, { capitalise = true } = {}): string {
  const name = languageNames(inLang).of(lang) ?? lang;
  return capitalise ? name.charAt(0).toLocaleUpperCase(inLang) + name.slice(1) : name;
}
