import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { ExportLookups } from '../export-record.ts';
import type { ExportColumn } from '../export.schemas.ts';

/**
 * Writes one export file a page at a time, then closes it. The table formats (CSV, XLSX) take each
 * guest's cells of the chosen columns (export-cells.ts); vCard takes the presented guests.
 */
export interface ExportWriter<Row = string[]> {
  writePage(rows: Row[]): Promise<void>;
  close(): Promise<void>;
  /** Stops writing after a failure (the caller deletes the file). */
  abort(): Promise<void>;
}

export interface WriterOptions {
  path: string;
  fields: readonly ExportColumn[];
  lookups: ExportLookups;
}

/** An owner-only file stream whose writes wait for the disk (memory stays flat). */
export function openFileStream(path: string): {
  write(text: string): Promise<void>;
  end(): Promise<void>;
  stream: WriteStream;
} {
  const stream = createWriteStream(path, { mode: 0o600 });
  return {
    stream,
    async write(text) {
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async end() {
      stream.end();
      await once(stream, 'close');
    },
  };
}
