import {
  type BookingGroup,
  type ImportField,
  type ReadOptions,
  type ReadRecord,
  type TableRow,
  isUnreadable,
  readRecord,
} from './reading/index.ts';

/** One batch of a file: what goes to the apply stage, what was rejected, and the checkpoint after it. */
export interface ScannedBatch {
  items: Array<ReadRecord | BookingGroup>;
  rejected: Array<{
    record: number;
    line: number;
    problems: Array<{ field: string; code: string; message: string }>;
    cells: string[];
  }>;
  /** The cells and line of each record passed on (for records the apply stage finds invalid). */
  cells: Map<number, string[]>;
  lines: Map<number, number>;
  /** The last record this batch covers: a resumed run starts after it. */
  checkpoint: number;
  /** Records of the file this batch covers (accepted and rejected). */
  records: number;
}

export interface ScanOptions {
  headers: string[];
  fields: ImportField[];
  readOptions: ReadOptions;
  /** Records up to this number were committed already: they are parsed, not read again. */
  after: number;
  batchSize: number;
}

/**
 * Reads a file's rows into batches of about `batchSize` accepted records. Consecutive records with
 * one booking reference form one booking group (never split across batches); a batch ends just
 * before the record that would start the next one, so its checkpoint covers every record before.
 */
export async function* scanBatches(rows: AsyncIterable<TableRow>, options: ScanOptions): AsyncIterable<ScannedBatch> {
  let batch = emptyBatch(options.after);
  let group: BookingGroup | undefined;
  let last = options.after;
  let itemCount = 0;
  const flush = (checkpoint: number): ScannedBatch => {
    const done = { ...batch, checkpoint, records: checkpoint - batch.checkpoint };
    batch = emptyBatch(checkpoint);
    itemCount = 0;
    group = undefined;
    return done;
  };
  for await (const row of rows) {
    if (row.record <= options.after) continue;
    if (isUnreadable(row)) {
      batch.rejected.push({
        record: row.record,
        line: row.line,
        problems: [{ field: 'record', code: row.error.code, message: row.error.message }],
        cells: [row.raw.replace(/\0/g, '')],
      });
      last = row.record;
      continue;
    }
    const read = readRecord(row, options.headers, options.fields, options.readOptions);
    if (read.rejected) {
      batch.rejected.push({
        record: read.record,
        line: read.line,
        problems: read.problems
          .filter((p) => p.severity === 'error')
          .map((p) => ({ field: p.field, code: p.code, message: p.message })),
        cells: row.cells.map((cell) => cell.replace(/\0/g, '')),
      });
      last = read.record;
      continue;
    }
    const reference = read.booking?.reference;
    const continues = group !== undefined && reference === group.reference;
    if (!continues && (itemCount >= options.batchSize || batch.rejected.length >= options.batchSize * 4)) {
      yield flush(read.record - 1);
    }
    batch.cells.set(read.record, row.cells);
    batch.lines.set(read.record, read.line);
    if (continues && group) group.records.push(read);
    else if (reference) {
      group = { reference, records: [read] };
      batch.items.push(group);
      itemCount += 1;
    } else {
      group = undefined;
      batch.items.push(read);
      itemCount += 1;
    }
    last = read.record;
  }
  if (last > batch.checkpoint) yield flush(last);
}

function emptyBatch(checkpoint: number): ScannedBatch {
  return { items: [], rejected: [], cells: new Map(), lines: new Map(), checkpoint, records: 0 };
}
