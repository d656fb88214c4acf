import { invalid } from './errors.ts';

/** Opaque keyset cursors: base64url JSON that names the ordering it belongs to. */
export function encodeCursor(kind: string, values: (string | number)[]): string {
  return Buffer.from(JSON.stringify({ k: kind, v: values })).toString('base64url');
}

/** Decodes a cursor made for `kind`; a foreign or damaged cursor is a 400 on `cursor`. */
export function decodeCursor(cursor: string, kind: string, arity: number): (string | number)[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { k?: unknown; v?: unknown };
    const v = parsed.v;
    if (
      parsed.k === kind &&
      Array.isArray(v) &&
      v.length === arity &&
      v.every((x) => typeof x === 'string' || typeof x === 'number')
    )
      return v;
  } catch {
    // fall through
  }
  throw invalid('invalid_cursor', 'The cursor is not valid for this list', [
    { field: 'cursor', message: 'not a cursor of this list and sort order' },
  ]);
}
