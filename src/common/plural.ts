// A count in a sentence, in the browser: the page carries the message's text for each plural form of its
// language (src/i18n/format.ts, pluralForms), and this picks the one Intl.PluralRules names, as FormatJS
// does on the server (an exact `=N` form first, then the category, then `other`), and writes the number.

/** `forms` (JSON from the page, or already parsed) for the count `n` in `lang`; "" when there are none. */
export function pluralText(forms: string | Readonly<Record<string, string>> | undefined, n: number, lang: string, arg = "n"): string {
  let table: Readonly<Record<string, string>> = {};
  try {
    table = typeof forms === "string" ? (JSON.parse(forms) as Record<string, string>) : (forms ?? {});
  } catch {
    // A page from before the forms: no words to show rather than the wrong ones.
  }
  let category = "other";
  try {
    category = new Intl.PluralRules(lang || undefined).select(n);
  } catch {
    // An invalid lang attribute: `other`, the form every message has.
  }
  const form = table[`=${n}`] ?? table[category] ?? table.other ?? "";
  return form.split(`{${arg}}`).join(n.toLocaleString(lang || undefined));
}
