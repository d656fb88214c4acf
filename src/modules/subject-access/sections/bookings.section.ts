import type { Ctx } from '../../../core/context.ts';
import type { BookingRow } from '../../../db/schema.ts';
import { ownBookingsOf } from '../../accounts/index.ts';
import type { AccountSubject, GuestSubject, Section, SectionValue } from './section.ts';
import { iso, isoOrNull } from './section.ts';

type Role = SectionValue<'bookings'>[number]['roles'][number];

async function present(
  ctx: Ctx,
  rows: BookingRow[],
  rolesOf: (b: BookingRow) => Role[],
  withNotes: (b: BookingRow) => boolean,
): Promise<SectionValue<'bookings'>> {
  if (!rows.length) return [];
  const [properties, roomTypes] = await Promise.all([
    ctx.db
      .selectFrom('property')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(rows.map((r) => r.propertyId))])
      .execute(),
    ctx.db
      .selectFrom('roomType')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(rows.map((r) => r.roomTypeId))])
      .execute(),
  ]);
  const propertyName = new Map(properties.map((p) => [p.id, p.name]));
  const roomTypeName = new Map(roomTypes.map((r) => [r.id, r.name]));
  return rows.map((b) => ({
    id: b.id,
    reference: b.reference,
    roles: rolesOf(b),
    property: { id: b.propertyId, name: propertyName.get(b.propertyId) ?? '' },
    roomType: roomTypeName.get(b.roomTypeId) ?? null,
    checkIn: b.checkIn,
    checkOut: b.checkOut,
    adults: b.adults,
    children: b.children,
    status: b.status,
    total: Number(b.total),
    currency: b.currency,
    channel: b.source,
    contactEmail: b.contactEmail,
    notes: withNotes(b) ? b.notes : null,
    createdAt: iso(b.createdAt),
    cancelledAt: isoOrNull(b.cancelledAt),
  }));
}

/**
 * Bookings of the profile: as their customer or in their party. Other party members are not listed (their
 * data is not the guest's); booking notes only when the guest is the booking's customer.
 */
export const guestBookings: Section<GuestSubject, 'bookings'> = async (ctx, { guest }) => {
  const party = await ctx.db
    .selectFrom('bookingGuest')
    .select(['bookingId', 'role'])
    .where('guestId', '=', guest.id)
    .execute();
  const partyIds = [...new Set(party.map((p) => p.bookingId))];
  const rows = await ctx.db
    .selectFrom('booking')
    .selectAll()
    .where((eb) => eb.or([eb('customerId', '=', guest.id), ...(partyIds.length ? [eb('id', 'in', partyIds)] : [])]))
    .orderBy('checkIn', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const rolesOf = (b: BookingRow): Role[] => {
    const roles = new Set<Role>(party.filter((p) => p.bookingId === b.id).map((p) => p.role));
    if (b.customerId === guest.id) roles.add('customer');
    return [...roles].sort();
  };
  return present(ctx, rows, rolesOf, (b) => b.customerId === guest.id);
};

/** The account's own bookings, by the customer area's rule (made signed in, or with its verified e-mail). */
export const accountBookings: Section<AccountSubject, 'bookings'> = async (ctx, { account: a }) => {
  const rows = await ownBookingsOf(ctx, a);
  const rolesOf = (b: BookingRow): Role[] => {
    const roles: Role[] = [];
    if (b.createdByType === 'customer' && b.createdById === a.id) roles.push('made_signed_in');
    if (a.emailVerifiedAt && b.contactEmail === a.username.toLowerCase()) roles.push('contact_email');
    return roles;
  };
  return present(ctx, rows, rolesOf, () => false);
};
