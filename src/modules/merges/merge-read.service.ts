import { sql, type Selectable } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import type { GuestMergeTable } from '../../db/schema.ts';
import type { ListMergesInput, Merge } from './merge.schemas.ts';

type MergeRow = Selectable<GuestMergeTable>;
const COLUMNS = [
  'id',
  'survivorId',
  'mergedIds',
  'mergedNames',
  'choices',
  'createdAt',
  'createdByType',
  'createdById',
  'createdByName',
  'undoneAt',
  'undoneByType',
  'undoneById',
  'undoneByName',
] as const;

/** A merge record as the API shows it (never its snapshot: it holds personal data of the merged profiles). */
export function presentMerge(r: Pick<MergeRow, (typeof COLUMNS)[number]>): Merge {
  return {
    id: r.id,
    survivorId: r.survivorId,
    mergedIds: r.mergedIds,
    mergedNames: r.mergedNames,
    choices: r.choices,
    createdAt: r.createdAt.toISOString(),
    createdBy: { type: r.createdByType, id: r.createdById, name: r.createdByName },
    undoneAt: r.undoneAt?.toISOString() ?? null,
    undoneBy: r.undoneAt ? { type: r.undoneByType ?? 'system', id: r.undoneById, name: r.undoneByName } : null,
  };
}

/** One merge; 404 when it does not exist in this organisation. */
export async function getMerge(ctx: Ctx, id: string, db: TenantDb = ctx.db): Promise<Merge> {
  const row = await db.selectFrom('guestMerge').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Merge');
  return presentMerge(row);
}

/** Merges, newest first, optionally those a guest took part in (as survivor or merged away). */
export async function listMerges(
  ctx: Ctx,
  query: ListMergesInput,
): Promise<{ items: Merge[]; nextCursor: string | null }> {
  let q = ctx.db.selectFrom('guestMerge').select(COLUMNS);
  if (query.guestId) {
    const id = query.guestId;
    q = q.where((eb) => eb.or([eb('survivorId', '=', id), sql<boolean>`${id} = any(merged_ids)`]));
  }
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 'merges', ['timestamp', 'string']);
    const c = new Date(at);
    q = q.where((eb) => eb.or([eb('createdAt', '<', c), eb.and([eb('createdAt', '=', c), eb('id', '<', id)])]));
  }
  const rows = await q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentMerge),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor('merges', [last.createdAt.toISOString(), last.id]) : null,
  };
}
