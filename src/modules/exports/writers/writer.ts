import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { ExportGuest, ExportLookups } from '../export-record.ts';
import type { ExportColumn } from '../export.schemas.ts';

/** Writes one export file: a page of guests at a time, then closes it (answers the file's size in bytes). */
export interface ExportWriter {
  writePage(guests: ExportGuest[]): Promise<void>;
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
