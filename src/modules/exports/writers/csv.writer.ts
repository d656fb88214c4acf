import { stringifyCsvSafe } from '../../../core/csv-safe.ts';
import { cellsOf } from '../export-record.ts';
import { openFileStream, type ExportWriter, type WriterOptions } from './writer.ts';

/** The byte-order mark Excel needs to read a CSV file as UTF-8 (accents otherwise turn into "Ã©"). */
const BOM = '\uFEFF';

/**
 * CSV in UTF-8 with a BOM, CRLF line ends, one header row of Clientela's column names; every cell
 * guarded against formula injection (csv-safe.ts, through csv-stringify).
 */
export function openCsvWriter({ path, fields, lookups }: WriterOptions): ExportWriter {
  const file = openFileStream(path);
  const options = { record_delimiter: 'windows' as const };
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await file.write(BOM + stringifyCsvSafe([[...fields]], options));
  };
  return {
    async writePage(guests) {
      await start();
      await file.write(
        stringifyCsvSafe(
          guests.map((g) => cellsOf(g, lookups, fields)),
          options,
        ),
      );
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
