import type { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { BookingRow, CustomerAccountRow } from '../../db/schema.ts';
import { presentBookingsWithPropertyName, presentStay } from '../bookings/index.ts';
import { checkPhone } from './account-registration.service.ts';
import { writeOwnDetailsToProfile } from './account-verification.service.ts';
import type { CustomerPrincipal } from './customer-session.service.ts';
import type {
  CustomerBookingSchema,
  CustomerDetailsSchema,
  CustomerSchema,
  UpdateCustomerDetailsInput,
} from './account.schemas.ts';

/**
 * What a signed-in customer sees (issue 11, 1): only what the account can prove is its own —
 * the details it entered itself (kept on the account row, never read from the CRM profile) and
 * the bookings made while signed in to it or made with its verified e-mail as contact e-mail.
 */

type CustomerDetails = z.infer<typeof CustomerDetailsSchema>;
type CustomerBooking = z.infer<typeof CustomerBookingSchema>;

async function accountOf(ctx: Ctx, c: CustomerPrincipal): Promise<CustomerAccountRow> {
  const row = await ctx.db.selectFrom('customerAccount').selectAll().where('id', '=', c.accountId).executeTakeFirst();
  if (!row) throw notFound('Account');
  return row;
}

/** The signed-in customer as the area shows them (the account's own names). */
export async function presentCustomer(ctx: Ctx, c: CustomerPrincipal): Promise<z.infer<typeof CustomerSchema>> {
  const a = await accountOf(ctx, c);
  return {
    accountId: c.accountId,
    guestId: c.guestId,
    username: c.username,
    status: c.status,
    firstName: a.firstName,
    lastName: a.lastName,
    language: a.language,
  };
}

function presentDetails(a: CustomerAccountRow): CustomerDetails {
  const address = a.address && Object.values(a.address).some(Boolean) ? a.address : null;
  return {
    titleId: null,
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.username,
    phone: a.phone,
    language: a.language,
    country: address?.country ?? null,
    address,
    marketingConsent: a.marketingConsent,
  };
}

/** The customer's personal details: what the account entered itself. */
export async function getCustomerDetails(ctx: Ctx, c: CustomerPrincipal): Promise<CustomerDetails> {
  return presentDetails(await accountOf(ctx, c));
}

/** Changes the customer's own details; the profile gets them as writeOwnDetailsToProfile allows. */
export async function updateCustomerDetails(
  ctx: Ctx,
  c: CustomerPrincipal,
  body: UpdateCustomerDetailsInput,
): Promise<CustomerDetails> {
  const phone =
    body.phone === undefined
      ? undefined
      : await checkPhone(ctx.db, body.phone, [body.address?.country, (await accountOf(ctx, c)).address?.country]);
  const address =
    body.address === undefined
      ? undefined
      : body.address === null
        ? null
        : {
            street: body.address.street || null,
            city: body.address.city || null,
            region: body.address.region || null,
            postcode: body.address.postcode || null,
            country: body.address.country ?? null,
          };
  const row = await ctx.db
    .updateTable('customerAccount')
    .set({
      ...(body.firstName === undefined ? {} : { firstName: body.firstName }),
      ...(body.lastName === undefined ? {} : { lastName: body.lastName }),
      ...(phone === undefined ? {} : { phone }),
      ...(body.language === undefined ? {} : { language: body.language }),
      ...(address === undefined ? {} : { address: JSON.stringify(address) }),
      ...(body.marketingConsent === undefined ? {} : { marketingConsent: body.marketingConsent }),
      updatedAt: new Date(),
    })
    .where('id', '=', c.accountId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeOwnDetailsToProfile(ctx, c.accountId, {
    firstName: body.firstName,
    lastName: body.lastName,
    phone,
    language: body.language,
    address,
    marketingConsent: body.marketingConsent,
  });
  return presentDetails(row);
}

async function presentCustomerBookings(ctx: Ctx, rows: BookingRow[]): Promise<CustomerBooking[]> {
  return (await presentBookingsWithPropertyName(ctx, rows)).map((b, i) => ({
    ...presentStay(b),
    status: b.status,
    total: b.total,
    currency: b.currency,
    guests: b.guests.map((g) => ({ name: g.name, role: g.role })),
    createdAt: rows[i]!.createdAt.toISOString(),
  }));
}

/** The bookings an account can prove are its own: made signed in to it, or with its verified e-mail. */
async function ownBookings(ctx: Ctx, c: CustomerPrincipal, id?: string): Promise<BookingRow[]> {
  return ownBookingsOf(ctx, await accountOf(ctx, c), id);
}

/** The bookings of an account row by the same rule (the subject-access copy uses it too). */
export async function ownBookingsOf(ctx: Ctx, a: CustomerAccountRow, id?: string): Promise<BookingRow[]> {
  let q = ctx.db
    .selectFrom('booking')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('createdByType', '=', 'customer'), eb('createdById', '=', a.id)]),
        ...(a.emailVerifiedAt ? [eb('contactEmail', '=', a.username.toLowerCase())] : []),
      ]),
    );
  if (id !== undefined) q = q.where('id', '=', id);
  return q.orderBy('checkIn', 'desc').orderBy('id', 'desc').limit(1000).execute();
}

/** Every booking of the account (see ownBookings), newest check-in first. */
export async function listCustomerBookings(ctx: Ctx, c: CustomerPrincipal): Promise<CustomerBooking[]> {
  return presentCustomerBookings(ctx, await ownBookings(ctx, c));
}

/** One of the customer's own bookings; anyone else's is "not found" (never a hint it exists). */
export async function getCustomerBooking(ctx: Ctx, c: CustomerPrincipal, id: string): Promise<CustomerBooking> {
  const [row] = await ownBookings(ctx, c, id);
  if (!row) throw notFound('Booking');
  const [booking] = await presentCustomerBookings(ctx, [row]);
  return booking!;
}
