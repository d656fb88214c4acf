import { z } from 'zod';
import { CustomerBookingBaseSchema } from '../accounts/account.schemas.ts';

/** The customer area's company section (issue 15, point 3): what a contact sees per role. */

export const AccountCompanyRoleSchema = z.enum(['purchasing', 'billing', 'logistics', 'support']);

export const AccountCompanySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    roles: z.array(AccountCompanyRoleSchema),
  })
  .meta({ id: 'AccountCompany' });

export const AccountCompaniesResponse = z.object({ items: z.array(AccountCompanySchema) });

export const AccountCompanyParams = z.strictObject({ companyId: z.string().min(1).max(64) });
export const AccountCompanyBookingParams = z.strictObject({
  companyId: z.string().min(1).max(64),
  bookingId: z.string().min(1).max(64),
});
/** The receipt's format: the PDF (default) or a printable HTML page. */
export const AccountCompanyReceiptQuery = z.strictObject({ format: z.enum(['pdf', 'html']).default('pdf') });

/** A company booking with its amount (purchasing and billing contacts). */
export const AccountCompanyBookingSchema = CustomerBookingBaseSchema.extend({
  travellers: z.array(z.string()),
}).meta({ id: 'AccountCompanyBooking' });

export const AccountCompanyBookingsResponse = z.object({ items: z.array(AccountCompanyBookingSchema) });

/** An upcoming arrival for logistics contacts: travellers' names, never prices. */
export const AccountCompanyArrivalSchema = z
  .strictObject({
    ...CustomerBookingBaseSchema.omit({ status: true, total: true, currency: true, createdAt: true }).shape,
    travellers: z.array(z.string()),
  })
  .meta({ id: 'AccountCompanyArrival' });

export const AccountCompanyArrivalsResponse = z.object({ items: z.array(AccountCompanyArrivalSchema) });

/** The hotel's contact details for support contacts. */
export const AccountCompanySupportResponse = z.object({
  hotelName: z.string(),
  contacts: z.array(z.object({ name: z.string(), description: z.string(), email: z.string() })),
});
