import { sql } from 'kysely';
import { conflict, type AppError } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';

/** A booking that stops a guest from being deleted. */
export interface UpcomingBooking {
  id: string;
  reference: string;
  checkIn: string;
  checkOut: string;
  status: string;
  propertyName: string;
}

/**
 * A booking `b` of property `p` the hotel still has to honour: in house, or confirmed and not yet
 * over in the property's time zone. Blocks erasing its guest (staff, the guest, retention).
 */
export const STAY_STILL_OWED = sql<boolean>`(b.status = 'in_house' or (b.status = 'confirmed' and b.check_out >= (now() at time zone p.timezone)::date))`;

/**
 * The guest's bookings (as customer or in the party) that are in house, or confirmed and not yet
 * over in the property's time zone: the stays a hotel still has to honour.
 */
export async function findUpcomingBookings(trx: TenantDb, guestId: string): Promise<UpcomingBooking[]> {
  return trx
    .selectFrom('booking as b')
    .innerJoin('property as p', (j) => j.onRef('p.orgId', '=', 'b.orgId').onRef('p.id', '=', 'b.propertyId'))
    .select(['b.id', 'b.reference', 'b.checkIn', 'b.checkOut', 'b.status', 'p.name as propertyName'])
    .where((eb) =>
      eb.or([
        eb('b.customerId', '=', guestId),
        eb('b.id', 'in', eb.selectFrom('bookingGuest').select('bookingId').where('guestId', '=', guestId)),
      ]),
    )
    .where(STAY_STILL_OWED)
    .orderBy('b.checkIn')
    .limit(50)
    .execute();
}

/**
 * 409 guest_has_upcoming_bookings: one detail per booking, `field` = `bookings.<id>` (the UI links
 * it), `code` = `upcoming_booking`, `message` = "reference · check-in → check-out · property".
 */
export function guestHasUpcomingBookings(bookings: UpcomingBooking[]): AppError {
  return conflict(
    'guest_has_upcoming_bookings',
    'This guest has upcoming or in-house bookings: cancel or complete them before deleting the profile',
    bookings.map((b) => ({
      field: `bookings.${b.id}`,
      code: 'upcoming_booking',
      message: `${b.reference} · ${b.checkIn} → ${b.checkOut} · ${b.propertyName}`,
    })),
  );
}
