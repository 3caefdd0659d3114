// signatories.csv: RFC 4180 (comma-separated, CRLF line ends, fields quoted when they hold a comma, quote
// or line break, quotes doubled), UTF-8. Written by hand: the rules fit in three lines, and the
// spreadsheet guard below must see every cell anyway. https://www.rfc-editor.org/rfc/rfc4180
import type { PublishedSignatory } from "../../describe/published.ts";

/** Column order of the file; also its header row. */
export const CSV_COLUMNS = ["name", "type", "title", "affiliation", "country", "group", "signed", "url"] as const;

/**
 * Spreadsheets run a cell that starts with =, +, -, @, tab or CR as a formula (CSV injection), and names
 * come from strangers. A leading apostrophe makes such a cell plain text, as OWASP recommends:
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(",") + "\r\n").join("");
}

export function signatoriesCsv(signatories: readonly PublishedSignatory[]): string {
  const rows = signatories.map((s) => CSV_COLUMNS.map((column) => neutraliseFormula(s[column] ?? "")));
  return toCsv([[...CSV_COLUMNS], ...rows]);
}
