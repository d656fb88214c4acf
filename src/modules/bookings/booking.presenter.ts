import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import type { BookingRow } from '../../db/schema.ts';
import { nightsBetween } from '../properties/index.ts';
import type { Booking } from './booking.schemas.ts';

interface PartyMember {
  bookingId: string;
  guestId: string;
  role: 'customer' | 'stay' | 'additional';
  position: number;
  firstName: string;
  lastName: string;
}

/** A booking just written, with its room type name and party: presented without reading them back. */
export interface KnownBookingDetails {
  roomTypeName: string;
  /** In position order. */
  guests: PartyMember[];
}

/**
 * Presents bookings with their room type name and guests, in two batched queries (none for a
 * single booking whose details are `known`).
 */
export async function presentBookings(
  ctx: Ctx,
  rows: BookingRow[],
  db: TenantDb = ctx.db,
  known?: KnownBookingDetails,
): Promise<Booking[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const staffIds = [
    ...new Set(rows.filter((r) => r.createdByType === 'staff' && r.createdById).map((r) => r.createdById as string)),
  ];
  const one = known && rows.length === 1 ? rows[0] : undefined;
  const [types, guests, staff] = await Promise.all([
    one && known
      ? [{ id: one.roomTypeId, name: known.roomTypeName }]
      : db
          .selectFrom('roomType')
          .select(['id', 'name'])
          .where('id', 'in', [...new Set(rows.map((r) => r.roomTypeId))])
          .execute(),
    one && known
      ? known.guests
      : db
          .selectFrom('bookingGuest as bg')
          .innerJoin('guest as g', (j) => j.onRef('g.orgId', '=', 'bg.orgId').onRef('g.id', '=', 'bg.guestId'))
          .select(['bg.bookingId', 'bg.guestId', 'bg.role', 'bg.position', 'g.firstName', 'g.lastName'])
          .where('bg.bookingId', 'in', ids)
          .orderBy('bg.position')
          .execute(),
    staffIds.length
      ? db.selectFrom('staffUser').select(['id', 'name']).where('id', 'in', staffIds).execute()
      : Promise.resolve([]),
  ]);
  const staffName = new Map(staff.map((s) => [s.id, s.name]));
  const typeName = new Map(types.map((t) => [t.id, t.name]));
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    propertyId: r.propertyId,
    roomTypeId: r.roomTypeId,
    roomTypeName: typeName.get(r.roomTypeId) ?? '',
    customerId: r.customerId,
    customerName:
      r.customerId === null
        ? ERASED_NAME
        : nameOf(guests.find((g) => g.bookingId === r.id && g.guestId === r.customerId)),
    guests: guests
      .filter((g) => g.bookingId === r.id)
      .map((g) => ({ guestId: g.guestId, role: g.role, name: nameOf(g) })),
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    nights: nightsBetween(r.checkIn, r.checkOut).length,
    adults: r.adults,
    children: r.children,
    status: r.status,
    total: r.total,
    currency: r.currency,
    source: r.source,
    channel: r.channel,
    externalRef: r.externalRef,
    notes: r.notes,
    createdBy: {
      type: r.createdByType,
      id: r.createdById,
      name: (r.createdById && staffName.get(r.createdById)) ?? null,
    },
    blockedGuest: r.blockedGuest,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    companyId: r.companyId ?? null,
    contactId: r.contactId ?? null,
  }));
}

/** Bookings as presentBookings gives them, each with its property's name (the customer and company areas). */
export async function presentBookingsWithPropertyName(
  ctx: Ctx,
  rows: BookingRow[],
): Promise<(Booking & { propertyName: string })[]> {
  if (!rows.length) return [];
  const [full, properties] = await Promise.all([
    presentBookings(ctx, rows),
    ctx.db
      .selectFrom('property')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(rows.map((r) => r.propertyId))])
      .execute(),
  ]);
  const propertyName = new Map(properties.map((p) => [p.id, p.name]));
  return full.map((b) => ({ ...b, propertyName: propertyName.get(b.propertyId) ?? '' }));
}

/** The stay of a presented booking as the customer and company areas show it: no prices, no people. */
export function presentStay(b: Booking & { propertyName: string }) {
  return {
    id: b.id,
    reference: b.reference,
    propertyName: b.propertyName,
    roomTypeName: b.roomTypeName,
    checkIn: b.checkIn,
    checkOut: b.checkOut,
    nights: b.nights,
    adults: b.adults,
    children: b.children,
  };
}

/** What a booking whose customer was deleted shows in place of the name (issue 11 point 18). */
export const ERASED_NAME = '*****';

const nameOf = (g: { firstName: string; lastName: string } | undefined) =>
  g ? `${g.firstName} ${g.lastName}`.trim() : '';
