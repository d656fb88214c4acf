import { sql } from 'kysely';
import { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { findUpcomingBookings } from './guest-delete.ts';

export const ErasurePreviewSchema = z
  .object({
    guestId: z.string(),
    emails: z.number().int(),
    phones: z.number().int(),
    addresses: z.number().int(),
    documents: z.number().int(),
    notes: z.number().int(),
    historyEntries: z.number().int(),
    /** Past bookings that stay (dates, room, amounts, channel) with the guest shown as `*****`. */
    bookingsKept: z.number().int(),
    /** E-mails to the guest in the mail log. */
    mailLog: z.number().int(),
    customerAccount: z.boolean(),
    /** Merges this profile took part in (as survivor or merged away). */
    merges: z.number().int(),
    /** Bookings that block the erasure until the guest is replaced on them or they are cancelled. */
    upcomingBookings: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        checkIn: z.string(),
        checkOut: z.string(),
        status: z.string(),
        propertyName: z.string(),
      }),
    ),
  })
  .meta({ id: 'ErasurePreview' });
export type ErasurePreview = z.infer<typeof ErasurePreviewSchema>;

const n = (v: string | number | bigint | null | undefined) => Number(v ?? 0);

/**
 * What erasing a guest would remove and keep (issue 12, P-1), read-only: counts only, no personal
 * data, so the confirmation can name what goes; the upcoming bookings that refuse it.
 */
export async function previewGuestErasure(ctx: Ctx, id: string): Promise<ErasurePreview> {
  const db = ctx.db;
  const counts = await db
    .selectFrom('guest as g')
    .select([
      sql<number>`(select count(*) from guest_email e where e.org_id = g.org_id and e.guest_id = g.id)`.as('emails'),
      sql<number>`(select count(*) from guest_phone p where p.org_id = g.org_id and p.guest_id = g.id)`.as('phones'),
      sql<number>`(select count(*) from guest_address a where a.org_id = g.org_id and a.guest_id = g.id)`.as(
        'addresses',
      ),
      sql<number>`case when g.document_number is not null or g.document_type is not null then 1 else 0 end`.as(
        'documents',
      ),
      sql<number>`(select count(*) from guest_note x where x.org_id = g.org_id and x.guest_id = g.id)`.as('notes'),
      sql<number>`(select count(*) from guest_history h where h.org_id = g.org_id and h.guest_id = g.id)`.as(
        'historyEntries',
      ),
      sql<number>`(select count(*) from booking b where b.org_id = g.org_id and (b.customer_id = g.id
        or exists (select 1 from booking_guest bg where bg.org_id = b.org_id and bg.booking_id = b.id and bg.guest_id = g.id)))`.as(
        'bookings',
      ),
      sql<number>`(select count(*) from email_message m where m.org_id = g.org_id and m.guest_id = g.id)`.as('mailLog'),
      sql<boolean>`exists (select 1 from customer_account c where c.org_id = g.org_id and c.guest_id = g.id)`.as(
        'customerAccount',
      ),
      sql<number>`(select count(*) from guest_merge gm where gm.org_id = g.org_id and (gm.survivor_id = g.id or g.id = any(gm.merged_ids)))`.as(
        'merges',
      ),
    ])
    .where('g.id', '=', id)
    .executeTakeFirst();
  if (!counts) throw notFound('Guest');
  const upcoming = await findUpcomingBookings(db, id);
  return {
    guestId: id,
    emails: n(counts.emails),
    phones: n(counts.phones),
    addresses: n(counts.addresses),
    documents: n(counts.documents),
    notes: n(counts.notes),
    historyEntries: n(counts.historyEntries),
    bookingsKept: Math.max(0, n(counts.bookings) - upcoming.length),
    mailLog: n(counts.mailLog),
    customerAccount: Boolean(counts.customerAccount),
    merges: n(counts.merges),
    upcomingBookings: upcoming,
  };
}
