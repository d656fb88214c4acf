import { z } from 'zod';
import { CountryCode, GuestEmail, LanguageCode } from '../guests/index.ts';

export const CONTACT_ROLES = ['purchasing', 'billing', 'logistics', 'support'] as const;
export const ContactRole = z.enum(CONTACT_ROLES);
/** At most this many free-text tags on a company (as on a guest, G-5). */
export const MAX_COMPANY_TAGS = 9;

const Text = (max: number) => z.string().trim().max(max);
const Optional = (max: number) => Text(max).nullable().optional();

const CompanyFields = {
  name: Text(200).min(1),
  legalName: Optional(200),
  /** VAT number, NIF/CIF/NIE, SIREN/SIRET …: normalised and checked for the company's country. */
  taxId: Optional(40),
  country: CountryCode.nullable().optional(),
  language: LanguageCode.nullable().optional(),
  billingAddress: z
    .strictObject({
      street: Optional(300),
      city: Optional(100),
      postcode: Optional(20),
      region: Optional(100),
      country: CountryCode.nullable().optional(),
    })
    .nullable()
    .optional(),
  /** A guest group (G-7): its discount and price display apply to the company's contacts. */
  groupId: z.string().min(1).max(64).nullable().optional(),
  /** Negotiated discount (%) on top of the group's. */
  discount: z.number().min(0).max(100).nullable().optional(),
  rateCode: Optional(50),
  paymentTerms: Optional(200),
  notes: Optional(10_000),
  tags: z.array(Text(50).min(1)).max(MAX_COMPANY_TAGS, `at most ${MAX_COMPANY_TAGS} tags`).optional(),
};

export const CreateCompanyBody = z.strictObject(CompanyFields);
export type CreateCompanyInput = z.infer<typeof CreateCompanyBody>;

export const UpdateCompanyBody = z.strictObject({ ...CompanyFields, name: CompanyFields.name.optional() });
export type UpdateCompanyInput = z.infer<typeof UpdateCompanyBody>;

export const CompanyKpis = z.object({
  /** Bookings not cancelled. */
  bookings: z.number().int(),
  nights: z.number().int(),
  revenue: z.number(),
  lastBookingAt: z.string().nullable(),
});

export const CompanySchema = z.object({
  id: z.string(),
  name: z.string(),
  legalName: z.string().nullable(),
  taxId: z.string().nullable(),
  country: z.string().nullable(),
  language: z.string().nullable(),
  billingAddress: z.object({
    street: z.string().nullable(),
    city: z.string().nullable(),
    postcode: z.string().nullable(),
    region: z.string().nullable(),
    country: z.string().nullable(),
  }),
  groupId: z.string().nullable(),
  discount: z.number().nullable(),
  rateCode: z.string().nullable(),
  paymentTerms: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  contactCount: z.number().int(),
  purchasingContactId: z.string().nullable(),
  /** `new` while a registration from the booking site waits for staff; companies made by staff are validated. */
  status: z.enum(['new', 'validated', 'cancelled']),
  /** Why staff cancelled the registration, when they said. */
  statusReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Company = z.infer<typeof CompanySchema>;

export const CompanyPage = CompanySchema.extend({ kpis: CompanyKpis });

const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListCompaniesQuery = z.strictObject({
  /** Name, legal name, tax id, or a contact's name or e-mail. */
  q: z.string().trim().max(200).optional(),
  country: CountryCode.optional(),
  groupId: z.string().min(1).max(64).optional(),
  tag: z.string().trim().min(1).max(50).optional(),
  /** true: only companies with a purchasing contact; false: only those without. */
  hasPurchasing: Bool.optional(),
  status: z.enum(['new', 'validated', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type ListCompaniesInput = z.infer<typeof ListCompaniesQuery>;

export const CompanyList = z.object({
  items: z.array(CompanySchema),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const CompanyIdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const ContactParams = z.strictObject({ id: z.string().min(1).max(64), guestId: z.string().min(1).max(64) });

const Roles = z
  .array(ContactRole)
  .max(CONTACT_ROLES.length)
  .transform((r) => [...new Set(r)]);

/**
 * `transferPurchasing: true` takes the purchasing role from the current purchasing contact in the
 * same step; `invite: false` adds the contact without the invitation e-mail (sent when they have an e-mail).
 */
const RoleFields = {
  roles: Roles.default([]),
  transferPurchasing: z.boolean().default(false),
  invite: z.boolean().default(true),
};

export const AddContactBody = z.union([
  z.strictObject({ guestId: z.string().min(1).max(64), ...RoleFields }),
  z.strictObject({
    firstName: Text(100).default(''),
    lastName: Text(100).default(''),
    email: GuestEmail,
    phone: Text(40).min(3).optional(),
    language: LanguageCode.optional(),
    ...RoleFields,
  }),
]);
export type AddContactInput = z.infer<typeof AddContactBody>;

export const UpdateContactBody = z.strictObject({ roles: Roles, transferPurchasing: z.boolean().default(false) });

export const ContactSchema = z.object({
  guestId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(ContactRole),
  invitedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const AddContactResult = ContactSchema;

export const CompanyHistoryEntry = z.object({
  id: z.string(),
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  at: z.string(),
});

export const GuestCompany = z.object({
  companyId: z.string(),
  name: z.string(),
  roles: z.array(ContactRole),
});
