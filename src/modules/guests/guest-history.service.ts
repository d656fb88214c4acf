import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { insertJsonRows } from '../../db/json-rows.ts';
import type { GuestHistoryEntry } from './guest.schemas.ts';
import { fieldValueFor } from './personal-data.ts';

/** One changed field: API field name and its whole old and new value (lists as whole lists). */
export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

/** The acting staff member's or API key's name, kept on the history row so it outlives them. */
export async function findActorName(ctx: Ctx, db: TenantDb = ctx.db): Promise<string | null> {
  const { actorType, actorId } = ctx.actor;
  if (!actorId) return null;
  if (actorType === 'staff') {
    const row = await db.selectFrom('staffUser').select('name').where('id', '=', actorId).executeTakeFirst();
    return row?.name ?? null;
  }
  if (actorType === 'api_key') {
    const row = await db.selectFrom('apiKey').select('name').where('id', '=', actorId).executeTakeFirst();
    return row?.name ?? null;
  }
  if (actorType === 'customer') {
    // The customer changing their own details in the customer area: shown by their username.
    const row = await db.selectFrom('customerAccount').select('username').where('id', '=', actorId).executeTakeFirst();
    return row?.username ?? null;
  }
  return null;
}

/**
 * `findActorName` as a scalar subquery, for a write that records history in the same statement
 * (null when the actor has no id).
 */
export function actorNameQuery(ctx: Ctx, db: TenantDb) {
  const { actorType, actorId } = ctx.actor;
  if (!actorId) return null;
  if (actorType === 'staff') return db.selectFrom('staffUser').select('name').where('id', '=', actorId);
  if (actorType === 'api_key') return db.selectFrom('apiKey').select('name').where('id', '=', actorId);
  if (actorType === 'customer')
    return db.selectFrom('customerAccount').select('username as name').where('id', '=', actorId);
  return null;
}

/** Writes one history row per changed field (G-9), in the caller's transaction. */
export async function recordGuestChanges(
  ctx: Ctx,
  trx: TenantDb,
  guestIds: string | string[],
  changes: FieldChange[] | ((guestId: string) => FieldChange[]),
  at: Date,
): Promise<void> {
  const rows = guestHistoryRows(ctx, guestIds, changes, at, await findActorName(ctx, trx));
  // One JSON parameter per chunk, not one per cell (an import writes thousands at once).
  for (let i = 0; i < rows.length; i += 5000)
    await insertJsonRows('guest_history', rows.slice(i, i + 5000), { jsonb: ['oldValue', 'newValue'] }).execute(trx);
}

/** The history rows of one write: one per guest and changed field. */
export function guestHistoryRows<Name>(
  ctx: Ctx,
  guestIds: string | string[],
  changes: FieldChange[] | ((guestId: string) => FieldChange[]),
  at: Date,
  actorName: Name,
) {
  const ids = Array.isArray(guestIds) ? guestIds : [guestIds];
  return ids.flatMap((guestId) =>
    (typeof changes === 'function' ? changes(guestId) : changes).map((c, i) => ({
      orgId: ctx.orgId,
      // Rows of one write share `at`; ids ordered by position keep "newest first" stable within it.
      id: newId('hst', at.getTime() + i),
      guestId,
      actorType: ctx.actor.actorType,
      actorId: ctx.actor.actorId,
      actorName,
      field: c.field,
      oldValue: JSON.stringify(c.oldValue ?? null),
      newValue: JSON.stringify(c.newValue ?? null),
      requestId: ctx.requestId,
      createdAt: at,
    })),
  );
}

/** Compares old and new values field by field; lists and objects compare by content. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  return Object.keys(after)
    .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
    .map((field) => ({ field, oldValue: before[field] ?? null, newValue: after[field] ?? null }));
}

/** A guest's history, newest first, with a keyset cursor. */
export async function listGuestHistory(
  ctx: Ctx,
  guestId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: GuestHistoryEntry[]; nextCursor: string | null }> {
  const guest = await ctx.db.selectFrom('guest').select('id').where('id', '=', guestId).executeTakeFirst();
  if (!guest) throw notFound('Guest');
  let q = ctx.db.selectFrom('guestHistory').selectAll().where('guestId', '=', guestId);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 'history', ['timestamp', 'string']);
    const c = { at: new Date(at), id };
    q = q.where((eb) => eb.or([eb('createdAt', '<', c.at), eb.and([eb('createdAt', '=', c.at), eb('id', '<', c.id)])]));
  }
  const rows = await q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      actor: { type: r.actorType, id: r.actorId, name: r.actorName },
      field: r.field,
      oldValue: fieldValueFor(ctx, r.field, r.oldValue),
      newValue: fieldValueFor(ctx, r.field, r.newValue),
    })),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor('history', [last.createdAt.toISOString(), last.id]) : null,
  };
}
