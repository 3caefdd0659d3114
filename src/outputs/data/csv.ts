// outputs/data/: the data files and feeds (letter.json, signatories.json and .csv, Atom, sitemap,
// headers), computed from the finished pages.
//
// signatories.csv: RFC 4180 (comma-separated, CRLF line ends, fields quoted when they hold a comma, quote
// or line break, quotes doubled), UTF-8, written by csv-stringify. https://www.rfc-editor.org/rfc/rfc4180
import { stringify } from "csv-stringify/sync";
import { INVISIBLE_CHARACTER } from "../../common/names.ts";
import type { PublishedSignatory } from "../../describe/published.ts";

/** Order of the columns, and the header row; `github` last, so readers of the older files find theirs where they were. */
export const CSV_COLUMNS = ["name", "type", "title", "affiliation", "country", "group", "signed", "url", "github"] as const;

/**
 * Spreadsheets run a cell that starts with =, +, -, @, tab or CR as a formula (CSV injection), and names
 * come from strangers. A leading apostrophe makes such a cell plain text, as OWASP recommends:
 * https://owasp.org/www-community/attacks/CSV_Injection
 * Spreadsheets skip leading spaces (a no-break space too) before reading a formula, and invisible
 * characters show nothing, so the guard looks past both: `" =HYPERLINK(...)"`, `"\u00A0=1"` and
 * `"\u200B@SUM(A1)"` are formulas as much as `"=1"`.
 * Ours rather than csv-stringify's `escape_formulas`, which also rewrites full-width ＝＋－＠ and so would
 * change published bytes, and looks at the first character only.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

const FORMULA = new RegExp(`^[\\s${INVISIBLE_CHARACTER}]*[=+\\-@\\t\\r]`, "u");

export function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], {
    record_delimiter: "windows",
    // A lone CR or LF is a line break to most readers: quote it too, not only CRLF.
    quote_record_delimiter: true,
  });
}

export function signatoriesCsv(signatories: readonly PublishedSignatory[]): string {
  const rows = signatories.map((s) => CSV_COLUMNS.map((column) => neutraliseFormula(s[column] ?? "")));
  return toCsv([[...CSV_COLUMNS], ...rows]);
}
