import type { Ctx } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';

/** Lists guests newest first with a keyset cursor (no OFFSET). */
export async function listGuests(ctx: Ctx, query: { limit: number; cursor?: string | undefined }) {
  let q = ctx.db.selectFrom('guest').select(['id', 'firstName', 'lastName', 'email', 'phone', 'language', 'createdAt']);
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    q = q.where((eb) => eb.or([eb('createdAt', '<', c.at), eb.and([eb('createdAt', '=', c.at), eb('id', '<', c.id)])]));
  }
  const rows = await q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const total = await ctx.db
    .selectFrom('guest')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
    total: Number(total.n),
  };
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const d = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(d.getTime())) throw new Error('bad');
    return { at: d, id };
  } catch {
    throw invalid('invalid_cursor', 'The cursor is not valid', [
      { field: 'cursor', message: 'not a cursor from this API' },
    ]);
  }
}
