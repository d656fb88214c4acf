import { describe, expect, it } from 'vitest';
import { type ScannedBatch, scanBatches } from './import-scan.ts';
import { type ImportField, type TableRow, genericFormat } from './reading/index.ts';

const headers = ['First name', 'Last name', 'Email', 'Booking'];
const fields: ImportField[] = ['givenName', 'familyName', 'email', 'bookingReference'];

async function* rowsOf(cells: string[][]): AsyncIterable<TableRow> {
  let record = 0;
  for (const row of cells) {
    record += 1;
    yield { record, line: record + 1, cells: row };
  }
}

async function scan(cells: string[][], batchSize: number, after = 0): Promise<ScannedBatch[]> {
  const out: ScannedBatch[] = [];
  for await (const batch of scanBatches(rowsOf(cells), {
    headers,
    fields,
    readOptions: { format: genericFormat },
    after,
    batchSize,
  }))
    out.push(batch);
  return out;
}

describe('scanning an import file into batches', () => {
  const file = [
    ['Ana', 'Ruiz', 'ana@example.com', ''],
    ['Bea', 'Sanz', 'not-an-email', ''],
    ['Carl', 'Diaz', 'carl@example.com', 'B1'],
    ['Carl', 'Diaz', 'carl@example.com', 'B1'],
    ['Carl', 'Diaz', 'carl@example.com', 'B1'],
    ['Dani', 'Gil', 'dani@example.com', ''],
    ['', '', '', ''],
  ];

  it('keeps a booking group whole, and checkpoints cover every record before the next batch', async () => {
    const batches = await scan(file, 2);
    expect(batches.map((b) => [b.checkpoint, b.records, b.items.length, b.rejected.map((r) => r.record)])).toEqual([
      [5, 5, 2, [2]],
      [7, 2, 1, [7]],
    ]);
    const group = batches[0]?.items[1];
    expect(group && 'records' in group ? group.records.map((r) => r.record) : []).toEqual([3, 4, 5]);
    expect(batches[0]?.rejected[0]).toMatchObject({
      problems: [{ field: 'email', code: 'invalid_email' }],
      cells: file[1],
    });
  });

  it('resumes after a checkpoint without reading the committed records again', async () => {
    const batches = await scan(file, 2, 5);
    expect(batches.map((b) => [b.checkpoint, b.records])).toEqual([[7, 2]]);
    expect(batches[0]?.items.map((i) => ('record' in i ? i.record : -1))).toEqual([6]);
  });
});
