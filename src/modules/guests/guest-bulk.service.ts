import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import { changesSystemGroup, findSystemGroupIds, withOnlyAddedSystemGroup } from './guest-system-groups.ts';
import { findExistingGroupIds, findTagNames, findTagsByNames } from '../guest-catalog/index.ts';
import { recordGuestChanges, type FieldChange } from './guest-history.service.ts';
import { MAX_TAGS } from './guest-profile-lists.ts';

type Refusal = { guestId: string; reason: 'too_many_tags' | 'not_found' };

async function tagIdsByName(db: TenantDb, names: string[] | undefined, field: 'add' | 'remove'): Promise<string[]> {
  const wanted = [...new Set((names ?? []).map((n) => n.toLowerCase()))];
  const found = await findTagsByNames(db, wanted);
  const missing = wanted.filter((n) => !found.some((t) => t.name.toLowerCase() === n));
  if (missing.length) {
    throw invalid(
      'unknown_tag',
      'A tag does not exist in the tag catalog',
      missing.map((n) => ({ field, message: `the tag "${n}" does not exist`, code: 'unknown_tag' })),
    );
  }
  return wanted.map((n) => found.find((t) => t.name.toLowerCase() === n)!.id);
}

/** Applies the new id lists in one statement (no per-guest round trips for up to 1000 guests). */
async function storeIdLists(
  ctx: Ctx,
  trx: TenantDb,
  column: 'tag_ids' | 'group_ids',
  lists: { id: string; ids: string[] }[],
  now: Date,
): Promise<void> {
  if (lists.length === 0) return;
  await sql`
    update guest g set ${sql.raw(column)} = x.ids, updated_at = ${now}
    from jsonb_to_recordset(${JSON.stringify(lists)}::jsonb) as x(id text, ids text[])
    where g.org_id = ${ctx.orgId} and g.id = x.id
  `.execute(trx);
}

/** The next list: current minus `remove`, then `add` appended where missing (order kept). */
const applyAddRemove = (current: string[], add: string[], remove: string[]) => {
  const kept = current.filter((id) => !remove.includes(id));
  return [...kept, ...add.filter((id) => !kept.includes(id))];
};

/**
 * Adds and removes tags on up to 1000 guests; a guest that would get a tenth tag is refused
 * (and left unchanged) while the others go through. History is written for each changed guest.
 */
export async function bulkTagGuests(
  ctx: Ctx,
  input: { guestIds: string[]; add?: string[] | undefined; remove?: string[] | undefined },
): Promise<{ updated: number; refused: Refusal[] }> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const add = await tagIdsByName(trx, input.add, 'add');
    const remove = await tagIdsByName(trx, input.remove, 'remove');
    const ids = [...new Set(input.guestIds)];
    const rows = await trx.selectFrom('guest').select(['id', 'tagIds']).where('id', 'in', ids).forUpdate().execute();
    const refused: Refusal[] = ids
      .filter((id) => !rows.some((r) => r.id === id))
      .map((guestId) => ({ guestId, reason: 'not_found' }));
    const changed: { id: string; before: string[]; ids: string[] }[] = [];
    for (const row of rows) {
      const next = applyAddRemove(row.tagIds, add, remove);
      if (next.length > MAX_TAGS) refused.push({ guestId: row.id, reason: 'too_many_tags' });
      else if (next.join() !== row.tagIds.join()) changed.push({ id: row.id, before: row.tagIds, ids: next });
    }
    await storeIdLists(ctx, trx, 'tag_ids', changed, now);
    const names = await findTagNames(trx, [...new Set(changed.flatMap((c) => [...c.before, ...c.ids]))]);
    const toNames = (list: string[]) => list.flatMap((id) => names.get(id) ?? []);
    const byId = new Map(changed.map((c) => [c.id, c]));
    const changeOf = (guestId: string): FieldChange[] => {
      const c = byId.get(guestId)!;
      return [{ field: 'tags', oldValue: toNames(c.before), newValue: toNames(c.ids) }];
    };
    await recordGuestChanges(ctx, trx, [...byId.keys()], changeOf, now);
    return { updated: changed.length, refused };
  });
}

/** Adds and removes group memberships on up to 1000 guests, with history for each changed guest. */
export async function bulkGroupGuests(
  ctx: Ctx,
  input: { guestIds: string[]; add?: string[] | undefined; remove?: string[] | undefined },
): Promise<{ updated: number }> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const add = [...new Set(input.add ?? [])];
    const remove = [...new Set(input.remove ?? [])];
    const existing = await findExistingGroupIds(trx, [...add, ...remove]);
    const unknown = [...add.map((id) => ['add', id]), ...remove.map((id) => ['remove', id])].filter(
      ([, id]) => !existing.has(id!),
    );
    if (unknown.length) {
      throw invalid(
        'unknown_group',
        'A group does not exist',
        unknown.map(([field, id]) => ({
          field: field!,
          message: `the group ${id} does not exist`,
          code: 'unknown_group',
        })),
      );
    }
    const rows = await trx
      .selectFrom('guest')
      .select(['id', 'groupIds'])
      .where('id', 'in', [...new Set(input.guestIds)])
      .forUpdate()
      .execute();
    const system = await findSystemGroupIds(trx);
    const changed = rows
      .map((r) => ({
        id: r.id,
        before: r.groupIds,
        ids: withOnlyAddedSystemGroup(system, applyAddRemove(r.groupIds, add, remove), add),
      }))
      .filter((c) => c.ids.join() !== c.before.join());
    await storeIdLists(ctx, trx, 'group_ids', changed, now);
    // A default group (Visitor/Guest/Customer) chosen by hand sticks: automatic assignment leaves it.
    const manual = changed.filter((c) => changesSystemGroup(system, c.before, c.ids)).map((c) => c.id);
    if (manual.length)
      await trx.updateTable('guest').set({ systemGroupManual: true }).where('id', 'in', manual).execute();
    const byId = new Map(changed.map((c) => [c.id, c]));
    await recordGuestChanges(
      ctx,
      trx,
      [...byId.keys()],
      (guestId) => [{ field: 'groupIds', oldValue: byId.get(guestId)!.before, newValue: byId.get(guestId)!.ids }],
      now,
    );
    return { updated: changed.length };
  });
}
