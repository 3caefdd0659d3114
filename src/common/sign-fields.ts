// Signing without a backend: turns the fields of the sign form into a signatory file and into the links
// that carry it, a forge's "create new file" page and a mailto: link. Used by the browser (bundled into
// /assets/sign.js), by `npm run sign` and by the tests, so all three write the same YAML.
// No Node or zod imports here: this module runs in the browser.
import { webAddress } from "./safe-url.ts";
import { slugOf } from "./slug.ts";

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
  /** Heading to list the signatory under (staff, through `npm run sign`). */
  group?: string;
}

export interface FieldProblem {
  field: keyof SignFields;
  message: string;
}

/** Order of the keys in a written file: the order of the README's example. */
const KEYS = ["name", "type", "title", "affiliation", "url", "country", "signed", "group"] as const;
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
  for (const key of KEYS.slice(1)) {
    let value = cleanText(fields[key]);
    if (key === "country") value = value.toUpperCase();
    if (key === "type") value = TYPE_SPELLINGS[value.toLowerCase()] ?? value;
    if (key === "url" && value) value = webAddress(value) ?? value;
    if (value) out[key] = value;
  }
  return out;
}

/** Problems a person can fix in the form before anything is sent; an empty list means the fields are fine. */
export function checkFields(fields: SignFields): FieldProblem[] {
  const clean = cleanFields(fields);
  const problems: FieldProblem[] = [];
  if (!clean.name) problems.push({ field: "name", message: "Please enter your name." });
  if (clean.type && !TYPES.has(clean.type)) problems.push({ field: "type", message: "Choose individual or organization." });
  if (clean.url && !webAddress(clean.url)) {
    problems.push({ field: "url", message: "Enter a web address starting with https://, e.g. https://example.org/about." });
  }
  if (clean.country && !/^[A-Z]{2}$/.test(clean.country)) {
    problems.push({ field: "country", message: "Enter a two-letter country code, e.g. BE, PT or US." });
  }
  if (clean.signed && !/^\d{4}-\d{2}-\d{2}$/.test(clean.signed)) problems.push({ field: "signed", message: "Dates are written YYYY-MM-DD." });
  for (const key of KEYS) {
    if ((clean[key] ?? "").length > 1000) problems.push({ field: key, message: "This is too long (1,000 characters at most)." });
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

/** The signatory file for these fields: one mapping, keys in a fixed order, every value quoted. */
export function signatoryYaml(fields: SignFields): string {
  const clean = cleanFields(fields);
  return KEYS.filter((key) => clean[key] !== undefined)
    .map((key) => `${key}: ${yamlString(clean[key]!)}\n`)
    .join("");
}

/** `jane-doe.yaml`; a name with nothing to slug falls back to `signatory.yaml`. */
export function signatoryFileName(name: string): string {
  return `${slugOf(cleanText(name)) || "signatory"}.yaml`;
}

/** Path of a new signatory file inside the repository, e.g. letters/belgium-e2ee/signatories/jane-doe.yaml. */
export function signatoryPath(letterFolder: string, fileName: string): string {
  return `letters/${letterFolder}/signatories/${fileName}`;
}

export interface NewFileOptions {
  /** https://github.com/org/letters */
  repository: string;
  branch: string;
  /** Path inside the repository. */
  path: string;
  content: string;
}

/** An https address with a path, e.g. https://github.com/org/letters: somewhere to add "/new/<branch>". */
export function isRepositoryAddress(value: string): boolean {
  return /^https:\/\/[^/?#]+\/[^?#]+$/.test(value.replace(/\/+$/, ""));
}

/**
 * GitHub's "create new file" page with name and content filled in:
 * `<repository>/new/<branch>?filename=<path>&value=<content>`. Someone without write access is offered a
 * fork and a pull request by GitHub itself.
 */
export function newFileUrl({ repository, branch, path, content }: NewFileOptions): string {
  const base = repository.replace(/\/+$/, "");
  // An assertion: site.yaml's repository is checked with isRepositoryAddress when it is loaded. (common/
  // sits below the error family in src/model/, so this stays a plain Error, which the CLIs report as a bug.)
  if (!isRepositoryAddress(base)) throw new Error(`Not a repository address: ${repository}`);
  const ref = branch.split("/").map(encodeURIComponent).join("/");
  return `${base}/new/${ref}?filename=${encodeURIComponent(path)}&value=${encodeURIComponent(content)}`;
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

/** The e-mail body: a sentence for whoever reads it, then the file to add, so staff can paste it as is. */
export function mailBody(letterTitle: string, path: string, yaml: string): string {
  return `Please add my signature to "${cleanText(letterTitle)}".\n\nFile: ${path}\n\n${yaml}`;
}
