// Interface strings of the generated pages: a small catalogue per language, English as the fallback.
// A message is text, or a function of numbers (counts, pages) and sometimes a text argument.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Message = string | ((...args: any[]) => string);
type Catalogue = Record<string, Message>;

const en = {
  signatoryCount: (n: number) => (n === 1 ? "1 signatory" : `${n.toLocaleString("en")} signatories`),
  notes: "Notes",
  addressees: "Addressees",
  status_draft: "Draft",
  status_open: "Open for signatures",
  status_closed: "Closed",
  skipToContent: "Skip to content",
  noLetters: "No letters have been published yet.",
  letters: "Letters",
  draftBanner: "Draft: shown in local preview only, never published.",
  unreleasedBanner: "Not released yet: shown in local preview only. Run npm run release to publish it.",
  nextDraftBanner: (n: number) => `Draft of version ${n}: these edits are not released and show in local preview only.`,
  oldVersionBanner: (n: number) => `This is version ${n} of the letter, as released. The text has changed since.`,
  readCurrentVersion: "Read the current version",
  signedVersion: (n: number) => `signed version ${n}`,
  withdrawnCount: (n: number) => (n === 1 ? "1 signature was withdrawn." : `${n.toLocaleString("en")} signatures were withdrawn.`),
  history: "History of this letter",
  versionLabel: "Version",
  released: "released",
  canonicalText: "SHA-256 of the canonical text",
  pdfSha256: "SHA-256 of this page's PDF",
  languages: "Languages",
  staleTranslation: (n: number, original: string) =>
    `This translation follows version ${n}; the ${original} text has changed since.`,
  readOriginal: "Read the original",
  downloadPdf: "Download the PDF",
  pageCount: (n: number) => (n === 1 ? "1 page" : `${n.toLocaleString("en")} pages`),
  version: (n: number) => `Version ${n}`,
  // Large lists and search. Strings with {n} are filled in by the search script in the browser.
  listByType: "By type",
  listByCountry: (n: number) => (n === 1 ? "By country (1 country)" : `By country (${n.toLocaleString("en")} countries)`),
  type_organization: "Organisations",
  type_individual: "Individuals",
  type_unspecified: "Type not given",
  countryUnknown: "Country not given",
  listUngrouped: "Other signatories",
  listSeeAll: (n: number) => `See all ${n.toLocaleString("en")} signatories`,
  listGroupAll: (n: number) => `All ${n.toLocaleString("en")} in this group`,
  listPageTitle: (page: number, pages = 1) => `Signatories, page ${page} of ${pages}`,
  listRange: (from: number, to = from, total = to) => `Signatories ${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${total.toLocaleString("en")}`,
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
  /** The page number in a PDF's footer; the PDF fills in {page} and {total}. */
  pdfPageNumber: "{page} / {total}",
  downloadList: "Download the list of signatories:",
} satisfies Catalogue;

export type MessageKey = keyof typeof en;

const fr: Partial<Record<MessageKey, Message>> = {
  signatoryCount: (n) => (n <= 1 ? `${n} signataire` : `${n.toLocaleString("fr")} signataires`),
  notes: "Notes",
  addressees: "Destinataires",
  status_draft: "Brouillon",
  status_open: "Ouverte aux signatures",
  status_closed: "Close",
  skipToContent: "Aller au contenu",
  oldVersionBanner: (n) => `Ceci est la version ${n} de la lettre, telle que publiée. Le texte a changé depuis.`,
  readCurrentVersion: "Lire la version actuelle",
  signedVersion: (n) => `a signé la version ${n}`,
  withdrawnCount: (n) => (n <= 1 ? `${n} signature a été retirée.` : `${n.toLocaleString("fr")} signatures ont été retirées.`),
  history: "Historique de la lettre",
  versionLabel: "Version",
  released: "publiée le",
  canonicalText: "SHA-256 du texte de référence",
  pdfSha256: "SHA-256 du PDF de cette page",
  languages: "Langues",
  staleTranslation: (n, original) => `Cette traduction suit la version ${n} ; le texte ${original} a changé depuis.`,
  readOriginal: "Lire l’original",
  downloadPdf: "Télécharger le PDF",
  pageCount: (n) => (n <= 1 ? `${n} page` : `${n.toLocaleString("fr")} pages`),
  downloadList: "Télécharger la liste des signataires :",
};

const nl: Partial<Record<MessageKey, Message>> = {
  signatoryCount: (n) => (n === 1 ? "1 ondertekenaar" : `${n.toLocaleString("nl")} ondertekenaars`),
  notes: "Voetnoten",
  addressees: "Geadresseerden",
  status_draft: "Concept",
  status_open: "Open voor ondertekening",
  status_closed: "Gesloten",
  skipToContent: "Naar de inhoud",
  oldVersionBanner: (n) => `Dit is versie ${n} van de brief, zoals gepubliceerd. De tekst is sindsdien gewijzigd.`,
  readCurrentVersion: "Lees de huidige versie",
  signedVersion: (n) => `ondertekende versie ${n}`,
  withdrawnCount: (n) => (n === 1 ? "1 handtekening is ingetrokken." : `${n.toLocaleString("nl")} handtekeningen zijn ingetrokken.`),
  history: "Geschiedenis van deze brief",
  versionLabel: "Versie",
  released: "gepubliceerd op",
  canonicalText: "SHA-256 van de referentietekst",
  pdfSha256: "SHA-256 van de pdf van deze pagina",
  languages: "Talen",
  staleTranslation: (n, original) => `Deze vertaling volgt versie ${n}; de ${original} tekst is sindsdien gewijzigd.`,
  readOriginal: "Lees het origineel",
  downloadPdf: "Download de pdf",
  pageCount: (n) => (n === 1 ? "1 pagina" : `${n.toLocaleString("nl")} pagina’s`),
  downloadList: "Download de lijst van ondertekenaars:",
};

const ar: Partial<Record<MessageKey, Message>> = {
  signatoryCount: (n) => `عدد الموقعين: ${n.toLocaleString("ar")}`,
  notes: "الحواشي",
  addressees: "المرسل إليهم",
  status_draft: "مسودة",
  status_open: "مفتوحة للتوقيع",
  status_closed: "مغلقة",
  skipToContent: "انتقل إلى المحتوى",
  oldVersionBanner: (n) => `هذه هي النسخة ${n} من الرسالة كما نُشرت. لقد تغيّر النص منذ ذلك الحين.`,
  readCurrentVersion: "اقرأ النسخة الحالية",
  signedVersion: (n) => `وقّع النسخة ${n}`,
  withdrawnCount: (n) => `عدد التوقيعات المسحوبة: ${n.toLocaleString("ar")}`,
  history: "تاريخ هذه الرسالة",
  versionLabel: "النسخة",
  released: "نُشرت في",
  canonicalText: "SHA-256 للنص المرجعي",
  pdfSha256: "SHA-256 لملف PDF لهذه الصفحة",
  languages: "اللغات",
  staleTranslation: (n, original) => `تتبع هذه الترجمة النسخة ${n}؛ وقد تغيّر النص (${original}) منذ ذلك الحين.`,
  readOriginal: "اقرأ النص الأصلي",
  downloadPdf: "تنزيل ملف PDF",
  pageCount: (n) => `عدد الصفحات: ${n.toLocaleString("ar")}`,
  pdfPageNumber: "صفحة {page} من {total}",
  downloadList: "تنزيل قائمة الموقعين:",
};

const catalogues: Record<string, Partial<Record<MessageKey, Message>>> = { en, fr, nl, ar };

/** The message for `key` in `lang` (or its base language), falling back to English. */
export function t(lang: string, key: MessageKey, ...args: (number | string)[]): string {
  const base = lang.split("-")[0]!.toLowerCase();
  const message = catalogues[lang]?.[key] ?? catalogues[base]?.[key] ?? en[key];
  return typeof message === "function" ? (message as (...a: (number | string)[]) => string)(...(args.length ? args : [0])) : message;
}

/** Every interface string of a page, for templates (which hold no logic). */
export function uiStrings(lang: string): Record<MessageKey, string> {
  return Object.fromEntries((Object.keys(en) as MessageKey[]).map((key) => [key, t(lang, key)])) as Record<MessageKey, string>;
}

/** A date written for readers of `lang`, e.g. "29 September 2021" in en-GB, "29 septembre 2021" in fr. */
export function formatDate(isoDate: string, lang: string): string {
  // UTC both ways, so the day never shifts with the build machine's time zone.
  return new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** A language's name in `inLang`: "Français" for a switcher, "anglais" inside a French sentence. */
export function languageName(lang: string, inLang = lang, { capitalise = true } = {}): string {
  const name = new Intl.DisplayNames([inLang], { type: "language" }).of(lang) ?? lang;
  return capitalise ? name.charAt(0).toLocaleUpperCase(inLang) + name.slice(1) : name;
}
