// Stage i18n/: interface text. Takes a language and a key; gives the message, dates and language names in
// that language (messages.ts says how the catalogues fit together).
//
// The arguments each message takes, by name and in the order callers pass them: `t(lang, "listRange",
// from, to, total)` fills {from}, {to} and {total}. A catalogue or a site's override may use these and no
// others (src/load/interface-text.ts refuses any other); messages not listed here take none.
//
// "number" arguments may be formatted ({n, number}) or choose a form ({n, plural, one {…} other {…}});
// "text" arguments are inserted as they are: names, titles, dates already written in the page's language,
// and markup the templates pass in (src/eleventy/i18n.ts).
/**
 * "slot": filled in later by the browser or the PDF, so only ever written `{name}`; the message reaches
 * them with the slot in place ("page {n}"), and they put the value in.
 */
export type ArgumentKind = "number" | "text" | "slot";

const n = { n: "number" } as const;
const fromTo = { from: "text", to: "text" } as const;

/** By message key; every key is one of the catalogue's (tests/i18n-catalogues.test.ts). */
export const ARGUMENTS: Readonly<Record<string, Readonly<Record<string, ArgumentKind>>>> = {
  // Filled in by the Markdown renderer: the footnote's number (src/render/footnotes.ts).
  footnoteBack: { n: "slot" },
  signatoryCount: n,
  // The forge's name as people know it ("GitHub", "GitLab", "Codeberg"; forgeName in src/common/sign-fields.ts).
  signOnForge: { forge: "text" },
  signHowItWorksForge: { forge: "text" },
  signForkOffered: { forge: "text" },
  signForkFirst: { forge: "text" },
  nextDraftBanner: n,
  oldVersionBanner: n,
  signedVersion: n,
  withdrawnCount: n,
  staleTranslation: { n: "number", original: "text" },
  versionReleased: { version: "text", date: "text" },
  pageCount: n,
  version: n,
  listByCountry: n,
  listCount: { label: "text", count: "text" },
  listSeeAll: n,
  listGroupAll: n,
  listPageTitle: { page: "number", pages: "number" },
  listRange: { from: "number", to: "number", total: "number" },
  listTitle: { list: "text", title: "text" },
  // Filled in by the search script: the number of results, through its plural forms (pluralForms).
  searchFound: n,
  // Filled in by the search script: the page a result is on.
  searchOnPage: { n: "slot" },
  // Filled in by the PDF on every page.
  pdfPageNumber: { page: "slot", total: "slot" },
  pdfFooter: { version: "number", date: "text" },
  versionInline: n,
  historyTitle: { title: "text" },
  releasedOn: { date: "text" },
  countAtRelease: n,
  changesSince: n,
  pdfEdition: { n: "number", date: "text" },
  verifyTitle: { title: "text" },
  // Filled in by the verify page's script (src/browser/verify.ts): what a copy matched.
  verifyMatchPdf: { language: "slot", version: "slot", edition: "slot" },
  verifyMatchPdfLegacy: { language: "slot", version: "slot" },
  verifyMatchText: { language: "slot", version: "slot" },
  verifyMatchNormalised: { language: "slot", version: "slot" },
  verifyMatchPasted: { language: "slot", version: "slot" },
  verifyOpenVersion: { version: "slot" },
  verifyMatchPack: { date: "slot", version: "slot", edition: "slot" },
  // The delivery pack (src/outputs/pdf/pack.ts): dates already written in the letter's language.
  packFooter: { version: "number", date: "text" },
  packAnnexHeading: { date: "text" },
  packSummary: { n: "number", date: "text" },
  packListHeading: { date: "text" },
  packCheckText: { version: "number", date: "text" },
  packAddress: n,
  badgeCount: n,
  badgeLabel: { title: "text", count: "text" },
  chartTimelineDesc: { from: "text", to: "text", count: "text" },
  chartReleaseMark: n,
  chartUndated: n,
  chartCountryOthers: n,
  changesTitle: { n: "number", title: "text" },
  changesHeading: n,
  changesSummary: { ...fromTo, added: "number", removed: "number" },
  changesTextUnchanged: fromTo,
  changesFormattingOnly: fromTo,
  changesTranslationAdded: { language: "text" },
  changesTranslationRemoved: { language: "text" },
  changesTranslationChanged: { language: "text", added: "number", removed: "number" },
  changesTranslationFollows: { language: "text", n: "number" },
  releaseNotes: { notes: "text" },
  signPullRequestSteps: { directory: "text", repository: "text", newFile: "text", example: "text" },
  signEmailSteps: { address: "text" },
  signOnlyName: { name: "text" },
  signMailSubject: { title: "text" },
  // Filled in by the sign form's script (and by mailBody for the link that works without it).
  signMailIntro: { title: "slot", path: "slot" },
  cardDescription: { title: "text", site: "text", date: "text", count: "text" },
  // "@login", as the list prints it.
  signedFromAccount: { account: "text" },
  boundCount: n,
  // The templates pass the address as a link.
  privacyEmail: { address: "text" },
  // The templates pass a link to the privacy page (signPrivacyLink its words).
  signWithdrawNote: { privacy: "text" },
  // Filled in by the sign form's script (and by mailBody): the privacy page's address.
  signMailConsent: { privacy: "slot" },
  // The privacy page's address, in the template file's comment.
  signTemplatePrivacy: { privacy: "text" },
};
