import { sql, type SqlBool } from 'kysely';
import type { TenantDb } from '../../db/database.ts';

/** Texts that could be a booking reference or a connected tool's reference: one token of 4–100 characters. */
export const looksLikeReference = (q: string): boolean => /^[\w.\-/#]{4,100}$/.test(q.trim());

/**
 * The guests of the bookings whose reference or external reference is exactly `q` (any case),
 * customers first — how reception finds a guest from a confirmation e-mail or an OTA number (G-3).
 * Two unique-index lookups; the caller applies its own filters.
 */
export async function guestIdsByBookingReference(db: TenantDb, q: string): Promise<string[]> {
  const ref = q.trim().toLowerCase();
  if (!looksLikeReference(ref)) return [];
  const rows = await db
    .selectFrom('booking as b')
    .innerJoin('bookingGuest as bg', (j) => j.onRef('bg.orgId', '=', 'b.orgId').onRef('bg.bookingId', '=', 'b.id'))
    .select(['bg.guestId', 'bg.position', 'b.createdAt'])
    .where(sql<SqlBool>`lower(b.reference) = ${ref} or lower(b.external_ref) = ${ref}`)
    .orderBy('b.createdAt', 'desc')
    .orderBy('bg.position')
    .limit(50)
    .execute();
  return [...new Set(rows.map((r) => r.guestId))];
}
