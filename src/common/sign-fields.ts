// Signing without a backend: turns the fields of the sign form into a signatory file and into the links
// that carry it, a forge's "create new file" page and a mailto: link. Used by the browser (bundled into
// /assets/sign.js), by `npm run sign` and by the tests, so all three write the same YAML.
// No Node or zod imports here: this module runs in the browser.
import { webAddress } from "./safe-url.ts";
import { fileStemOf } from "./slug.ts";

export interface SignFields {
  name: string;
  type?: string;
  /** Role of an individual (the YAML `title`). */
  title?: string;
  affiliation?: string;
  url?: string;
  country?: string;
  /** YYYY-MM-DD. */
  signed?: string;
  /** The released version of the letter the signer read; written as a number, the only unquoted value. */
  version?: number;
  /** Heading to list the signatory under (staff, through `npm run sign`). */
  group?: string;
  /**
   * The GitHub login the signature is bound to: written by the issue route from the issue's author only
   * (the page's form has no such field; a pull request's author may add it, and the check verifies it).
   */
  github?: string;
}

/** The text fields, the ones a signer types. */
type TextKey = Exclude<keyof SignFields, "version">;

/**
 * What is wrong with a field, as a code: the words are the page's (src/i18n/messages.ts, handed to the
 * browser by the sign section) or, for `npm run sign`, English. This module holds no prose.
 */
export type FieldProblemCode = "name" | "type" | "url" | "country" | "date" | "future" | "long" | "placeholder";

export interface FieldProblem {
  field: TextKey;
  code: FieldProblemCode;
}

/** Order of the keys in a written file: the order of the README's example. */
const KEYS = ["name", "type", "title", "affiliation", "url", "country", "signed", "version", "group", "github"] as const;
const TEXT_KEYS = KEYS.filter((key): key is TextKey => key !== "version");

/**
 * The example values of the template a signer fills in without the form (templates/_includes/sign.njk,
 * the e-mail body), by page language. Left in place they would be published as a signature, so
 * `npm run check` and the form refuse each of them (isPlaceholder). Here rather than in the catalogues
 * of src/i18n/: the browser's form and the loader must know every language's examples, and src/common/
 * imports nothing.
 */
export const PLACEHOLDERS: Record<string, Readonly<Pick<SignFields, "name" | "title" | "affiliation" | "url">>> = {
  en: { name: "Your Name", title: "Your role", affiliation: "Your organisation", url: "https://example.org/about-you" },
  fr: { name: "Votre nom", title: "Votre fonction", affiliation: "Votre organisation", url: "https://example.org/a-propos-de-vous" },
  nl: { name: "Uw naam", title: "Uw functie", affiliation: "Uw organisatie", url: "https://example.org/over-u" },
  ar: { name: "اسمك", title: "صفتك", affiliation: "منظمتك", url: "https://example.org/about-you" },
  de: { name: "Ihr Name", title: "Ihre Funktion", affiliation: "Ihre Organisation", url: "https://example.org/ueber-sie" },
  es: { name: "Su nombre", title: "Su cargo", affiliation: "Su organización", url: "https://example.org/sobre-usted" },
  pt: { name: "O seu nome", title: "A sua função", affiliation: "A sua organização", url: "https://example.org/sobre-si" },
  it: { name: "Il Suo nome", title: "Il Suo ruolo", affiliation: "La Sua organizzazione", url: "https://example.org/su-di-lei" },
  ru: { name: "Ваше имя", title: "Ваша должность", affiliation: "Ваша организация", url: "https://example.org/about-you" },
  zh: { name: "您的姓名", title: "您的职务", affiliation: "您所属的机构", url: "https://example.org/about-you" },
  "zh-Hant": { name: "您的姓名", title: "您的職稱", affiliation: "您所屬的單位", url: "https://example.org/about-you" },
  ja: { name: "お名前", title: "肩書き", affiliation: "所属団体", url: "https://example.org/about-you" },
  ko: { name: "이름", title: "직함", affiliation: "소속 단체", url: "https://example.org/about-you" },
};

/** The template's examples for a page in `lang` (or its base language), English for any other. */
export function placeholdersFor(lang: string): Readonly<Pick<SignFields, "name" | "title" | "affiliation" | "url">> {
  // Chinese in Traditional characters (zh-TW, zh-HK, zh-Hant) as the catalogues read it (src/i18n/messages.ts).
  const traditional = /^zh-(?:Hant|TW|HK|MO)\b/i.test(lang) ? PLACEHOLDERS["zh-Hant"] : undefined;
  return PLACEHOLDERS[lang] ?? traditional ?? PLACEHOLDERS[lang.split("-")[0]!.toLowerCase()] ?? PLACEHOLDERS.en!;
}

const placeholderValues = new Set(Object.values(PLACEHOLDERS).flatMap((p) => Object.values(p).map((v) => comparable(v))));

function comparable(value: string): string {
  return cleanText(value).toLowerCase();
}

/** Whether `value` is one of the template's example values, in any language, however spaced or capitalised. */
export function isPlaceholder(value: string): boolean {
  return placeholderValues.has(comparable(value));
}
const TYPES = new Set(["individual", "organization"]);
/** Spellings signers type for a type, as the files spell it: British English writes "organisation". */
const TYPE_SPELLINGS: Record<string, string> = { organisation: "organization", organization: "organization", individual: "individual" };

/**
 * One line of text as a stranger typed it: Unicode-normalised, control characters dropped, every run of
 * white space (a pasted newline included) made one space, trimmed. A name can never span lines.
 */
export function cleanText(value: string | undefined): string {
  return (value ?? "")
    .normalize("NFC")
    // C0/C1 controls, line and paragraph separators, BOM: never part of a name.
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Cleans every field and drops empty ones; the URL gains `https://` when typed as a bare domain. */
export function cleanFields(fields: SignFields): SignFields {
  const out: SignFields = { name: cleanText(fields.name) };
  if (fields.version !== undefined && Number.isInteger(fields.version) && fields.version > 0) out.version = fields.version;
  for (const key of TEXT_KEYS.slice(1)) {
    let value = cleanText(fields[key]);
    if (key === "country") value = value.toUpperCase();
    if (key === "type") value = TYPE_SPELLINGS[value.toLowerCase()] ?? value;
    if (key === "url" && value) value = webAddress(value) ?? value;
    if (value) out[key] = value;
  }
  return out;
}

/** The day after `today` (YYYY-MM-DD), in UTC. */
function nextDay(today: string): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export interface CheckOptions {
  /** Today in UTC, YYYY-MM-DD; a signing date after tomorrow is refused (a signer ahead of UTC is not). */
  today?: string;
}

/** Problems a person can fix in the form before anything is sent; an empty list means the fields are fine. */
export function checkFields(fields: SignFields, { today = new Date().toISOString().slice(0, 10) }: CheckOptions = {}): FieldProblem[] {
  const clean = cleanFields(fields);
  const problems: FieldProblem[] = [];
  if (!clean.name) problems.push({ field: "name", code: "name" });
  if (clean.type && !TYPES.has(clean.type)) problems.push({ field: "type", code: "type" });
  if (clean.url && !webAddress(clean.url)) problems.push({ field: "url", code: "url" });
  if (clean.country && !/^[A-Z]{2}$/.test(clean.country)) problems.push({ field: "country", code: "country" });
  if (clean.signed && !/^\d{4}-\d{2}-\d{2}$/.test(clean.signed)) problems.push({ field: "signed", code: "date" });
  else if (clean.signed && clean.signed > nextDay(today)) problems.push({ field: "signed", code: "future" });
  for (const key of ["name", "title", "affiliation", "url"] as const) {
    if (clean[key] && isPlaceholder(clean[key]) && !problems.some((p) => p.field === key)) problems.push({ field: key, code: "placeholder" });
  }
  for (const key of TEXT_KEYS) {
    if ((clean[key] ?? "").length > 1000) problems.push({ field: key, code: "long" });
  }
  return problems;
}

/**
 * A YAML double-quoted scalar for any text. JSON string syntax is valid YAML 1.2 double-quoted syntax;
 * on top of JSON we escape what YAML treats differently (DEL, C1 controls, U+2028/2029, BOM), so no input
 * can end the string, start a new key or add a document.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The signatory file for these fields: one mapping, keys in a fixed order, every text quoted (the
 * version is a whole number, checked by cleanFields). `comment` (a line or a few, e.g. how to fill in a
 * template) goes first, as YAML comments.
 */
export function signatoryYaml(fields: SignFields, comment?: string | readonly string[]): string {
  const clean = cleanFields(fields);
  // One line each whatever the catalogue holds; not cleanText, which would turn French no-break spaces into spaces.
  const lines = (typeof comment === "string" ? [comment] : (comment ?? [])).map((c) => c.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim());
  const note = lines.filter(Boolean).map((line) => `# ${line}\n`).join("");
  return note + KEYS.filter((key) => clean[key] !== undefined)
    .map((key) => `${key}: ${key === "version" ? String(clean.version) : yamlString(clean[key]!)}\n`)
    .join("");
}

/** `jane-doe.yaml`; a name with nothing to slug in ASCII (`张伟`) gets a short id, `signatory-1x2y3z4.yaml`. */
export function signatoryFileName(name: string): string {
  return `${fileStemOf(cleanText(name))}.yaml`;
}

/** Path of a new signatory file inside the repository, e.g. letters/belgium-e2ee/signatories/jane-doe.yaml. */
export function signatoryPath(letterFolder: string, fileName: string): string {
  return `letters/${letterFolder}/signatories/${fileName}`;
}

/** The forges whose web editor can open a new file with its name and content filled in. */
export const FORGES = ["github", "gitlab", "gitea"] as const;
export type Forge = (typeof FORGES)[number];

export interface NewFileOptions {
  /** https://github.com/org/letters */
  repository: string;
  branch: string;
  /** Path inside the repository. */
  path: string;
  content: string;
  /** Which forge's link to make; told by the host when not given (site.yaml's `forge:`). */
  forge?: Forge;
}

/** An https address with a path, e.g. https://github.com/org/letters: somewhere to add "/new/<branch>". */
export function isRepositoryAddress(value: string): boolean {
  return /^https:\/\/[^/?#]+\/[^?#]+$/.test(value.replace(/\/+$/, ""));
}

/**
 * The forge a repository address is on, by its host: gitlab.com and hosts named gitlab are GitLab;
 * codeberg.org and hosts named gitea or forgejo run Forgejo or Gitea (one URL scheme); anything else is
 * taken for GitHub. A self-hosted forge on another name says so with `forge:` in site.yaml.
 */
export function forgeOf(repository: string): Forge {
  const host = /^https:\/\/([^/?#]+)/.exec(repository)?.[1]?.toLowerCase() ?? "";
  if (host === "gitlab.com" || /(^|[.-])gitlab([.-]|$)/.test(host)) return "gitlab";
  if (host === "codeberg.org" || /(^|[.-])(gitea|forgejo)([.-]|$)/.test(host)) return "gitea";
  return "github";
}

/**
 * The forge's name as a signer knows it, for "Sign on …": the public hosts by name, a self-hosted GitHub
 * or GitLab by its product, and a self-hosted Forgejo or Gitea by its host (which of the two it runs
 * is not visible in the address, and the host is what the signer sees in the address bar).
 */
export function forgeName(repository: string, forge: Forge = forgeOf(repository)): string {
  const host = /^https:\/\/([^/?#]+)/.exec(repository)?.[1]?.toLowerCase() ?? "";
  if (host === "codeberg.org") return "Codeberg";
  if (forge === "gitlab") return "GitLab";
  if (forge === "gitea") return host;
  return "GitHub";
}

/**
 * The forge's "create new file" page with name and content filled in:
 * - GitHub: `<repository>/new/<branch>?filename=<path>&value=<content>`; someone without write access is
 *   offered a fork and a pull request by GitHub itself;
 * - GitLab: `<repository>/-/new/<branch>/?file_name=<path>&content=<content>`; without write access,
 *   GitLab offers to fork and open a merge request;
 * - Forgejo and Gitea (Codeberg): `<repository>/_new/<branch>/?filename=<path>&value=<content>`; the
 *   editor needs write access, so a signer forks first (the README says how).
 */
export function newFileUrl({ repository, branch, path, content, forge }: NewFileOptions): string {
  const base = repository.replace(/\/+$/, "");
  // An assertion: site.yaml's repository is checked with isRepositoryAddress when it is loaded. (common/
  // sits below the error family in src/model/, so this stays a plain Error, which the CLIs report as a bug.)
  if (!isRepositoryAddress(base)) throw new Error(`Not a repository address: ${repository}`);
  const ref = branch.split("/").map(encodeURIComponent).join("/");
  const [file, text] = [encodeURIComponent(path), encodeURIComponent(content)];
  switch (forge ?? forgeOf(base)) {
    case "gitlab":
      return `${base}/-/new/${ref}/?file_name=${file}&content=${text}`;
    case "gitea":
      return `${base}/_new/${ref}/?filename=${file}&value=${text}`;
    default:
      return `${base}/new/${ref}?filename=${file}&value=${text}`;
  }
}

export interface MailtoOptions {
  to: string;
  subject: string;
  body: string;
}

/** A mailto: link (RFC 6068): every header value percent-encoded, spaces as %20 rather than "+". */
export function mailtoUrl({ to, subject, body }: MailtoOptions): string {
  // An assertion: site.yaml's sign_email is checked as an e-mail address, which excludes all of these.
  if (!/^[^\s@?&#/:]+@[^\s@?&#/:]+$/.test(to)) throw new Error(`Not an e-mail address: ${to}`);
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/**
 * Fills `{name}` slots in a message from the page's catalogue (the browser cannot call src/i18n/'s
 * functions, so messages that need a value typed on the page carry slots instead).
 */
export function fillSlots(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (slot, key: string) => values[key] ?? slot);
}

/**
 * The e-mail body: the page's sentence for whoever reads it (`intro`, with slots {title} and {path}),
 * the signer's consent (what is published, how to withdraw: the page's words, already filled in), then
 * the file to add, so staff can paste it as is.
 */
export function mailBody(intro: string, letterTitle: string, path: string, yaml: string, consent?: string): string {
  return `${fillSlots(intro, { title: cleanText(letterTitle), path })}\n\n${consent ? `${consent}\n\n` : ""}${yaml}`;
}
