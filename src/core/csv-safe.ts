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

/** What makes csv-stringify quote a cell with delimiter "," and quote '"': the quote, the delimiter, a line end. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV record of text cells, guarded like `stringifyCsvSafe` and byte for byte what it writes
 * with the default delimiter and quote (csv-safe.test.ts compares them), without its per-cell
 * option handling: an export writes a million of them.
 */
export function csvSafeRecord(cells: readonly string[], recordDelimiter = '\n'): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    let v = cells[i] ?? '';
    if (FORMULA_START.test(v)) v = `'${v}`;
    if (NEEDS_QUOTES.test(v)) v = `"${v.replaceAll('"', '""')}"`;
    out += i === 0 ? v : `,${v}`;
  }
  return out + recordDelimiter;
}
