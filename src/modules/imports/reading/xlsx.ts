import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ByteSource } from './source.ts';
import { type OpenedTable, type TableRow, UnreadableFileError, fitCells, trimTrailingEmptyHeaders } from './table.ts';

/** An XLSX file starts with a ZIP local-file header. */
export function looksLikeXlsx(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * One cell as text. Dates (cells with a date format; ExcelJS gives them as UTC) become ISO dates,
 * with the time only when there is one; numbers keep all their digits (a phone number Excel
 * stored as a number stays "34612345678"); rich text, hyperlinks and formulas give their text.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const hasTime = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() > 0;
    return hasTime ? `${date}T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : date;
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.error !== undefined) return '';
    return '';
  }
  return typeof value === 'bigint' ? value.toString() : '';
}

function rowCells(values: unknown): string[] {
  // ExcelJS rows are 1-based sparse arrays: index 0 is always empty.
  const list = Array.isArray(values) ? values.slice(1) : [];
  return Array.from(list, (value) => cellText(value));
}

/**
 * Opens the first worksheet of an XLSX file with ExcelJS's streaming reader: rows are parsed as
 * the ZIP entry is inflated, never the whole sheet at once. The first non-empty row is the header.
 */
export async function openXlsx(source: ByteSource): Promise<OpenedTable> {
  try {
    try {
      return await openXlsxSheet(source);
    } catch (first) {
      // ExcelJS's streaming reader now and then finds no workbook model for a file it reads fine
      // the next time (exceljs#962: "reading 'sheets'"; seen once in CI on a fixture that passes
      // every other run). No row has been read yet, so reading the file once more is safe; a file
      // that is really broken fails again and is reported below.
      if (!(first instanceof TypeError)) throw first;
      return await openXlsxSheet(source);
    }
  } catch (err) {
    throw new UnreadableFileError(`Not a readable XLSX file (${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
}

async function openXlsxSheet(source: ByteSource): Promise<OpenedTable> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source()), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  const sheet = await sheets.next();
  if (sheet.done) return { kind: 'xlsx', headers: [], rows: (async function* () {})() };
  const rowsOfSheet = sheet.value[Symbol.asyncIterator]();

  let headers: string[] = [];
  for (;;) {
    const next = await rowsOfSheet.next();
    if (next.done) break;
    const cells = rowCells(next.value.values);
    if (cells.some((cell) => cell.trim() !== '')) {
      headers = trimTrailingEmptyHeaders(cells);
      break;
    }
  }

  async function* rows(): AsyncIterable<TableRow> {
    let record = 0;
    for (;;) {
      const next = await rowsOfSheet.next();
      if (next.done) break;
      const cells = rowCells(next.value.values);
      if (cells.every((cell) => cell.trim() === '')) continue;
      record += 1;
      yield { record, line: next.value.number, cells: fitCells(cells, headers.length) };
    }
    // Let ExcelJS finish the ZIP (it reads the remaining entries) before the source is closed.
    for (;;) if ((await sheets.next()).done) break;
  }

  return { kind: 'xlsx', headers, rows: rows() };
}
