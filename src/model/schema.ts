// The one definition of every file format: the loader validates with these schemas, and the JSON Schemas
// that editors use are generated from them (`z.toJSONSchema`), so there is no second source of truth.
// Field descriptions double as the "how to fix" part of error messages.
import { z } from "zod";
import { SAFE_URL, isSafeUrl } from "../common/safe-url.ts";
import { isBlank } from "../common/names.ts";
import { FORGES, isRepositoryAddress } from "../common/sign-fields.ts";
import { isLanguageTag, languageTagProblem } from "./language.ts";

export { isLanguageTag, isSafeUrl };

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
/** Answers remembered: asking Intl costs about 3 µs, a lot for 100,000 signatories in a few countries. */
const knownCountries = new Map<string, boolean>();

export function isCountryCode(value: string): boolean {
  if (!/^[A-Z]{2}$/.test(value)) return false;
  let known = knownCountries.get(value);
  if (known === undefined) knownCountries.set(value, (known = regionNames.of(value) !== undefined));
  return known;
}

/**
 * Control characters, and the bidirectional overrides/embeddings/isolates that can make a name display
 * as something else ("U+202E evil.com"), are never part of a legitimate name or sentence.
 */
const HIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export function hasHiddenControls(value: string): boolean {
  return HIDDEN_CONTROLS.test(value);
}

/**
 * A UTF-16 surrogate on its own (U+D800 to U+DFFF) is not a character: no UTF-8 file can hold one, but a
 * YAML or JSON escape ("\uD800") writes it, and no output can carry it (HTML and CSV get U+FFFD, the PDF
 * typesetter refuses the whole document). The `u` flag reads a well-formed pair as one code point.
 */
const LONE_SURROGATE = /\p{Surrogate}/u;

export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

// Not `.trim()`: a value is kept as written, so `check` can point out stray spaces instead of hiding them.
// `pattern` in meta is for the generated JSON Schema only (editors), mirroring the refinement.
// Metadata goes last: zod keeps it on the one schema instance it was set on, and every refine makes a new one.
const visibleText = () =>
  z
    .string()
    .refine((s) => s.trim().length > 0, "is empty")
    // Checked only once it is not empty, so one mistake gives one message.
    .refine((s) => s.trim().length === 0 || !isBlank(s), "shows nothing: it holds only blank or invisible characters (such as U+3164 or U+2800); write it in letters")
    .refine((s) => !hasHiddenControls(s), "contains invisible control or text-direction characters; retype it without them")
    .refine((s) => !hasLoneSurrogate(s), 'holds half of a character (a lone surrogate, as the escape "\\uD800" writes); write the character itself, or remove the escape');
const text = (description: string) => visibleText().meta({ description, pattern: "\\S" });
/** Something that looks like an e-mail address (name@host.tld) anywhere in a value. */
const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]{2,}/u;
export function containsEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}
// Every field of a signatory is published; an e-mail address typed into one would be too.
const publicText = (description: string) =>
  visibleText()
    .refine((s) => !containsEmailAddress(s), "contains an e-mail address, which would be published on the site; remove it (a web page can go in url:)")
    .meta({ description, pattern: "\\S" });
const isoDate = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD, e.g. 2021-09-29")
    // Checked only once the shape is right, so one mistake gives one message.
    .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || isRealDate(v), "is not a real calendar date")
    .meta({ description, format: "date" });
const url = (description: string) =>
  z
    .string()
    .regex(SAFE_URL, "must start with https://, http:// or mailto:")
    .refine((v) => !SAFE_URL.test(v) || isSafeUrl(v), "is not a valid http(s) or mailto URL")
    .meta({ description, format: "uri" });
// A tag the web page and the PDF typesetter both take (model/language.ts); the hint names the code to write.
const languageTag = (description: string) =>
  z
    .string()
    .superRefine((value, ctx) => {
      const problem = languageTagProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem.message, params: { hint: problem.hint } });
    })
    .meta({ description });

export const signatoryTypes = ["organization", "individual"] as const;
export const letterStatuses = ["draft", "open", "closed"] as const;
export const signatoryOrders = ["as-listed", "alphabetical"] as const;
export const paperSizes = ["a4", "us-letter"] as const;

/** A signature's identity: survives spelling fixes, renames and reordering (frozen records hold these). */
export const SIGNATURE_ID = /^[a-z][a-z0-9-]{5,39}$/;

/**
 * A GitHub login as GitHub allows it when an account is created: 1 to 39 letters, digits or single
 * hyphens, neither first nor last (so no bot, "github-actions[bot]", can be a signer's account).
 */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export function isGitHubLogin(value: string): boolean {
  return GITHUB_LOGIN.test(value);
}

/** GitHub logins are case-insensitive: "JDoe" and "jdoe" are one account. */
export function sameLogin(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

export const signatorySchema = z
  .strictObject({
    name: publicText("Name of the person or organisation, as it should be printed."),
    type: z.enum(signatoryTypes).optional().meta({ description: "organization or individual." }),
    title: publicText("Role of an individual, e.g. Professor or Research Scholar.").optional(),
    affiliation: publicText("Organisation an individual belongs to, e.g. University of Leuven.").optional(),
    url: url("Web page of the signatory (https://...).").optional(),
    country: z
      .string()
      .refine(isCountryCode, "must be an ISO 3166 two-letter country code in capitals, e.g. BE, PT or US")
      .meta({ description: "ISO 3166-1 alpha-2 country code, e.g. BE.", pattern: "^[A-Z]{2}$" })
      .optional(),
    signed: isoDate("Date of signing, YYYY-MM-DD.").optional(),
    group: publicText('Heading to list this signatory under, e.g. "Original signatories".').optional(),
    reconfirmed: isoDate("Date the signatory confirmed a newer version of the text, YYYY-MM-DD.").optional(),
    withdrawn: isoDate("Date the signature was withdrawn, YYYY-MM-DD; the name then disappears everywhere. Never delete the file.").optional(),
    hide_url: z.boolean().optional().meta({ description: "true to show the name without its link." }),
    featured: z
      .boolean()
      .optional()
      .meta({ description: "true to list this signatory first in its group and highlight them on the page (set by a maintainer)." }),
    sort_as: publicText('How to sort the name in an alphabetical list, e.g. "Vries, de" for "Ana de Vries"; default: the last word of a person\'s name, an organisation\'s full name.').optional(),
    id: z
      .string()
      .regex(SIGNATURE_ID, "must be a lower-case letter then 5 to 39 lower-case letters, digits or hyphens; it is written by npm run release, leave it as it is")
      .optional()
      .meta({ description: "Stable identity of the signature, written by npm run release; keep it when correcting the name.", pattern: SIGNATURE_ID.source }),
    version: z
      .number()
      .int("must be a whole number, e.g. 2")
      .positive("must be 1 or more")
      .optional()
      .meta({ description: "The version of the letter the signer read, e.g. 2; written by every signing route." }),
    github: githubLogin(),
  })
  .meta({ title: "Signatory", description: "One signatory of an open letter." });

function githubLogin() {
  return z
    .string()
    .regex(GITHUB_LOGIN, "must be a GitHub login: 1 to 39 letters, digits or single hyphens, not starting or ending with a hyphen, e.g. jane-doe (without @)")
    .optional()
    .meta({
      description: "The GitHub account the signature was made from, e.g. jane-doe (without @). The pull-request check accepts it only from that account, a maintainer, or the issue bot for an issue that account opened.",
      pattern: GITHUB_LOGIN.source,
    });
}

/**
 * A withdrawn signature whose personal data was erased (npm run withdraw -- --erase): only what keeps
 * the counts of released versions true is left, under a random id that no guess of the name can match.
 */
export const erasedSignatorySchema = z
  .strictObject({
    id: z
      .string()
      .regex(SIGNATURE_ID, "must be the random id npm run withdraw -- --erase wrote; leave it as it is")
      .meta({ description: "Random id written by npm run withdraw -- --erase; the release records name the signature by it.", pattern: SIGNATURE_ID.source }),
    withdrawn: isoDate("Date the signature was withdrawn, YYYY-MM-DD."),
    erased: isoDate("Date the signer's personal data was erased, YYYY-MM-DD (npm run withdraw -- --erase)."),
  })
  .meta({ title: "Erased signature", description: "A withdrawn signature whose name and details were erased; it is counted, never shown." });

/** Whether a signatory entry as written is an erased one (it has `erased:`): validated by erasedSignatorySchema. */
export function isErasedEntry(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "erased" in value;
}

const signatoryEntrySchema = z.union([signatorySchema, erasedSignatorySchema]);

export const signatoryFileSchema = z
  .union([signatoryEntrySchema, z.array(signatoryEntrySchema).min(1)])
  .meta({ title: "Signatory file", description: "One signatory (a mapping) or a list of signatories (a sequence)." });

export const signatoryDisplaySchema = z
  .strictObject({
    heading: text('Heading of the signatory section, e.g. "Signatories".').optional(),
    note: text('Note printed under the list, e.g. "Affiliations listed for identification purposes only".').optional(),
    order: z
      .enum(signatoryOrders)
      .optional()
      .meta({ description: "as-listed (file-name order, then order within a file) or alphabetical." }),
  })
  .meta({ description: "How the signatory list is shown." });

/** A letter's name in URLs and folders: `belgium-e2ee`. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const frontMatterSchema = z
  .strictObject({
    title: text("Title of the letter."),
    slug: z
      .string()
      .regex(SLUG_PATTERN, "must be lowercase letters, digits and single hyphens, e.g. belgium-e2ee")
      .optional()
      .meta({ description: "Name of the letter in its URL; defaults to the folder name." }),
    date: isoDate("Date printed on the letter, YYYY-MM-DD."),
    lang: languageTag("Language of the letter (BCP 47), defaults to the site's.").optional(),
    to: z.array(text("One addressee.")).optional().meta({ description: "Addressees, one line each." }),
    salutation: text('Opening line, e.g. "Dear Ministers,".').optional(),
    status: z.enum(letterStatuses).optional().meta({ description: "draft (preview only), open (can be signed) or closed." }),
    summary: text("One paragraph for the home page, feeds and social cards.").optional(),
    signatories: signatoryDisplaySchema.optional(),
  })
  .meta({ title: "Letter front matter", description: "Front matter of letters/<slug>/letter.md." });

export const updateKinds = ["delivered", "response", "press", "update"] as const;

export const updateFrontMatterSchema = z
  .strictObject({
    title: text("Title of the update."),
    date: isoDate("Day of the update, YYYY-MM-DD; the same as the file name's."),
    kind: z.enum(updateKinds).meta({ description: "delivered (the letter was handed over), response (the addressee answered), press, or update." }),
  })
  .meta({ title: "Update front matter", description: "Front matter of letters/<slug>/updates/<date>-<name>.md." });

export const updateTranslationFrontMatterSchema = z
  .strictObject({ title: text("Title of the update, translated.") })
  .meta({ title: "Translated update front matter", description: "Front matter of letters/<slug>/updates/<date>-<name>.<lang>.md." });

export const translationFrontMatterSchema = z
  .strictObject({
    title: text("Title of the letter, translated."),
    date: isoDate("Date printed on the translation, YYYY-MM-DD; defaults to the original's.").optional(),
    lang: languageTag("Language of the translation; must match the file name letter.<lang>.md.").optional(),
    to: z.array(text("One addressee.")).optional().meta({ description: "Addressees, translated, one line each." }),
    salutation: text("Opening line, translated.").optional(),
    summary: text("Summary, translated.").optional(),
    follows: z.int().min(1).optional().meta({ description: "The released version of the original that this translation translates." }),
    signatories: z
      .strictObject({
        heading: text("Heading of the signatory section, translated.").optional(),
        note: text("Note under the list, translated.").optional(),
      })
      .optional()
      .meta({ description: "Translated signatory texts (the order follows the original)." }),
  })
  .meta({ title: "Translation front matter", description: "Front matter of letters/<slug>/letter.<lang>.md." });

export const siteConfigSchema = z
  .strictObject({
    title: text("Name of the site, e.g. the coalition's name."),
    description: text("One sentence about the site.").optional(),
    url: url("Public address of the site, e.g. https://letters.example.org.").optional(),
    path_prefix: z
      .string()
      .regex(/^\/([A-Za-z0-9._~-]+\/)*$/, 'must start and end with "/", e.g. /open-letters/')
      .optional()
      .meta({ description: "Folder the site is served under, e.g. /open-letters/ for a GitHub Pages project site." }),
    lang: languageTag("Default language of letters (BCP 47).").optional(),
    author: text("Who publishes the letters (printed in PDF metadata); defaults to the title.").optional(),
    // An https address must also say which repository: the sign form adds /new/<branch> to it.
    repository: url("Repository holding the letters, e.g. https://github.com/org/letters.")
      .refine((v) => !/^https:\/\//.test(v) || isRepositoryAddress(v), "must name a repository, e.g. https://github.com/org/letters")
      .optional(),
    paper: z.enum(paperSizes).optional().meta({ description: "Paper size of the PDFs: a4 (default) or us-letter." }),
    branch: text("Branch that pull requests target, e.g. main.").optional(),
    forge: z.enum(FORGES).optional().meta({ description: "The repository's forge, when its host does not tell: github, gitlab, or gitea (also Forgejo and Codeberg)." }),
    sign_email: z
      .email("must be an e-mail address, e.g. sign@example.org")
      .optional()
      .meta({ description: "Address that receives signatures from people without a GitHub account." }),
    link_individuals: z
      .boolean()
      .optional()
      .meta({ description: "false to never link individuals' names to their URL (organisations stay linked)." }),
    embed_origins: z
      .array(z.string().regex(/^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:[0-9]{1,5})?$/, "must be an origin: http(s)://, a host name in lower case and an optional :port, nothing after it, e.g. https://partner.example.org or https://*.example.org"))
      .min(1)
      .max(50)
      .optional()
      .meta({ description: "Sites allowed to frame the embed pages (/<slug>/embed/), e.g. [https://partner.example.org]; default any site. No other page may be framed." }),
    list_threshold: z
      .int()
      .min(1)
      .optional()
      .meta({ description: "Signatory lists longer than this (default 500) move to paginated pages with search; the letter page shows counts and the first entries." }),
  })
  .meta({ title: "Site configuration", description: "letters/site.yaml" });

const sha256Hex = () => z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex");

/** One edition of a version's PDFs: any byte change to a released PDF is a new one, and every hash stays listed. */
export const editionSchema = z
  .strictObject({
    edition: z.int().min(1).meta({ description: "Edition number, 1 for the PDFs made at release." }),
    date: isoDate("Date the edition was recorded, YYYY-MM-DD."),
    reason: text('Why the PDFs changed, e.g. "1 signature withdrawn".').optional(),
    list: sha256Hex().meta({ description: "SHA-256 of editions/<n>.json, the list this edition prints." }),
    pdfs: z
      .record(z.string(), z.strictObject({ sha256: sha256Hex(), input: sha256Hex() }))
      .meta({ description: "By language: the PDF's SHA-256, and the hash of everything that decides its bytes." }),
  })
  .meta({ title: "Edition" });

export const versionEntrySchema = z
  .strictObject({
    version: z.int().min(1).meta({ description: "Version number, 1 for the first release." }),
    date: isoDate("Release date, YYYY-MM-DD."),
    notes: text("What changed in this version, for readers.").optional(),
    editorial: z
      .boolean()
      .optional()
      .meta({ description: "true for a correction that keeps the meaning (npm run release -- --editorial): signatures carry over unmarked." }),
    files: z
      .record(z.string().regex(/^[A-Za-z0-9._-]+$/), z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex"))
      .meta({ description: "SHA-256 of each frozen file in versions/<n>/." }),
    revisions: z
      .array(
        z.strictObject({
          revision: z.int().min(1),
          date: isoDate("Date of the revision, YYYY-MM-DD."),
          notes: text("What changed in the translation.").optional(),
          files: z.record(z.string().regex(/^letter\.[A-Za-z0-9-]+\.md$/), sha256Hex()),
        }),
      )
      .optional()
      .meta({ description: "Translations revised or added after release, frozen in versions/<n>/revisions/<r>/." }),
    editions: z.array(editionSchema).optional().meta({ description: "Every edition of the version's PDFs, oldest first; written by release, withdraw and release --edition." }),
  })
  .meta({ title: "Released version" });

export const versionsManifestSchema = z
  .array(versionEntrySchema)
  .meta({ title: "Versions manifest", description: "letters/<slug>/versions.yaml, written by npm run release." });

/** One recorded delivery pack: the update it belongs to, the version it prints and its editions. */
export const deliveryEntrySchema = z
  .strictObject({
    update: z.string().regex(/^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be an update's id, <YYYY-MM-DD>-<name>").meta({ description: "The delivered update, updates/<id>.md." }),
    version: z.int().min(1).meta({ description: "The version the pack prints: the one current on the update's day." }),
    editions: z.array(editionSchema).min(1).meta({ description: "Every edition of the pack's PDF, oldest first; its list is deliveries/<update>.json." }),
  })
  .meta({ title: "Delivery pack" });

export const deliveriesManifestSchema = z
  .array(deliveryEntrySchema)
  .meta({ title: "Delivery packs", description: "letters/<slug>/deliveries.yaml, written by npm run release -- <slug> --edition and npm run withdraw." });

/** A signatory named in reviewed.yaml: `jane-doe.yaml`, or `list.yaml#Jane Doe` for an entry of a list file. */
export const SIGNATORY_REFERENCE = /^[^/\\#]+\.ya?ml(#.*\S.*)?$/i;

const signatoryReference = z
  .string()
  .regex(SIGNATORY_REFERENCE, "must name a signatory file, e.g. jane-doe.yaml, or an entry of a list file, e.g. list.yaml#Jane Doe")
  .meta({ description: "A signatory file of this letter, e.g. jane-doe.yaml, or an entry of a list file, e.g. list.yaml#Jane Doe." });

/** An entry of a list file or a one-signatory file, always with the name reviewed: `jane-doe.yaml#Jane Doe`. */
export const NAMED_SIGNATORY_REFERENCE = /^[^/\\#]+\.ya?ml#.*\S.*$/i;

export const reviewedSchema = z
  .strictObject({
    different_people: z
      .array(
        z
          .array(signatoryReference)
          .refine((pair) => pair.length === 2, "must be a pair of signatories, e.g. [jane-doe.yaml, jane-doe-2.yaml]")
          .meta({ description: "Two signatories that look alike but are different people." }),
      )
      .optional()
      .meta({ description: "Pairs of signatories a maintainer checked: npm run check no longer says they look like each other." }),
    held_ok: z
      .array(
        z
          .string()
          .regex(NAMED_SIGNATORY_REFERENCE, "must name a signatory file and the name reviewed, e.g. jane-doe.yaml#Jane Doe, or list.yaml#Jane Doe for an entry of a list file")
          .meta({ description: "A signatory file and the name a maintainer checked, e.g. jane-doe.yaml#Jane Doe." }),
      )
      .optional()
      .meta({ description: "Signatories a maintainer checked although their name, role or affiliation matches moderation.yaml: npm run check no longer holds them while the name stays as reviewed." }),
  })
  .meta({ title: "Reviewed warnings", description: "letters/<slug>/reviewed.yaml: warnings of npm run check that a maintainer has reviewed." });

/** A name or word of moderation.yaml: shown somewhere, and not a blank. */
const heldText = (description: string) =>
  visibleText()
    .refine((s) => s.length <= 200, "is longer than 200 characters; hold a name or a few words")
    .meta({ description, pattern: "\\S" });

export const moderationSchema = z
  .strictObject({
    names: z
      .array(heldText("A whole name, e.g. Elon Musk; matched ignoring case, accents, punctuation and look-alike letters."))
      .optional()
      .meta({ description: "Whole names to hold: a signatory whose name, role or affiliation is one of these is a warning for a reviewer." }),
    words: z
      .array(heldText("A word or a few words in a row, e.g. asdf; matched as whole words, ignoring case, accents and look-alike letters."))
      .optional()
      .meta({ description: "Words to hold wherever they appear, as whole words, in a name, role or affiliation: slurs, placeholders." }),
  })
  .meta({ title: "Moderation", description: "letters/moderation.yaml (the whole site) or letters/<slug>/moderation.yaml (one letter): names and words npm run check holds for a second look." });

export type SignatoryInput = z.infer<typeof signatorySchema>;
export type ErasedSignatoryInput = z.infer<typeof erasedSignatorySchema>;
export type FrontMatterInput = z.infer<typeof frontMatterSchema>;
export type TranslationFrontMatterInput = z.infer<typeof translationFrontMatterSchema>;
export type SiteConfigInput = z.infer<typeof siteConfigSchema>;
export type VersionEntryInput = z.infer<typeof versionEntrySchema>;
