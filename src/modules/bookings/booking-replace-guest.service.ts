import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, invalid, notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import type { BookingRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { findMergedGuestId, guestBookingStatsSet, lockGuestsForBooking } from '../guests/index.ts';
import type { ReplaceGuestInput } from './booking-replace-guest.schemas.ts';
import { nameRequired, type PersonResolver } from './booking.service.ts';

/** What replacing a guest on a booking did (for the audit entry and the response). */
export interface ReplaceGuestResult {
  booking: BookingRow;
  toGuestId: string;
  /** The role `from` had: the booking's customer, a stay guest, or both (customer of the party). */
  replacedCustomer: boolean;
  replacedInParty: boolean;
}

/**
 * Replaces a person on a booking (issue 12, P-1): the booking's customer and/or party row of `from`
 * go to `to` — an existing profile, or a person found or created through the identity resolver —
 * in one transaction. Dates, room, amounts and channel stay; both profiles' booking counts,
 * revenue and default group are recomputed; the audit log keeps who replaced whom (ids only).
 */
export async function replaceBookingGuest(
  ctx: Ctx,
  bookingId: string,
  input: ReplaceGuestInput,
  resolvePerson: PersonResolver,
): Promise<ReplaceGuestResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const booking = await trx
      .selectFrom('booking')
      .selectAll()
      .where('id', '=', bookingId)
      .forUpdate()
      .executeTakeFirst();
    if (!booking) throw notFound('Booking');
    if (booking.status === 'cancelled') {
      throw conflict('booking_cancelled', 'A cancelled booking keeps its guests: nothing to replace', []);
    }
    const party = await trx
      .selectFrom('bookingGuest')
      .select(['guestId', 'role', 'position'])
      .where('bookingId', '=', bookingId)
      .execute();
    const fromLink = party.find((p) => p.guestId === input.from);
    const replacedCustomer = booking.customerId === input.from;
    if (!fromLink && !replacedCustomer) {
      throw invalid('guest_not_on_booking', 'This guest is not on the booking', [
        { field: 'from', message: 'is not the customer or a guest of this booking', code: 'guest_not_on_booking' },
      ]);
    }
    const toId = await targetGuest(ctx, trx, input, booking, replacedCustomer, resolvePerson);
    if (toId === input.from) {
      throw invalid('same_guest', 'The replacement is the same guest', [
        { field: 'to', message: 'is the guest being replaced', code: 'same_guest' },
      ]);
    }
    await lockGuestsForBooking(trx, [input.from, toId]);
    const toLink = party.find((p) => p.guestId === toId);
    if (fromLink) {
      if (toLink) {
        // `to` is already on the booking: one row stays, theirs, with the customer role if either had it.
        await trx
          .deleteFrom('bookingGuest')
          .where('bookingId', '=', bookingId)
          .where('guestId', '=', input.from)
          .execute();
        if (fromLink.role === 'customer' && toLink.role !== 'customer') {
          await trx
            .updateTable('bookingGuest')
            .set({ role: 'customer', position: fromLink.position })
            .where('bookingId', '=', bookingId)
            .where('guestId', '=', toId)
            .execute();
        }
      } else {
        await trx
          .updateTable('bookingGuest')
          .set({ guestId: toId })
          .where('bookingId', '=', bookingId)
          .where('guestId', '=', input.from)
          .execute();
      }
    }
    const toEmail = replacedCustomer
      ? ((await trx.selectFrom('guest').select('email').where('id', '=', toId).executeTakeFirst())?.email ?? null)
      : undefined;
    const row = await trx
      .updateTable('booking')
      .set({
        ...(replacedCustomer
          ? // The e-mail the booking was made with was the old customer's: the new customer's replaces it
            // (it is what a verified customer account proves, and the old one's must not stay behind).
            { customerId: toId, contactEmail: toEmail ? toEmail.toLowerCase() : null }
          : {}),
        blockedGuest: sql<boolean>`exists (select 1 from guest g join booking_guest bg on bg.org_id = g.org_id and bg.guest_id = g.id
          where g.org_id = ${ctx.orgId} and bg.booking_id = ${bookingId} and g.blocked_at is not null)`,
        updatedAt: new Date(),
      })
      .where('id', '=', bookingId)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Both profiles' counts and default group, from their bookings; only `to` gains activity.
    const stats = guestBookingStatsSet();
    await trx
      .updateTable('guest as g')
      .set({ ...stats, lastActivityAt: sql<Date>`g.last_activity_at` })
      .where('g.id', '=', input.from)
      .execute();
    await trx.updateTable('guest as g').set(stats).where('g.id', '=', toId).execute();
    await recordAudit(
      ctx,
      'booking.guest_replaced',
      { type: 'booking', id: bookingId },
      {
        reference: booking.reference,
        fromGuestId: input.from,
        toGuestId: toId,
        customer: replacedCustomer,
        role: fromLink?.role ?? 'customer',
      },
      trx,
    );
    return { booking: row, toGuestId: toId, replacedCustomer, replacedInParty: Boolean(fromLink) };
  });
}

/** The profile that takes the place: an existing one (a merged-away id follows its survivor) or a resolved person. */
async function targetGuest(
  ctx: Ctx,
  trx: TenantDb,
  input: ReplaceGuestInput,
  { source, propertyId }: { source: string; propertyId: string },
  asCustomer: boolean,
  resolvePerson: PersonResolver,
): Promise<string> {
  const to = input.to;
  if ('guestId' in to) {
    const found = await trx.selectFrom('guest').select('id').where('id', '=', to.guestId).executeTakeFirst();
    if (found) return found.id;
    const survivor = await findMergedGuestId(trx, to.guestId);
    if (survivor) return survivor;
    throw notFound('Guest');
  }
  if (!to.firstName && !to.lastName) throw nameRequired('to');
  try {
    return await resolvePerson(ctx, trx, to, { source, role: asCustomer ? 'customer' : 'stay', propertyId });
  } catch (err) {
    if (err instanceof AppError && err.kind === 'invalid') {
      throw new AppError(
        err.kind,
        err.code,
        err.message,
        err.details.map((d) => ({ ...d, field: d.field ? `to.${d.field}` : 'to' })),
      );
    }
    throw err;
  }
}
