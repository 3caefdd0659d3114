// Interface strings of the generated pages, one small catalogue per language with English as fallback.
type Messages = Record<string, string | ((n: number, ...more: number[]) => string)>;

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
  draftBanner: "Draft: shown in local preview only, never published.",
  unreleasedBanner: "Not released yet: shown in local preview only. Run npm run release to publish it.",
  nextDraftBanner: (n) => `Draft of version ${n}: these edits are not released and show in local preview only.`,
  oldVersionBanner: (n) => `This is version ${n} of the letter, as released. The text has changed since.`,
  readCurrentVersion: "Read the current version",
  signedVersion: (n) => `signed version ${n}`,
  withdrawnCount: (n) => (n === 1 ? "1 signature was withdrawn." : `${n.toLocaleString("en")} signatures were withdrawn.`),
  history: "History of this letter",
  version: (n) => `Version ${n}`,
  // Large lists and search. Strings with {n} are filled in by the search script in the browser.
  listByType: "By type",
  listByCountry: (n) => (n === 1 ? "By country (1 country)" : `By country (${n.toLocaleString("en")} countries)`),
  type_organization: "Organisations",
  type_individual: "Individuals",
  type_unspecified: "Type not given",
  countryUnknown: "Country not given",
  listUngrouped: "Other signatories",
  listSeeAll: (n) => `See all ${n.toLocaleString("en")} signatories`,
  listGroupAll: (n) => `All ${n.toLocaleString("en")} in this group`,
  listPageTitle: (page, pages = 1) => `Signatories, page ${page} of ${pages}`,
  listRange: (from, to = from, total = to) => `Signatories ${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${total.toLocaleString("en")}`,
  listPagination: "Pages of the list",
  listPrevious: "Previous page",
  listNext: "Next page",
  listPage: "Page",
  listContinued: "(continued)",
  backToLetter: "Back to the letter",
  searchHeading: "Find a signatory",
  searchLabel: "Name or affiliation",
  searchButton: "Search",
  filterType: "Type",
  filterGroup: "Group",
  filterCountry: "Country",
  filterAll: "All",
  searchFoundOne: "1 signatory found.",
  searchFoundMany: "{n} signatories found.",
  searchNone: "No signatory matches.",
  searchShort: "Type at least two letters.",
  searchLoading: "Searching…",
  searchError: "The search could not be loaded; the full list is on the list pages.",
  searchMore: "Show more results",
  searchOnPage: "page {n}",
};

const catalogues: Record<string, Messages> = { en };

/** The message for `key` in `lang` (or its base language), falling back to English. */
export function t(lang: string, key: string, n?: number, ...more: number[]): string {
  const base = lang.split("-")[0] ?? "en";
  const message = catalogues[lang]?.[key] ?? catalogues[base]?.[key] ?? en[key];
  if (message === undefined) throw new Error(`No interface string "${key}"`);
  return typeof message === "function" ? message(n ?? 0, ...more) : message;
}

/** A date written for readers of `lang`, e.g. "29 September 2021" in en-GB. */
export function formatDate(isoDate: string, lang: string): string {
  // UTC both ways, so the day never shifts with the build machine's time zone.
  return new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}
