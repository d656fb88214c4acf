import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvSafeCell, stringifyCsvSafe } from './csv-safe.ts';

describe('CSV formula guard', () => {
  it('puts a single quote before cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+34 600 123 456', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x")'])
      expect(csvSafeCell(cell)).toBe(`'${cell}`);
  });

  it('leaves ordinary text and numbers alone', () => {
    for (const cell of ['Ana', 'rec-1', 'a=b', ' =x', '', 'gst_01']) expect(csvSafeCell(cell)).toBe(cell);
    expect(csvSafeCell(-3)).toBe(-3);
  });

  it('writes a file whose cells read back as text, phones still readable', () => {
    const text = stringifyCsvSafe(
      [
        ['=cmd|"/c calc"!A1', '+34 600 123 456'],
        ['Ana', 'p1'],
      ],
      { header: true, columns: ['record_id', 'profile_id'] },
    );
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(rows).toEqual([
      { record_id: `'=cmd|"/c calc"!A1`, profile_id: "'+34 600 123 456" },
      { record_id: 'Ana', profile_id: 'p1' },
    ]);
  });
});
