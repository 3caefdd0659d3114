// Bulk import: signatures collected elsewhere (a web form's CSV export, a spreadsheet, a mailing list)
// become signatory files, one per row, with the rules every other route follows (src/tools/add-signature.ts):
// the loader's validation, its duplicate rule against the letter and within the file, never overwriting.
// E-mail addresses are read only to be dropped: nothing of them is written. Headers of the usual exports
// (Google Forms, Microsoft Forms, LimeSurvey, a hand-made sheet) are recognised; --map names the rest.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { SignFields } from "../common/sign-fields.ts";
import { displayPath } from "../load/files.ts";
import { ContentError, OpenLettersError, quote } from "../model/errors.ts";
import type { SiteConfig } from "../model/types.ts";
import { privacyAddress } from "../view/privacy-page.ts";
import { AlreadySignedError, openForSigning, prepareSignature, writeSignatures, type PreparedSignature } from "./add-signature.ts";
import { formProblem, nameProblem, signatoryFieldProblem } from "./scaffold.ts";

/** A row that cannot be imported, at its file, row (the CSV line) and column. */
export class ImportRowError extends ContentError {}
/** The file itself cannot be read as a table of signatures. */
export class ImportFileError extends OpenLettersError {}

/** What a column can hold: a signatory field, a part of the name, or an e-mail address to drop. */
// Never github: a login typed into someone else's form proves nothing, and a binding is only made by its account.
export type ImportField = Exclude<keyof SignFields, "version" | "github"> | "first name" | "last name" | "email" | "ignore";

/** Header spellings of the common exports, compared without case, accents, spaces or punctuation. */
const HEADERS: Record<string, ImportField> = Object.fromEntries(
  (
    [
      ["name", ["name", "full name", "fullname", "your name", "signatory", "signatory name", "nom", "nom complet", "naam", "nombre", "nome"]],
      ["first name", ["first name", "firstname", "given name", "forename", "prenom", "voornaam"]],
      ["last name", ["last name", "lastname", "surname", "family name", "nom de famille", "achternaam", "apellido"]],
      ["title", ["title", "role", "position", "job title", "job", "function", "fonction", "functie", "occupation"]],
      ["affiliation", ["affiliation", "organisation", "organization", "organisation name", "organization name", "company", "institution", "employer", "organisme", "organisatie"]],
      ["type", ["type", "signing as", "you sign as", "sign as", "signatory type"]],
      ["country", ["country", "country code", "pays", "land", "pais"]],
      ["url", ["url", "website", "web site", "web page", "webpage", "homepage", "link", "site web"]],
      ["signed", ["date", "signed", "date signed", "timestamp", "submitted", "submit date", "submitdate", "completion time", "date submitted"]],
      ["group", ["group"]],
      ["email", ["email", "e mail", "email address", "e mail address", "mail", "courriel", "your email"]],
    ] as Array<[ImportField, string[]]>
  ).flatMap(([field, spellings]) => spellings.map((spelling) => [headerKey(spelling), field])),
);

function headerKey(header: string): string {
  return header.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "");
}

const TYPES: Record<string, string> = {
  individual: "individual", person: "individual", personal: "individual", "an individual": "individual", "myself": "individual", "in a personal capacity": "individual",
  organisation: "organization", organization: "organization", "an organisation": "organization", "an organization": "organization", "on behalf of an organisation": "organization", "on behalf of an organization": "organization",
};

export interface ImportOptions {
  /** Extra column → field mappings, by header text: `--map "Votre structure=affiliation"`. */
  map?: Record<string, ImportField>;
  /** How slashed dates read: 9/10/2021 is 10 September in "mdy" (US exports), 9 October in "dmy". */
  dates?: "mdy" | "dmy";
  /** Write the files (default: report what would be written). */
  write?: boolean;
  cache?: boolean;
}

export interface ImportReport {
  /** The files written, or that would be. */
  added: PreparedSignature[];
  /** Rows skipped because the letter or an earlier row has that signatory. */
  duplicates: Array<{ row: number; message: string }>;
  /** Rows refused: nothing is written while there is one. */
  refused: ImportRowError[];
  /** Columns read, by header, and the ones ignored. */
  columns: Array<{ header: string; field?: ImportField }>;
  written: boolean;
}

/** Reads `csvFile` into signatures for `slug`; writes them only with `write` and no refused row. */
export async function importSignatures(root: string, slug: string, csvFile: string, options: ImportOptions = {}): Promise<ImportReport> {
  const file = displayPath(csvFile);
  let text: string;
  try {
    text = await readFile(csvFile, "utf8");
  } catch (error) {
    throw new ImportFileError(`Cannot read ${quote(file)}: ${(error as Error).message}`);
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new ImportFileError(`${file}${e.lines ? `:${e.lines}` : ""}: not readable as CSV: ${e.message}`);
  }
  const [head, ...rows] = records;
  if (!head) throw new ImportFileError(`${file} is empty: expected a header row (name, affiliation, ...) and one row per signature.`);
  const mapped = new Map(Object.entries(options.map ?? {}).map(([header, field]) => [headerKey(header), field]));
  const columns = head.record.map((header) => ({ header, field: mapped.get(headerKey(header)) ?? HEADERS[headerKey(header)] }));
  for (const header of Object.keys(options.map ?? {})) {
    if (!head.record.some((h) => headerKey(h) === headerKey(header))) {
      throw new ImportFileError(`--map names the column ${quote(header)}, which ${file} does not have. Its columns: ${head.record.map((h) => quote(h)).join(", ")}.`);
    }
  }
  for (const field of new Set(columns.map((c) => c.field))) {
    const same = columns.filter((c) => c.field === field);
    if (field && field !== "ignore" && same.length > 1) {
      throw new ImportFileError(
        `${file} has ${same.length} columns that could be the ${field}: ${same.map((c) => quote(c.header)).join(" and ")}. ` +
          `Say which one with --map "${same[1]!.header}=${field}" and --map "${same[0]!.header}=ignore" (or the other way round).`,
      );
    }
  }
  const has = (field: ImportField) => columns.some((c) => c.field === field);
  if (!has("name") && !(has("first name") || has("last name"))) {
    throw new ImportFileError(`${file} has no column for the name (expected a header such as "Name", "Full name", or "First name" and "Last name"). Its columns: ${head.record.map((h) => quote(h)).join(", ")}. Name one with --map "<header>=name".`);
  }
  const dateOrder = options.dates ?? guessDateOrder(rows.map((r) => r.record), columns);

  const context = await openForSigning(root, slug, { cache: options.cache });
  const report: ImportReport = { added: [], duplicates: [], refused: [], columns, written: false };
  for (const { record, info } of rows) {
    const row = info.lines;
    const at = (field: ImportField) => columns.findIndex((c) => c.field === field);
    const value = (field: ImportField) => {
      const i = at(field);
      return i < 0 ? undefined : (record[i] ?? "").trim() || undefined;
    };
    const refuse = (field: ImportField, message: string) => report.refused.push(
      new ImportRowError(file, { line: row, column: Math.max(at(field), 0) + 1 }, message, `Correct the row, or remove it from ${file}.`),
    );
    if (record.every((cell) => cell.trim() === "")) continue;
    const name = value("name") ?? [value("first name"), value("last name")].filter(Boolean).join(" ");
    const fields: Omit<SignFields, "version"> = { name };
    const nameColumn = has("name") ? "name" : "first name";
    // The form's checks here, cell by cell; the loader's, which cost more, once on the whole row
    // (prepareSignature), and cell by cell only to say which cell it refused.
    const wrong = formProblem("name", name);
    if (wrong) refuse(nameColumn, `Name ${quote(name)}: ${wrong}`);
    for (const field of TEXT_FIELDS) {
      const v = value(field);
      if (v === undefined) continue;
      const problem = formProblem(field, v);
      if (problem) refuse(field, `${field} ${quote(v)}: ${problem}`);
      fields[field] = v;
    }
    const type = value("type");
    if (type !== undefined) {
      const known = TYPES[type.toLowerCase()];
      if (!known) refuse("type", `type ${quote(type)}: write individual or organisation.`);
      fields.type = known;
    }
    const country = value("country");
    if (country !== undefined) {
      const code = countryCode(country);
      if (!code) refuse("country", `country ${quote(country)}: not a country name or two-letter code this import knows; write its ISO 3166 code, e.g. BE.`);
      fields.country = code;
    }
    const signed = value("signed");
    if (signed !== undefined) {
      const date = isoDate(signed, dateOrder);
      if (date === "ambiguous") refuse("signed", `date ${quote(signed)}: day and month cannot be told apart; pass --dates dmy or --dates mdy.`);
      else if (!date) refuse("signed", `date ${quote(signed)}: not a date this import can read; write YYYY-MM-DD.`);
      else {
        const problem = formProblem("signed", date);
        if (problem) refuse("signed", `date ${quote(signed)}: ${problem}`);
        fields.signed = date;
      }
    }
    if (report.refused.at(-1)?.line === row) continue;
    try {
      report.added.push(prepareSignature(context, fields));
    } catch (error) {
      if (error instanceof AlreadySignedError) report.duplicates.push({ row, message: error.message });
      else if (error instanceof OpenLettersError) refuseCells(fields, error, nameColumn, refuse);
      else throw error;
    }
  }
  if (options.write && !report.refused.length) {
    writeSignatures(context, report.added);
    report.written = true;
  }
  return report;
}

const TEXT_FIELDS = ["title", "affiliation", "url", "group"] as const;

/** The loader refused a row's file: names each cell it refuses (the loader's words), or else the row. */
function refuseCells(fields: Omit<SignFields, "version">, error: OpenLettersError, nameColumn: ImportField, refuse: (field: ImportField, message: string) => void): void {
  let found = false;
  const wrong = nameProblem(fields.name);
  if (wrong) {
    refuse(nameColumn, `Name ${quote(fields.name)}: ${wrong}`);
    found = true;
  }
  for (const field of [...TEXT_FIELDS, "signed"] as const) {
    const v = fields[field];
    const problem = v === undefined ? undefined : signatoryFieldProblem(field, v);
    if (problem) {
      refuse(field, `${field === "signed" ? "date" : field} ${quote(v!)}: ${problem}`);
      found = true;
    }
  }
  if (!found) refuse(nameColumn, error.message);
}

/** The delimiter of the header line: semicolons (European spreadsheets, LimeSurvey), tabs or commas. */
function delimiterOf(text: string): string {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const outside = first.replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => [d, outside.split(d).length - 1] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b/;

/** From the whole date column: a first number above 12 means day first, a second one month first. */
function guessDateOrder(rows: string[][], columns: Array<{ field?: ImportField }>): "mdy" | "dmy" | undefined {
  const i = columns.findIndex((c) => c.field === "signed");
  if (i < 0) return undefined;
  let dayFirst = false;
  let monthFirst = false;
  for (const row of rows) {
    const m = SLASHED.exec((row[i] ?? "").trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  return dayFirst && !monthFirst ? "dmy" : monthFirst && !dayFirst ? "mdy" : undefined;
}

/** YYYY-MM-DD from an export's timestamp ("2021-09-29 14:03:11", "9/29/2021 14:03"), or why not. */
function isoDate(value: string, order: "mdy" | "dmy" | undefined): string | "ambiguous" | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const m = SLASHED.exec(value);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  let month: number;
  let day: number;
  if (order === "mdy") [month, day] = [a, b];
  else if (order === "dmy") [day, month] = [a, b];
  else if (a === b) [day, month] = [a, b];
  else return "ambiguous";
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

let countries: Map<string, string> | undefined;

/** An ISO 3166 code from a code or a country's name in English, French, German, Spanish or Dutch. */
function countryCode(value: string): string | undefined {
  if (/^[A-Za-z]{2}$/.test(value)) return value.toUpperCase();
  if (!countries) {
    countries = new Map();
    const codes: string[] = [];
    for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) codes.push(String.fromCharCode(a, b));
    for (const lang of ["en", "fr", "de", "es", "nl", "pt", "it"]) {
      const names = new Intl.DisplayNames([lang], { type: "region", fallback: "none" });
      for (const code of codes) {
        const name = names.of(code);
        if (name) countries.set(headerKey(name), code);
      }
    }
  }
  return countries.get(headerKey(value));
}

/**
 * What whoever imports must know before publishing: who agreed to what is published, how each signer
 * withdraws or has their details erased, and where the site's privacy page tells them so.
 */
export function consentNotice(config: Pick<SiteConfig, "url" | "pathPrefix" | "lang">, slug: string): string[] {
  return [
    "Publish only the signatures of people who agreed to it: their name, role, affiliation, web page and country appear on the letter's pages, in its PDF and data files, and in the public repository.",
    `Each can withdraw later (npm run withdraw -- --letter ${slug} --name "<name>", and --erase to remove their details); tell them so, with the site's privacy page: ${privacyAddress(config)}`,
  ];
}
