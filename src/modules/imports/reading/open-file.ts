import { openCsv } from './csv.ts';
import type { TextEncoding } from './decode.ts';
import { type ByteSource, readHead } from './source.ts';
import type { Delimiter, OpenedTable } from './table.ts';
import { looksLikeXlsx, openXlsx } from './xlsx.ts';

/** Overrides for what detection would choose (the user corrected it in the UI). */
export interface OpenFileOptions {
  encoding?: TextEncoding;
  delimiter?: Delimiter;
}

/**
 * Opens an uploaded file, CSV or XLSX (told apart by content, not by name): its header row and an
 * async iterator over its records, each with its record number and line.
 */
export async function openTableFile(source: ByteSource, options: OpenFileOptions = {}): Promise<OpenedTable> {
  const head = await readHead(source, 4);
  if (looksLikeXlsx(head)) return openXlsx(source);
  return openCsv(source, options);
}
