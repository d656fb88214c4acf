import type { TenantDb } from '../../db/database.ts';

type Role = 'customer' | 'stay' | 'additional';
interface Link {
  bookingId: string;
  guestId: string;
  role: Role;
  position: number;
}

/** What moving a guest's bookings to another profile changed, so it can be given back exactly. */
export interface BookingMoves {
  /** Links re-pointed to the survivor (as they were before). */
  moved: Link[];
  /** Links removed because the survivor was already on that booking (as they were). */
  dropped: Link[];
  /** The survivor's own links whose role changed (took over the customer role), as they were. */
  survivorRoles: Link[];
  /** Bookings whose customer was a merged-away guest. */
  customers: { bookingId: string; guestId: string }[];
}

/**
 * Moves the bookings of `fromIds` to `toId` (SPEC I-5 merge), in the caller's transaction: their
 * booking_guest links and the bookings they booked as customer. A booking both were on keeps one
 * link, the survivor's (customer role if either was the customer).
 */
export async function moveGuestBookings(trx: TenantDb, fromIds: string[], toId: string): Promise<BookingMoves> {
  const moves: BookingMoves = { moved: [], dropped: [], survivorRoles: [], customers: [] };
  const links = await trx
    .selectFrom('bookingGuest')
    .select(['bookingId', 'guestId', 'role', 'position'])
    .where('guestId', 'in', fromIds)
    .orderBy('bookingId')
    .orderBy('guestId')
    .execute();
  const bookingIds = [...new Set(links.map((l) => l.bookingId))];
  const own = bookingIds.length
    ? await trx
        .selectFrom('bookingGuest')
        .select(['bookingId', 'guestId', 'role', 'position'])
        .where('guestId', '=', toId)
        .where('bookingId', 'in', bookingIds)
        .execute()
    : [];
  const held = new Map<string, { role: Role; own: boolean }>(
    own.map((l) => [l.bookingId, { role: l.role, own: true }]),
  );
  for (const link of links) {
    const current = held.get(link.bookingId);
    if (!current) {
      await trx
        .updateTable('bookingGuest')
        .set({ guestId: toId })
        .where('bookingId', '=', link.bookingId)
        .where('guestId', '=', link.guestId)
        .execute();
      moves.moved.push(link);
      held.set(link.bookingId, { role: link.role, own: false });
      continue;
    }
    await trx
      .deleteFrom('bookingGuest')
      .where('bookingId', '=', link.bookingId)
      .where('guestId', '=', link.guestId)
      .execute();
    moves.dropped.push(link);
    if (link.role === 'customer' && current.role !== 'customer') {
      const before = own.find((l) => l.bookingId === link.bookingId);
      if (current.own && before && !moves.survivorRoles.some((l) => l.bookingId === link.bookingId))
        moves.survivorRoles.push(before);
      await trx
        .updateTable('bookingGuest')
        .set({ role: 'customer', position: 0 })
        .where('bookingId', '=', link.bookingId)
        .where('guestId', '=', toId)
        .execute();
      current.role = 'customer';
    }
  }
  const customers = await trx
    .selectFrom('booking')
    .select(['id as bookingId', 'customerId as guestId'])
    .where('customerId', 'in', fromIds)
    .$narrowType<{ guestId: string }>()
    .execute();
  if (customers.length)
    await trx.updateTable('booking').set({ customerId: toId }).where('customerId', 'in', fromIds).execute();
  moves.customers = customers;
  return moves;
}

/** Undoes `moveGuestBookings`: the links and customer roles still on `toId` go back to their guests. */
export async function restoreGuestBookings(
  trx: TenantDb,
  orgId: string,
  moves: BookingMoves,
  toId: string,
): Promise<void> {
  for (const l of moves.survivorRoles)
    await trx
      .updateTable('bookingGuest')
      .set({ role: l.role, position: l.position })
      .where('bookingId', '=', l.bookingId)
      .where('guestId', '=', toId)
      .execute();
  for (const l of moves.moved)
    await trx
      .updateTable('bookingGuest')
      .set({ guestId: l.guestId, role: l.role, position: l.position })
      .where('bookingId', '=', l.bookingId)
      .where('guestId', '=', toId)
      .execute();
  if (moves.dropped.length)
    await trx
      .insertInto('bookingGuest')
      .values(moves.dropped.map((l) => ({ ...l, orgId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  for (const c of moves.customers)
    await trx
      .updateTable('booking')
      .set({ customerId: c.guestId })
      .where('id', '=', c.bookingId)
      .where('customerId', '=', toId)
      .execute();
}
