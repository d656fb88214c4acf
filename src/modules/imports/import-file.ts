import { existsSync, rmSync } from 'node:fs';
import { AppError, invalid } from '../../core/errors.ts';
import { fileAreaPath } from '../../core/file-store.ts';
import {
  type Delimiter,
  type DetectedFormat,
  type ImportField,
  type OpenedTable,
  UnreadableFileError,
  detectFormat,
  fileSource,
  getImportFormat,
  isUnreadable,
  mappingFor,
  openTableFile,
  type FormatId,
  type TextEncoding,
} from './reading/index.ts';

/** Where an upload lives (the name is ours: `upl_…`). */
export const uploadPath = (uploadName: string): string => fileAreaPath('imports', uploadName);

/** Removes an upload (missing is fine: it may be gone already). */
export function removeUpload(uploadName: string): void {
  rmSync(uploadPath(uploadName), { force: true });
}

export const unreadableFile = (message = 'The file is not a CSV or XLSX file that can be read.') =>
  invalid('import_file_unreadable', message);

export const uploadGone = () =>
  new AppError('gone', 'import_upload_gone', 'The uploaded file of this import has been deleted; upload it again.');

/** How a stored upload is opened again: the format detected at upload time. */
export interface StoredFormat {
  encoding: string | null;
  delimiter: string | null;
}

/** Opens a stored upload with the encoding and delimiter detected when it arrived. */
export async function openUpload(uploadName: string, stored?: StoredFormat): Promise<OpenedTable> {
  const path = uploadPath(uploadName);
  if (!existsSync(path)) throw uploadGone();
  try {
    return await openTableFile(fileSource(path), {
      ...(stored?.encoding ? { encoding: stored.encoding as TextEncoding } : {}),
      ...(stored?.delimiter ? { delimiter: stored.delimiter as Delimiter } : {}),
    });
  } catch (err) {
    if (err instanceof UnreadableFileError) throw unreadableFile();
    throw err;
  }
}

/** What an upload is: its kind, encoding, delimiter, headers and recognised format. */
export interface InspectedFile {
  kind: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  headers: string[];
  detected: DetectedFormat;
}

// Headers of a binary file read as text: control characters or the replacement character.
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const BINARY = /[\u0000-\u0008\u000e-\u001f\ufffd]/;

/** Opens a fresh upload at once: a file that is not a readable CSV/XLSX with a header row is a 400. */
export async function inspectUpload(uploadName: string): Promise<InspectedFile> {
  let table: OpenedTable;
  try {
    table = await openUpload(uploadName);
  } catch (err) {
    // A CSV parser error on the header line itself means the file is not a table.
    if (err instanceof AppError) throw err;
    throw unreadableFile();
  }
  const headers = table.headers;
  if (!headers.length || headers.every((h) => !h.trim()) || headers.some((h) => BINARY.test(h) || h.length > 500)) {
    throw unreadableFile();
  }
  // One record read proves the body parses (a zip that is not a workbook fails here).
  try {
    for await (const row of table.rows) {
      if (!isUnreadable(row) && row.cells.some((c) => BINARY.test(c))) throw unreadableFile();
      break;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadableFile();
  }
  return {
    kind: table.kind,
    encoding: table.encoding ?? null,
    delimiter: table.delimiter ?? null,
    headers,
    detected: detectFormat(headers),
  };
}

/**
 * The mapping an import runs with: the detected mapping (or `base`, the earlier run's), overridden by
 * the user's entries. A header the file does not have is a 400 naming it.
 */
export function resolveMapping(
  headers: string[],
  formatId: string,
  requested: Record<string, ImportField> | undefined,
  base?: Record<string, ImportField>,
): Record<string, ImportField> {
  const mapping = base ?? mappingFor(getImportFormat(formatId as FormatId), headers);
  if (!requested) return mapping;
  const unknown = Object.keys(requested).filter((header) => !(header in mapping));
  if (unknown.length) {
    throw invalid(
      'import_mapping_unknown_column',
      'The mapping names columns the file does not have.',
      unknown.slice(0, 20).map((header) => ({ field: 'mapping', message: `no column "${header.slice(0, 100)}"` })),
    );
  }
  return { ...mapping, ...requested };
}
