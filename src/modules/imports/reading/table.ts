/** A file kind the reader understands. */
export type FileKind = 'csv' | 'xlsx';

/** The column separators a CSV file may use. */
export type Delimiter = ',' | ';' | '\t';

/** One data record of a file: 1-based record number (after the header) and the line it starts on. */
export interface TableRecord {
  record: number;
  /** First physical line of the record in the file (CSV) or the sheet row number (XLSX). */
  line: number;
  /** The cells, one per header (missing cells are empty strings). */
  cells: string[];
}

/** A record that could not be read (e.g. an unescaped quote): it is reported, the file goes on. */
export interface UnreadableRecord {
  record: number;
  line: number;
  error: { code: 'unreadable_record'; message: string };
  /** The record's text as it was in the file, for the error report. */
  raw: string;
}

export type TableRow = TableRecord | UnreadableRecord;

/** A file opened for reading: what it is, its header row, and its rows one at a time. */
export interface OpenedTable {
  kind: FileKind;
  /** CSV only. */
  encoding?: string;
  /** CSV only. */
  delimiter?: Delimiter;
  headers: string[];
  /** An async iterator: a 100 MB file is never held as objects all at once. */
  rows: AsyncIterable<TableRow>;
}

/** Whether a row is a record that could not be read. */
export function isUnreadable(row: TableRow): row is UnreadableRecord {
  return 'error' in row;
}

/** Trailing empty headers (a delimiter at the end of every line) are not columns. */
export function trimTrailingEmptyHeaders(headers: string[]): string[] {
  let end = headers.length;
  while (end > 0 && (headers[end - 1] ?? '').trim() === '') end -= 1;
  return headers.slice(0, end).map((header) => header.trim());
}

/** Fits a record's cells to the header count: missing cells become '', extra cells are dropped. */
export function fitCells(cells: string[], width: number): string[] {
  const fitted = cells.slice(0, width);
  while (fitted.length < width) fitted.push('');
  return fitted;
}

/**
 * A file that cannot be read at all (a corrupt XLSX, not a spreadsheet): the import stops before
 * its first record. The service maps it to the `import_file_unreadable` error.
 */
export class UnreadableFileError extends Error {
  readonly code = 'import_file_unreadable';
}
