import type { Ctx } from '../../../core/context.ts';
import type { TenantDb } from '../../../db/database.ts';
import {
  createBookingsInTransaction,
  type CreateBookingInput,
  type ImportedBookingExtras,
} from '../../bookings/index.ts';
import { resolvePeople } from '../../identity/index.ts';
import type { ReadRecord } from '../reading/index.ts';
import type { ApplyOptions, ApplyResult } from './apply.types.ts';
import {
  bookingInput,
  bookingProblem,
  ensureRoomTypes,
  fileBookingOf,
  findImportProperty,
  type FileBooking,
} from './booking-rows.ts';

/** A booking export's booking as `applyRecords` prepared it: its rows, whether to make it, its stay guests. */
export interface BookingUnit {
  records: ReadRecord[];
  /** The booking is to be made (not in the database, not earlier in the batch). */
  newBooking: boolean;
  /** The resolver's positions of the booking's stay guests. */
  stays: number[];
}

/**
 * Makes the batch's new bookings through the bookings module, in one call: the customer and stay
 * guests by the profiles already resolved, the room type by name (created inactive when unknown),
 * past and cancelled bookings without rooms. What cannot be made is a problem on the booking's
 * first record (its customer is imported all the same).
 */
export async function applyBookings(
  ctx: Ctx,
  trx: TenantDb,
  units: BookingUnit[],
  landing: { guestId: string | undefined; created: boolean }[],
  resolved: Awaited<ReturnType<typeof resolvePeople>>,
  options: ApplyOptions,
  today: string,
  result: ApplyResult,
  problem: (record: number, field: string, code: string, message: string) => void,
): Promise<void> {
  const todo: { u: BookingUnit; customerId: string; booking: FileBooking & { checkIn: string; checkOut: string } }[] =
    [];
  for (const [k, u] of units.entries()) {
    const customerId = landing[k]!.guestId;
    if (!u.newBooking || !customerId) continue;
    const booking = fileBookingOf(
      u.records.flatMap((r) => (r.booking ? [r.booking] : [])),
      today,
    );
    const wrong = bookingProblem(booking);
    if (wrong) problem(u.records[0]!.record, 'bookingReference', wrong.code, wrong.message);
    else todo.push({ u, customerId, booking: booking as FileBooking & { checkIn: string; checkOut: string } });
  }
  if (!todo.length) return;
  const property = await findImportProperty(trx, options.propertyId);
  if (!property) {
    for (const { u } of todo)
      problem(u.records[0]!.record, 'bookingReference', 'no_property', 'No property to import the booking into.');
    return;
  }
  const roomTypes = await ensureRoomTypes(
    ctx,
    trx,
    property.id,
    todo.map((t) => t.booking.roomType),
  );
  result.roomTypesCreated.push(...roomTypes.created);
  const inputs: CreateBookingInput[] = [];
  const extras: ImportedBookingExtras[] = [];
  for (const { u, customerId, booking } of todo) {
    const rt = roomTypes.byName.get(booking.roomType.toLowerCase());
    const takesRooms =
      booking.status !== 'cancelled' &&
      booking.status !== 'no_show' &&
      booking.checkOut > today &&
      Boolean(rt?.active) &&
      (rt?.roomCount ?? 0) > 0;
    const stayIds = u.stays.flatMap((at) => {
      const r = resolved[at]!;
      return 'error' in r || r.guestId === customerId ? [] : [r.guestId];
    });
    const made = bookingInput(
      booking,
      {
        propertyId: property.id,
        customerId,
        stayIds: [...new Set(stayIds)],
        contactEmail: u.records[0]!.person.emails[0],
      },
      options.importId,
      takesRooms,
    );
    inputs.push(made.input);
    extras.push(made.extras);
  }
  const outcomes = await createBookingsInTransaction(ctx, trx, inputs, resolvePeople, extras);
  outcomes.forEach((o, i) => {
    if (o.status === 'created') result.bookings.created += 1;
    else if (o.status === 'existing') result.bookings.existing += 1;
    else if (o.status === 'failed')
      problem(
        todo[i]!.u.records[0]!.record,
        'bookingReference',
        o.error.code,
        `${o.error.message}; booking not imported.`,
      );
  });
}
