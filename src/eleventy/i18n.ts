// Eleventy plugin: `{{ "key" | t(lang, ...args) }}`, the catalogue (src/i18n/messages.ts) for templates.
// Letter pages carry their strings as `letter.ui`, but the home, history and changes pages have no `ui`,
// and messages with numbers ("What changed in version 2") need arguments, so templates ask here.
// The messages are the site's (its letters/i18n/ files on top of the catalogues), set on every load by
// the content plugin.
import { hasMessage, messagesWith, type Messages } from "../i18n/messages.ts";
import { InternalError } from "../model/errors.ts";
import type { InterfaceText } from "../model/types.ts";

interface I18nConfig {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

// Nunjucks' SafeString (what `| safe` and macros return) wraps a String object; plain template values
// are primitives. Telling them apart this way spares a direct dependency on Eleventy's Nunjucks.
type SafeStringLike = String & { val: string };
const isSafe = (value: unknown): value is SafeStringLike => value instanceof String && typeof (value as SafeStringLike).val === "string";

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The message for `key` in `lang`. Arguments marked safe are markup (a link inside a sentence, whose
 * words and order differ per language): the message is then escaped here, the markup put in its place,
 * and the result marked safe. Otherwise the result is plain text, which autoescape escapes as usual.
 */
export function translate(messages: Messages, key: string, lang: string, ...args: unknown[]): unknown {
  const { t } = messages;
  if (!hasMessage(key)) throw new InternalError(`Unknown message key in a template: "${key}" (src/i18n/catalogues/en.json)`);
  const markup = args.find(isSafe);
  if (!markup) return t(lang, key, ...(args as (number | string)[]));
  // Private-use characters as placeholders: they survive escaping and no message contains them.
  const slot = (i: number) => `\uE000${i}\uE001`;
  const text = t(lang, key, ...args.map((arg, i) => (isSafe(arg) ? slot(i) : (arg as number | string))));
  const html = escapeHtml(text).replace(/\uE000(\d+)\uE001/g, (_, i: string) => (args[Number(i)] as SafeStringLike).val);
  // An object of the argument's class (SafeString sets no `constructor`, hence the prototype), so Nunjucks
  // does not escape the result again; the fields are the two its constructor sets.
  return Object.assign(Object.create(Object.getPrototypeOf(markup) as object) as SafeStringLike, { val: html, length: html.length });
}

// Keyed by the Eleventy config, so that several sites built in one process (tests) never share messages.
const siteMessages = new WeakMap<object, Messages>();

/** The messages the `t` filter uses from now on: the loaded site's. */
export function useInterfaceText(eleventyConfig: object, interfaceText: InterfaceText | undefined): void {
  siteMessages.set(eleventyConfig, messagesWith(interfaceText));
}

export default function i18nPlugin(eleventyConfig: I18nConfig): void {
  eleventyConfig.addFilter("t", (key: string, lang: string, ...args: unknown[]) =>
    translate(siteMessages.get(eleventyConfig) ?? messagesWith(undefined), key, lang, ...args));
}
