import type { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import type { BookingRow, CompanyContactRole } from '../../db/schema.ts';
import type { CustomerPrincipal } from '../accounts/index.ts';
import { presentBookingsWithPropertyName, presentStay } from '../bookings/index.ts';
import { listHotelContacts, presentHotelContact } from '../communication/hotel-contact.service.ts';
import type {
  AccountCompanyArrivalSchema,
  AccountCompanyBookingSchema,
  AccountCompanySchema,
  AccountCompanySupportResponse,
} from './account-company.schemas.ts';

/**
 * The company area of the customer account (issue 15, point 3). Membership is the link
 * company_contact.guest_id = the account's own guest — nothing else (an e-mail or a name shared
 * with a contact, i.e. identity, never grants access). A company the customer is not a contact of
 * is "not found"; a section their roles do not include is "forbidden".
 */

type AccountCompany = z.infer<typeof AccountCompanySchema>;
type Booking = z.infer<typeof AccountCompanyBookingSchema>;
type Arrival = z.infer<typeof AccountCompanyArrivalSchema>;
type Support = z.infer<typeof AccountCompanySupportResponse>;

const ROLE_ORDER: CompanyContactRole[] = ['purchasing', 'billing', 'logistics', 'support'];

/** The companies the signed-in customer is a contact of, with their roles. */
export async function listAccountCompanies(ctx: Ctx, c: CustomerPrincipal): Promise<AccountCompany[]> {
  const rows = await ctx.db
    .selectFrom('companyContact')
    .innerJoin('company', 'company.id', 'companyContact.companyId')
    .select(['company.id', 'company.name', 'companyContact.roles'])
    .where('companyContact.guestId', '=', c.guestId)
    // A cancelled registration is no company of theirs.
    .where('company.status', '!=', 'cancelled')
    .orderBy('company.name')
    .orderBy('company.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, roles: ROLE_ORDER.filter((role) => r.roles.includes(role)) }));
}

/** The customer's roles in a company; not a contact → 404, none of `allowed` → 403. */
export async function requireCompanyRole(
  ctx: Ctx,
  c: CustomerPrincipal,
  companyId: string,
  allowed: CompanyContactRole[],
): Promise<CompanyContactRole[]> {
  const row = await ctx.db
    .selectFrom('companyContact')
    .innerJoin('company', 'company.id', 'companyContact.companyId')
    .select('companyContact.roles')
    .where('companyContact.companyId', '=', companyId)
    .where('companyContact.guestId', '=', c.guestId)
    .where('company.status', '!=', 'cancelled')
    .executeTakeFirst();
  if (!row) throw notFound('Company');
  if (!row.roles.some((r) => allowed.includes(r)))
    throw forbidden(`This section is for the company's ${allowed.join(' or ')} contact`, 'company_role_required');
  return row.roles;
}

async function companyBookings(ctx: Ctx, companyId: string, upcomingFrom?: string): Promise<BookingRow[]> {
  let q = ctx.db.selectFrom('booking').selectAll().where('companyId', '=', companyId);
  if (upcomingFrom !== undefined)
    q = q.where('checkIn', '>=', upcomingFrom).where('status', 'in', ['confirmed', 'in_house']);
  return upcomingFrom !== undefined
    ? q.orderBy('checkIn', 'asc').orderBy('id', 'asc').limit(1000).execute()
    : q.orderBy('checkIn', 'desc').orderBy('id', 'desc').limit(1000).execute();
}

/** The bookings as both company sections show them: the stay and its travellers, with the booking and its row. */
async function present(ctx: Ctx, rows: BookingRow[]) {
  return (await presentBookingsWithPropertyName(ctx, rows)).map((b, i) => {
    // The people staying; the contact who booked ("customer") is not a traveller unless also staying.
    const staying = b.guests.filter((g) => g.role !== 'customer').map((g) => g.name);
    const stay: Arrival = {
      ...presentStay(b),
      travellers: staying.length ? staying : b.guests.map((g) => g.name),
    };
    return { stay, b, row: rows[i]! };
  });
}

/** The company's bookings with their amounts: purchasing and billing contacts. */
export async function listAccountCompanyBookings(
  ctx: Ctx,
  c: CustomerPrincipal,
  companyId: string,
): Promise<Booking[]> {
  await requireCompanyRole(ctx, c, companyId, ['purchasing', 'billing']);
  return (await present(ctx, await companyBookings(ctx, companyId))).map(({ stay, b, row }) => ({
    ...stay,
    status: b.status,
    total: b.total,
    currency: b.currency,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Upcoming arrivals with the travellers' names and no prices: logistics contacts. */
export async function listAccountCompanyArrivals(
  ctx: Ctx,
  c: CustomerPrincipal,
  companyId: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<Arrival[]> {
  await requireCompanyRole(ctx, c, companyId, ['logistics']);
  return (await present(ctx, await companyBookings(ctx, companyId, today))).map(({ stay }) => stay);
}

/** The hotel's contact details: support contacts. */
export async function getAccountCompanySupport(
  ctx: Ctx,
  c: CustomerPrincipal,
  companyId: string,
  lang: 'en' | 'es' | 'fr' = 'en',
): Promise<Support> {
  await requireCompanyRole(ctx, c, companyId, ['support']);
  const [org, contacts] = await Promise.all([
    ctx.db.selectFrom('organisation').select('name').where('id', '=', ctx.orgId).executeTakeFirst(),
    listHotelContacts(ctx),
  ]);
  return {
    hotelName: org?.name ?? '',
    contacts: contacts.map((row) => {
      const p = presentHotelContact(row, lang);
      return { name: p.name, description: p.description, email: p.email };
    }),
  };
}
