import { sql } from 'kysely';
import type { TenantDb } from '../../db/database.ts';

/**
 * The default groups (issue 11 point 22): Visitor (no booking yet), Guest (booked without a customer
 * account), Customer (has an open account), decided by the SQL function `guest_with_system_group`
 * (migration 2026-12-03-0602) — the one rule, also used by the insert trigger and the backfill.
 */

/** The group ids of the guest row `g` with its default group put right, unless staff chose it by hand. */
export function systemGroupIdsOf() {
  return sql<string[]>`case when g.system_group_manual then g.group_ids
    else guest_with_system_group(g.org_id, g.id, g.group_ids) end`;
}

/**
 * Puts the default group of these guests right (after a booking, an account or a merge changed
 * them), in the caller's transaction; guests whose group staff chose by hand keep it.
 */
export async function refreshGuestSystemGroups(trx: TenantDb, guestIds: string[]): Promise<void> {
  if (!guestIds.length) return;
  await trx
    .updateTable('guest as g')
    .set({ groupIds: systemGroupIdsOf() })
    .where('g.id', 'in', [...new Set(guestIds)])
    .where('g.systemGroupManual', '=', false)
    .where(sql<boolean>`g.group_ids is distinct from guest_with_system_group(g.org_id, g.id, g.group_ids)`)
    .execute();
}

/** The ids of the organisation's default groups. */
export async function findSystemGroupIds(db: TenantDb): Promise<Set<string>> {
  const rows = await db.selectFrom('guestGroup').select('id').where('systemKind', 'is not', null).execute();
  return new Set(rows.map((r) => r.id));
}

/** True when a staff edit changes which default group a guest is in (a choice by hand, kept from then on). */
export function changesSystemGroup(system: Set<string>, before: string[], after: string[]): boolean {
  const pick = (ids: string[]) =>
    ids
      .filter((id) => system.has(id))
      .sort()
      .join();
  return pick(before) !== pick(after);
}

/** Adding one default group by hand replaces the other default groups (a guest is in one of them). */
export function withOnlyAddedSystemGroup(system: Set<string>, ids: string[], added: string[]): string[] {
  const chosen = added.filter((id) => system.has(id)).at(-1);
  return chosen ? ids.filter((id) => !system.has(id) || id === chosen) : ids;
}
