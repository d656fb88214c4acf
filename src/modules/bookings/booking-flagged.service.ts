import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor as decodeTuple, encodeCursor as encodeTuple } from '../../core/cursor.ts';
import type { BookingRow } from '../../db/schema.ts';

/** Bookings made for a blocked guest (G-11), newest first, with a keyset cursor. */
export async function listFlaggedBookings(
  ctx: Ctx,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ rows: BookingRow[]; nextCursor: string | null }> {
  // created_at has microseconds but a JS Date only milliseconds: page on the millisecond, then the id.
  const at = sql<Date>`date_trunc('milliseconds', created_at)`;
  let q = ctx.db.selectFrom('booking').selectAll().where('blockedGuest', '=', true);
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    q = q.where((eb) => eb.or([eb(at, '<', c.at), eb.and([eb(at, '=', c.at), eb('id', '<', c.id)])]));
  }
  const rows = await q
    .orderBy(at, 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

const encodeCursor = (at: Date, id: string) => encodeTuple('flagged-bookings', [at.toISOString(), id]);

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = decodeTuple(cursor, 'flagged-bookings', ['timestamp', 'string']);
  return { at: new Date(at), id };
}
