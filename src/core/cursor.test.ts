import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type CursorField } from './cursor.ts';

const refused = (cursor: string, fields: readonly CursorField[] | number) => {
  try {
    if (typeof fields === 'number') decodeCursor(cursor, 'list', fields);
    else decodeCursor(cursor, 'list', fields);
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'accepted';
};

describe('keyset cursors', () => {
  it('round-trips the values a list writes', () => {
    const at = new Date('2026-12-03T10:11:12.345Z').toISOString();
    expect(decodeCursor(encodeCursor('list', [at, 'gst_1']), 'list', ['timestamp', 'string'])).toEqual([at, 'gst_1']);
    expect(decodeCursor(encodeCursor('list', ['2026-02-28', 'bkg_1']), 'list', ['date', 'string'])).toEqual([
      '2026-02-28',
      'bkg_1',
    ]);
    expect(decodeCursor(encodeCursor('list', [3, 'a', 'b']), 'list', ['int', 'string', 'string'])).toEqual([
      3,
      'a',
      'b',
    ]);
    expect(decodeCursor(encodeCursor('list', [0.75, 'a', 'b']), 'list', ['number', 'string', 'string'])).toEqual([
      0.75,
      'a',
      'b',
    ]);
  });

  it('refuses huge integers, impossible and out-of-range dates, wrong types and foreign lists as invalid_cursor', () => {
    const c = (v: unknown[], k = 'list') => Buffer.from(JSON.stringify({ k, v })).toString('base64url');
    expect(refused(c([1e20, 'x']), ['int', 'string'])).toBe('invalid_cursor');
    expect(refused(c([2147483648, 'x']), ['int', 'string'])).toBe('invalid_cursor');
    expect(refused(c([1.5, 'x']), ['int', 'string'])).toBe('invalid_cursor');
    expect(refused(c(['2024-02-30T00:00:00.000Z', 'x']), ['timestamp', 'string'])).toBe('invalid_cursor');
    expect(refused(c(['+275760-09-13T00:00:00.000Z', 'x']), ['timestamp', 'string'])).toBe('invalid_cursor');
    expect(refused(c(['0000-01-01T00:00:00.000Z', 'x']), ['timestamp', 'string'])).toBe('invalid_cursor');
    expect(refused(c([1e308, 'x']), ['timestamp', 'string'])).toBe('invalid_cursor');
    expect(refused(c(['not a date', 'x']), ['timestamp', 'string'])).toBe('invalid_cursor');
    expect(refused(c(['2024-13-01', 'x']), ['date', 'string'])).toBe('invalid_cursor');
    expect(refused(c(['2023-02-29', 'x']), ['date', 'string'])).toBe('invalid_cursor');
    expect(refused(c(['a\u0000b', 'x']), ['string', 'string'])).toBe('invalid_cursor');
    expect(refused(c([{}, 'x']), ['string', 'string'])).toBe('invalid_cursor');
    expect(refused(c(['a', 'b']), ['string', 'string', 'string'])).toBe('invalid_cursor');
    expect(refused(c(['a', 'b'], 'other'), ['string', 'string'])).toBe('invalid_cursor');
    expect(refused('garbage', ['string'])).toBe('invalid_cursor');
    expect(refused(c([1e308, 'x']), 2)).toBe('accepted'); // the untyped form still takes any finite number
  });
});
