import { stringify, type Options } from 'csv-stringify/sync';

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises one CSV cell against formula injection, as OWASP recommends: a text starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote in front, so Excel, LibreOffice
 * and Google Sheets show it as text instead of running it. A phone `+34 600 123 456` becomes
 * `'+34 600 123 456` — still readable (a spreadsheet would otherwise evaluate it to `#NAME?` or a
 * sum); a program reading the file back drops one leading `'` before those characters.
 * Numbers are written as they are (a negative number is data, not a formula).
 */
export function csvSafeCell(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV text of `rows` with every cell guarded by `csvSafeCell`; every file Clientela writes goes through it. */
export function stringifyCsvSafe(rows: unknown[][], options: Options = {}): string {
  return stringify(
    rows.map((row) => row.map(csvSafeCell)),
    options,
  );
}
