import { ConsentWordingRef } from '../consent/index.ts';
import { z } from 'zod';
import { NewPasswordInput } from '../auth/password.ts';
import { CountryCode, GuestEmail } from '../guests/index.ts';

/** Request and response schemas of the customer area (/api/v1/account/…) and the staff accounts API. */

export const AccountStatusSchema = z.enum(['new', 'validated', 'cancelled']);
export const CustomerLanguage = z.enum(['en', 'es', 'fr']);
/** A new password's bounds; the shared policy (`assertPasswordPolicy`) runs in the service. */
export const NewPassword = NewPasswordInput;
const Token = z.string().trim().min(10, 'is missing or not a valid link').max(200);
const opt = (max: number) => z.string().trim().max(max).nullable().optional();

export const CustomerLoginBody = z.strictObject({
  email: z.string().trim().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(200),
  /** Which hotel's site (any of its properties); the installation's first organisation when absent. */
  propertyId: z.string().min(1).max(64).optional(),
});

export const RegisterBody = z.strictObject({
  email: GuestEmail,
  /** Optional (issue 11, 19): with it the e-mail carries a confirmation link instead of a set-password one. */
  password: NewPassword.optional(),
  firstName: z.string().trim().min(1, 'is required').max(100),
  lastName: z.string().trim().min(1, 'is required').max(100),
  phone: z.string().trim().max(40).nullable().optional(),
  language: CustomerLanguage.optional(),
  marketingConsent: z.boolean().optional(),
  propertyId: z.string().min(1).max(64).optional(),
});

export const ForgotPasswordBody = z.strictObject({
  email: z.string().trim().min(1, 'is required').max(254),
  propertyId: z.string().min(1).max(64).optional(),
});

export const TokenPasswordBody = z.strictObject({ token: Token, password: NewPassword });
export const TokenBody = z.strictObject({ token: Token });

export const ChangePasswordBody = z.strictObject({
  current: z.string().min(1, 'is required').max(200),
  new: NewPassword,
});

export const CustomerSchema = z
  .object({
    accountId: z.string(),
    guestId: z.string(),
    username: z.string(),
    status: AccountStatusSchema,
    firstName: z.string(),
    lastName: z.string(),
    language: z.string().nullable(),
  })
  .meta({ id: 'Customer' });

export const CustomerSessionResponse = z.object({ customer: CustomerSchema, csrfToken: z.string() });

export const RegisterResponse = z.object({
  status: AccountStatusSchema,
  /** What the registrant should do next: check their e-mail (and, with validation, wait). */
  message: z.string(),
});

const AddressSchema = z.object({
  street: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postcode: z.string().nullable(),
  country: z.string().nullable(),
});

export const CustomerDetailsSchema = z
  .object({
    titleId: z.string().nullable(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    language: z.string().nullable(),
    country: z.string().nullable(),
    address: AddressSchema.nullable(),
    marketingConsent: z.boolean(),
  })
  .meta({ id: 'CustomerDetails' });

export const UpdateCustomerDetailsBody = z.strictObject({
  firstName: z.string().trim().min(1, 'is required').max(100).optional(),
  lastName: z.string().trim().min(1, 'is required').max(100).optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  language: CustomerLanguage.nullable().optional(),
  address: z
    .strictObject({
      street: opt(300),
      city: opt(200),
      region: opt(200),
      postcode: opt(20),
      country: CountryCode.nullable().optional(),
    })
    .nullable()
    .optional(),
  marketingConsent: z.boolean().optional(),
  /** The consent wording shown next to the box (GET /api/v1/public/consent-wording): its version and language. */
  consentWording: ConsentWordingRef.optional(),
});
export type UpdateCustomerDetailsInput = z.infer<typeof UpdateCustomerDetailsBody>;

/** A booking as the customer area shows it; the company area extends it (account-company.schemas.ts). */
export const CustomerBookingBaseSchema = z.object({
  id: z.string(),
  reference: z.string(),
  propertyName: z.string(),
  roomTypeName: z.string(),
  checkIn: z.string(),
  checkOut: z.string(),
  nights: z.number().int(),
  adults: z.number().int(),
  children: z.number().int(),
  status: z.string(),
  total: z.number(),
  currency: z.string(),
  createdAt: z.string(),
});

export const CustomerBookingSchema = CustomerBookingBaseSchema.extend({
  guests: z.array(z.object({ name: z.string(), role: z.string() })),
}).meta({ id: 'CustomerBooking' });

export const CustomerBookingsResponse = z.object({ items: z.array(CustomerBookingSchema) });
export const BookingIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const AccountSchema = z
  .object({
    id: z.string(),
    /** The CRM profile the account is linked to (set when its e-mail is verified). */
    guestId: z.string().nullable(),
    username: z.string(),
    /** The names the account holder entered (the account's own, not the profile's). */
    firstName: z.string(),
    lastName: z.string(),
    status: AccountStatusSchema,
    origin: z.enum(['registration', 'checkout', 'staff']),
    hasPassword: z.boolean(),
    emailVerified: z.boolean(),
    createdAt: z.string(),
    validatedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'Account' });

export const ListAccountsQuery = z.strictObject({
  status: AccountStatusSchema.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const AccountListResponse = z.object({
  items: z.array(AccountSchema),
  nextCursor: z.string().nullable(),
  counts: z.object({ new: z.number().int(), validated: z.number().int(), cancelled: z.number().int() }),
});
