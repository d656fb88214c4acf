import { invalid } from './errors.ts';

/**
 * The kinds of value a keyset cursor carries: `string` (an id or a sort key, ≤ 500 characters),
 * `int` (a PostgreSQL integer), `number` (a finite number), `timestamp` (an ISO instant
 * `YYYY-MM-DDTHH:MM:SS.sssZ` between the years 1 and 9999, as `toISOString` makes it) and `date`
 * (a real `YYYY-MM-DD` between the years 1 and 9999).
 */
export type CursorField = 'string' | 'int' | 'number' | 'timestamp' | 'date';

type ValueOf<F extends CursorField> = F extends 'int' | 'number' ? number : string;
type Values<F extends readonly CursorField[]> = { -readonly [K in keyof F]: ValueOf<F[K]> };

/** Opaque keyset cursors: base64url JSON that names the ordering it belongs to. */
export function encodeCursor(kind: string, values: (string | number)[]): string {
  return Buffer.from(JSON.stringify({ k: kind, v: values })).toString('base64url');
}

/**
 * Decodes a cursor made for `kind` whose values are of the given kinds (or, with a number, of any
 * kind); a foreign, damaged or crafted cursor (a huge number, an impossible date) is a 400
 * `invalid_cursor`, never a database error.
 */
export function decodeCursor<const F extends readonly CursorField[]>(
  cursor: string,
  kind: string,
  fields: F,
): Values<F>;
export function decodeCursor(cursor: string, kind: string, arity: number): (string | number)[];
export function decodeCursor(cursor: string, kind: string, shape: readonly CursorField[] | number): unknown[] {
  const fields: readonly (CursorField | undefined)[] = typeof shape === 'number' ? Array<undefined>(shape) : shape;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { k?: unknown; v?: unknown };
    const v = parsed.v;
    if (parsed.k === kind && Array.isArray(v) && v.length === fields.length && v.every((x, i) => isValid(x, fields[i])))
      return v as unknown[];
  } catch {
    // fall through
  }
  throw invalid('invalid_cursor', 'The cursor is not valid for this list', [
    { field: 'cursor', message: 'not a cursor of this list and sort order' },
  ]);
}

const TIMESTAMP = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const DATE = /^(\d{4})-\d{2}-\d{2}$/;

function isValid(x: unknown, field: CursorField | undefined): boolean {
  switch (field) {
    case 'string':
      return isSafeString(x);
    case 'int':
      return Number.isInteger(x) && Math.abs(x as number) <= 2_147_483_647;
    case 'number':
      return typeof x === 'number' && Number.isFinite(x);
    case 'timestamp':
      return typeof x === 'string' && isRealInstant(x, TIMESTAMP);
    case 'date':
      return typeof x === 'string' && isRealInstant(`${x}T00:00:00.000Z`, TIMESTAMP) && DATE.test(x);
    case undefined:
      return isSafeString(x) || (typeof x === 'number' && Number.isFinite(x));
  }
}

const isSafeString = (x: unknown) => typeof x === 'string' && x.length <= 500 && !x.includes('\0');

/** Matches the pattern, is in years 1–9999, and names a real instant (no 31 February, no 25:00). */
function isRealInstant(s: string, pattern: RegExp): boolean {
  const m = pattern.exec(s);
  if (!m || Number(m[1]) < 1) return false;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return false;
  // Round-trip: JavaScript rolls 2026-02-31 over to 3 March; the cursor's text must be the instant's own.
  const iso = d.toISOString();
  return iso.slice(0, 19) === s.slice(0, 19);
}
