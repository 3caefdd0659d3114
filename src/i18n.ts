// Interface strings of the generated pages, one small catalogue per language with English as fallback.
type Messages = Record<string, string | ((n: number) => string)>;

const en: Messages = {
  signatoryCount: (n) => (n === 1 ? "1 signatory" : `${n.toLocaleString("en")} signatories`),
  notes: "Notes",
  letters: "Letters",
  addressees: "Addressees",
  status_draft: "Draft",
  status_open: "Open for signatures",
  status_closed: "Closed",
  skipToContent: "Skip to content",
  noLetters: "No letters have been published yet.",
  home: "All letters",
  downloadPdf: "Download the PDF",
  pageCount: (n) => (n === 1 ? "1 page" : `${n.toLocaleString("en")} pages`),
};

const catalogues: Record<string, Messages> = { en };

/** The message for `key` in `lang` (or its base language), falling back to English. */
export function t(lang: string, key: string, n?: number): string {
  const base = lang.split("-")[0] ?? "en";
  const message = catalogues[lang]?.[key] ?? catalogues[base]?.[key] ?? en[key];
  if (message === undefined) throw new Error(`No interface string "${key}"`);
  return typeof message === "function" ? message(n ?? 0) : message;
}

/** A date written for readers of `lang`, e.g. "29 September 2021" in en-GB. */
export function formatDate(isoDate: string, lang: string): string {
  // UTC both ways, so the day never shifts with the build machine's time zone.
  return new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}
