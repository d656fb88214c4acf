import { AppError, forbidden, notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import type { CustomerPrincipal } from '../accounts/index.ts';
import type { PriceRules } from './site-context.ts';

/**
 * Booking for a company on the site (issue 15 C-3/C-4): only the company's purchasing contact, once
 * the company is validated, books for it — at the company's price: the company group's discount,
 * then the company's negotiated discount on top of it (compounded: 10 % then 5 % is 14.5 %).
 * Prices are computed here, never taken from the client.
 */

export interface CompanyBooking {
  companyId: string;
  contactId: string;
  name: string;
  rules: PriceRules;
}

/** The discount of the group, then the negotiated one on the discounted price, as one percentage. */
export function compoundDiscount(groupPercent: number, companyPercent: number): number {
  const keep = (1 - clamp(groupPercent) / 100) * (1 - clamp(companyPercent) / 100);
  return Math.round((1 - keep) * 100 * 10_000) / 10_000;
}

const clamp = (n: number) => Math.min(100, Math.max(0, n));

async function contactCompanies(db: TenantDb, guestId: string, companyId?: string) {
  let q = db
    .selectFrom('companyContact')
    .innerJoin('company', 'company.id', 'companyContact.companyId')
    .leftJoin('guestGroup', 'guestGroup.id', 'company.groupId')
    .select([
      'company.id',
      'company.name',
      'company.status',
      'company.discount',
      'companyContact.roles',
      'guestGroup.discountPercent',
      'guestGroup.priceDisplay',
    ])
    .where('companyContact.guestId', '=', guestId);
  if (companyId) q = q.where('company.id', '=', companyId);
  return q.orderBy('company.name').orderBy('company.id').limit(100).execute();
}

type ContactCompany = Awaited<ReturnType<typeof contactCompanies>>[number];

function rulesOf(row: ContactCompany): PriceRules {
  const onRequest = row.priceDisplay === 'on_request';
  return {
    visible: !onRequest,
    hiddenReason: onRequest ? 'on_request' : null,
    discountPercent: compoundDiscount(Number(row.discountPercent ?? 0), Number(row.discount ?? 0)),
  };
}

const bookable = (row: ContactCompany) => row.status === 'validated' && row.roles.includes('purchasing');

/** The companies the signed-in customer may book for, with the company price's discount (the site's checkout). */
export async function bookableCompanies(db: TenantDb, customer: CustomerPrincipal | undefined) {
  if (!customer || customer.status !== 'validated') return [];
  const rows = await contactCompanies(db, customer.guestId);
  return rows.filter(bookable).map((r) => ({ id: r.id, name: r.name, ...rulesOf(r) }));
}

/**
 * The company the customer books for at checkout: not signed in → 401; not a contact of it → 404
 * (its existence is not revealed); not its purchasing contact → 403 `company_role_required`;
 * registration not validated → 403 `company_not_validated`.
 */
export async function companyBookingFor(
  db: TenantDb,
  customer: CustomerPrincipal | undefined,
  companyId: string,
): Promise<CompanyBooking> {
  if (!customer)
    throw new AppError(
      'unauthenticated',
      'sign_in_to_book',
      'Sign in as the company’s purchasing contact to book for it',
    );
  const [row] = await contactCompanies(db, customer.guestId, companyId);
  if (!row || row.status === 'cancelled') throw notFound('Company');
  if (!row.roles.includes('purchasing'))
    throw forbidden('Only the company’s purchasing contact books for it', 'company_role_required');
  if (row.status !== 'validated' || customer.status !== 'validated')
    throw forbidden('The hotel has not validated the company yet', 'company_not_validated');
  return { companyId: row.id, contactId: customer.guestId, name: row.name, rules: rulesOf(row) };
}
