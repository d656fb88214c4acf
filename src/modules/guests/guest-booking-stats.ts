import { sql } from 'kysely';
import type { TenantDb } from '../../db/database.ts';
import { systemGroupIdsOf } from './guest-system-groups.ts';

/**
 * The booking-derived fields of a guest row `g` (booking count and revenue as customer, last
 * activity, the default group Visitor/Guest/Customer), recomputed from its bookings — derived, never counted by hand. Shared by
 * `refreshGuestBookingStats` and statements that fold the refresh into a larger write.
 */
export function guestBookingStatsSet() {
  return {
    bookingCount: sql<number>`(select count(*) from booking b where b.org_id = g.org_id and b.customer_id = g.id and b.status <> 'cancelled')`,
    revenue: sql<number>`(select coalesce(sum(b.total), 0) from booking b where b.org_id = g.org_id and b.customer_id = g.id and b.status <> 'cancelled')`,
    lastActivityAt: sql<Date>`greatest(g.last_activity_at, now())`,
    groupIds: systemGroupIdsOf(),
  };
}

/**
 * Recomputes the booking-derived fields of guests from their bookings, in the caller's transaction.
 */
export async function refreshGuestBookingStats(trx: TenantDb, guestIds: string[]): Promise<void> {
  if (!guestIds.length) return;
  await trx
    .updateTable('guest as g')
    .set(guestBookingStatsSet())
    .where('g.id', 'in', [...new Set(guestIds)])
    .execute();
}

/**
 * Locks guest rows in id order before a write recounts their bookings (two writers of one guest
 * queue instead of one losing the other's count; concurrent batches queue instead of deadlocking).
 * NO KEY UPDATE, like the stats update itself. Returns the ids that exist.
 */
export async function lockGuestsForBooking(trx: TenantDb, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await trx
    .selectFrom('guest')
    .select('id')
    .where('id', 'in', [...new Set(ids)].sort())
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  return new Set(rows.map((g) => g.id));
}
