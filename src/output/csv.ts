// CSV for spreadsheets: RFC 4180 (CRLF line ends, a field quoted only when it must be, quotes
// doubled) and safe to open. A spreadsheet runs a cell that starts with = + - @ (or with a tab,
// CR or LF, which it trims first) as a formula, so such a text cell gets a leading single quote, which
// spreadsheets show as plain text (OWASP "CSV injection"). Shared by `stats --csv` and `export`.
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * One cell as a spreadsheet should see it: text that cannot run as a formula. null and
 * undefined are empty, numbers stay numbers (a negative number is data, not a formula),
 * booleans read true/false, lists and objects travel as JSON.
 */
export function safeCell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A header line, then one line per row; every cell goes through safeCell. */
export function toCsv(rows: ReadonlyArray<readonly unknown[]>, header: readonly string[]): string {
  return stringify([header.map(safeCell), ...rows.map((row) => row.map(safeCell))], {
    record_delimiter: 'windows',
    // with CRLF records, csv-stringify quotes only a full CRLF; a lone LF or CR needs quotes too
    quoted_match: /[\r\n]/,
  });
}
