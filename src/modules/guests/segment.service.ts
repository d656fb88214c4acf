import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { GuestFilters, type GuestFilterInput, type Segment } from './guest-list.schemas.ts';

type SegmentRow = { id: string; name: string; filters: unknown; createdAt: Date; updatedAt: Date };

function present(row: SegmentRow): Segment {
  const parsed = GuestFilters.safeParse(row.filters);
  return {
    id: row.id,
    name: row.name,
    filters: parsed.success ? dropUndefined(parsed.data) : {},
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function dropUndefined(f: GuestFilterInput): GuestFilterInput {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
}

const COLUMNS = ['id', 'name', 'filters', 'createdAt', 'updatedAt'] as const;

/** Saved segments, by name. */
export async function listSegments(ctx: Ctx): Promise<Segment[]> {
  const rows = await ctx.db.selectFrom('segment').select(COLUMNS).orderBy('name').orderBy('id').execute();
  return rows.map(present);
}

/** One saved segment (404 when unknown in this organisation). */
export async function getSegment(ctx: Ctx, id: string): Promise<Segment> {
  const row = await ctx.db.selectFrom('segment').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Segment');
  return present(row);
}

/** The filters of a segment, for `GET /guests?segmentId=` (400 naming `segmentId` when unknown). */
export async function getSegmentFilters(ctx: Ctx, id: string): Promise<GuestFilterInput> {
  const row = await ctx.db.selectFrom('segment').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw invalid('unknown_segment', 'No such segment', [{ field: 'segmentId', message: 'no such segment' }]);
  return present(row).filters as GuestFilterInput;
}

/** Saves a named segment (409 `segment_name_taken` for a duplicate name). */
export async function createSegment(ctx: Ctx, input: { name: string; filters: GuestFilterInput }): Promise<Segment> {
  const id = newId('seg');
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    await assertNameFree(trx, input.name);
    await trx
      .insertInto('segment')
      .values({
        orgId: ctx.orgId,
        id,
        name: input.name,
        filters: JSON.stringify(dropUndefined(input.filters)),
        createdBy: ctx.actor.actorId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await recordAudit(ctx, 'segment.create', { type: 'segment', id }, { name: input.name }, trx);
  });
  return getSegment(ctx, id);
}

/** Renames a segment and/or replaces its filters. */
export async function updateSegment(
  ctx: Ctx,
  id: string,
  input: { name?: string | undefined; filters?: GuestFilterInput | undefined },
): Promise<Segment> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('segment').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Segment');
    if (input.name !== undefined) await assertNameFree(trx, input.name, id);
    await trx
      .updateTable('segment')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.filters !== undefined ? { filters: JSON.stringify(dropUndefined(input.filters)) } : {}),
        updatedAt: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(ctx, 'segment.update', { type: 'segment', id }, { name: input.name }, trx);
  });
  return getSegment(ctx, id);
}

/** Deletes a segment. */
export async function deleteSegment(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('segment').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('Segment');
    await recordAudit(ctx, 'segment.delete', { type: 'segment', id }, {}, trx);
  });
}

async function assertNameFree(trx: Ctx['db'], name: string, exceptId?: string): Promise<void> {
  const clash = await trx
    .selectFrom('segment')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .$if(exceptId !== undefined, (qb) => qb.where('id', '<>', exceptId ?? ''))
    .executeTakeFirst();
  if (clash)
    throw conflict('segment_name_taken', 'A segment with this name already exists', [
      { field: 'name', message: 'already used' },
    ]);
}
