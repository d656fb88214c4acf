import { csvSafeRecord } from '../../../core/csv-safe.ts';
import { openFileStream, type ExportWriter, type WriterOptions } from './writer.ts';

/** The byte-order mark Excel needs to read a CSV file as UTF-8 (accents otherwise turn into "Ã©"). */
const BOM = '\uFEFF';

/** The file's start: the BOM and the header row of the chosen columns. */
export const csvHeader = (fields: readonly string[]): string => BOM + csvSafeRecord(fields, '\r\n');

/**
 * CSV in UTF-8 with a BOM, CRLF line ends, one header row of Clientela's column names. Takes the
 * records as readExportCsv gives them (every cell guarded against formula injection, csv-safe.ts);
 * a page is one write that waits for the disk (backpressure), so memory holds a page of text.
 */
export function openCsvWriter({ path, fields }: WriterOptions): ExportWriter<string> {
  const file = openFileStream(path);
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await file.write(csvHeader(fields));
  };
  return {
    async writePage(records) {
      await start();
      await file.write(records.join(''));
    },
    async close() {
      await start();
      await file.end();
    },
    async abort() {
      await file.end();
    },
  };
}
