import type { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { BookingRow } from '../../db/schema.ts';
import { getBooking, listBookings, presentBookings } from '../bookings/index.ts';
import { getGuest, presentGuest, updateGuest } from '../guests/index.ts';
import type { CustomerPrincipal } from './customer-session.service.ts';
import type {
  CustomerBookingSchema,
  CustomerDetailsSchema,
  CustomerSchema,
  UpdateCustomerDetailsInput,
} from './account.schemas.ts';

type CustomerDetails = z.infer<typeof CustomerDetailsSchema>;
type CustomerBooking = z.infer<typeof CustomerBookingSchema>;

/** The signed-in customer as the area shows them. */
export async function presentCustomer(ctx: Ctx, c: CustomerPrincipal): Promise<z.infer<typeof CustomerSchema>> {
  const g = await getGuest(ctx, c.guestId);
  return {
    accountId: c.accountId,
    guestId: c.guestId,
    username: c.username,
    status: c.status,
    firstName: g.firstName,
    lastName: g.lastName,
    language: g.language,
  };
}

/** The customer's own personal details (their guest profile, A-6). */
export async function getCustomerDetails(ctx: Ctx, c: CustomerPrincipal): Promise<CustomerDetails> {
  const guest = await presentGuest(ctx, await getGuest(ctx, c.guestId));
  const address = guest.addresses.find((a) => a.primary) ?? guest.addresses[0];
  return {
    titleId: guest.titleId,
    firstName: guest.firstName,
    lastName: guest.lastName,
    email: c.username,
    phone: guest.phoneDisplay ?? guest.phone,
    language: guest.language,
    country: guest.country,
    address: address
      ? {
          street: address.street,
          city: address.city,
          region: address.region,
          postcode: address.postcode,
          country: address.country,
        }
      : null,
    marketingConsent: guest.marketingConsent,
  };
}

/** Changes the customer's personal details through the guests module (history records the customer). */
export async function updateCustomerDetails(
  ctx: Ctx,
  c: CustomerPrincipal,
  body: UpdateCustomerDetailsInput,
): Promise<CustomerDetails> {
  type Addresses = Parameters<typeof updateGuest>[2]['addresses'];
  let addresses: Addresses;
  if (body.address !== undefined) {
    const current = await presentGuest(ctx, await getGuest(ctx, c.guestId));
    const others = current.addresses
      .filter((a) => !a.primary)
      .map(({ name, street, city, region, postcode, country }) => ({
        name,
        street,
        city,
        region,
        postcode,
        country,
        primary: false,
      }));
    const primary = current.addresses.find((a) => a.primary);
    const a = body.address;
    const empty = !a || ![a.street, a.city, a.region, a.postcode, a.country].some((v) => v);
    addresses = (
      empty
        ? others.map((o, i) => ({ ...o, primary: i === 0 }))
        : [
            {
              name: primary?.name ?? null,
              street: a.street ?? null,
              city: a.city ?? null,
              region: a.region ?? null,
              postcode: a.postcode ?? null,
              country: a.country ?? null,
              primary: true,
            },
            ...others,
          ]
    ) as Addresses;
  }
  await updateGuest(ctx, c.guestId, {
    firstName: body.firstName,
    lastName: body.lastName,
    phone: body.phone === undefined ? undefined : body.phone || null,
    language: body.language,
    marketingConsent: body.marketingConsent,
    addresses,
  });
  return getCustomerDetails(ctx, c);
}

async function presentCustomerBookings(ctx: Ctx, rows: BookingRow[]): Promise<CustomerBooking[]> {
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
  return full.map((b, i) => ({
    id: b.id,
    reference: b.reference,
    propertyName: propertyName.get(b.propertyId) ?? '',
    roomTypeName: b.roomTypeName,
    checkIn: b.checkIn,
    checkOut: b.checkOut,
    nights: b.nights,
    adults: b.adults,
    children: b.children,
    status: b.status,
    total: b.total,
    currency: b.currency,
    guests: b.guests.map((g) => ({ name: g.name, role: g.role })),
    createdAt: rows[i]!.createdAt.toISOString(),
  }));
}

/** Every booking the customer made (customer role), newest check-in first. */
export async function listCustomerBookings(ctx: Ctx, c: CustomerPrincipal): Promise<CustomerBooking[]> {
  const mine: BookingRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await listBookings(ctx, { guestId: c.guestId, limit: 200, cursor });
    mine.push(...page.rows.filter((r) => r.customerId === c.guestId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && mine.length < 1000);
  return presentCustomerBookings(ctx, mine);
}

/** One of the customer's own bookings; someone else's is "not found" (never a hint it exists). */
export async function getCustomerBooking(ctx: Ctx, c: CustomerPrincipal, id: string): Promise<CustomerBooking> {
  const row = await getBooking(ctx, id).catch(() => undefined);
  if (!row || row.customerId !== c.guestId) throw notFound('Booking');
  const [booking] = await presentCustomerBookings(ctx, [row]);
  return booking!;
}
