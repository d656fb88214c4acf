import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { findActorName, type FieldChange } from '../guests/index.ts';

/** One history row per changed field of a company (G-9: who, when, old → new), in the caller's transaction. */
export async function recordCompanyChanges(
  ctx: Ctx,
  trx: TenantDb,
  companyId: string,
  changes: FieldChange[],
): Promise<void> {
  if (!changes.length) return;
  const at = new Date();
  const actorName = await findActorName(ctx, trx);
  await trx
    .insertInto('companyHistory')
    .values(
      changes.map((c, i) => ({
        orgId: ctx.orgId,
        id: newId('chs', at.getTime() + i),
        companyId,
        field: c.field,
        oldValue: JSON.stringify(c.oldValue ?? null),
        newValue: JSON.stringify(c.newValue ?? null),
        actorType: ctx.actor.actorType,
        actorId: ctx.actor.actorId,
        actorName,
        requestId: ctx.requestId,
        at,
      })),
    )
    .execute();
}

/** A company's history, newest first, by pages. */
export async function listCompanyHistory(
  ctx: Ctx,
  companyId: string,
  query: { limit: number; cursor?: string | undefined },
) {
  let q = ctx.db.selectFrom('companyHistory').selectAll().where('companyId', '=', companyId);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 'company-history', ['timestamp', 'string']);
    q = q.where((eb) => eb.or([eb('at', '<', new Date(at)), eb.and([eb('at', '=', new Date(at)), eb('id', '<', id)])]));
  }
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      field: r.field,
      oldValue: r.oldValue,
      newValue: r.newValue,
      actor: { type: r.actorType, id: r.actorId, name: r.actorName },
      at: new Date(r.at).toISOString(),
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor('company-history', [new Date(last.at).toISOString(), last.id])
        : null,
  };
}
