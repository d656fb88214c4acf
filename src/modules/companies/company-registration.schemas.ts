import { z } from 'zod';
import { GuestEmail, LanguageCode } from '../guests/index.ts';
import { CompanySchema, CreateCompanyBody } from './company.schemas.ts';

const Name = z.string().trim().min(1, 'required').max(100);

/** "Register as a company" on the booking site: the company and its first (purchasing) contact. */
export const CompanyRegistrationBody = z.strictObject({
  company: CreateCompanyBody.pick({
    name: true,
    legalName: true,
    taxId: true,
    country: true,
    language: true,
    billingAddress: true,
  }),
  contact: z.strictObject({
    firstName: Name,
    lastName: Name,
    email: GuestEmail,
    phone: z.string().trim().max(40).optional(),
    /** Checked against the password policy; the account signs in with it once the e-mail is verified. */
    password: z.string().min(1, 'is required').max(200),
    language: LanguageCode.optional(),
  }),
  /** From GET /api/v1/public/company-registrations/form: proves the form was shown, and when. */
  formToken: z.string().max(200),
  /** A field people never see (a robot fills it in). */
  website: z.string().max(500).optional(),
});
export type CompanyRegistrationInput = z.infer<typeof CompanyRegistrationBody>;

export const CompanyRegistrationResult = z.object({
  /** Always `received` (a robot's form, or a known e-mail, answers alike). */
  status: z.literal('received'),
});

export const RegistrationListQuery = z.strictObject({
  status: z.enum(['new', 'validated', 'cancelled']).default('new'),
});

/** An existing company that may be the one registering (same tax id, or a near-identical name nearby). */
export const RegistrationCandidate = z.object({
  id: z.string(),
  name: z.string(),
  legalName: z.string().nullable(),
  taxId: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  status: z.enum(['new', 'validated', 'cancelled']),
  reason: z.enum(['same_tax_id', 'similar_name']),
});

export const CompanyRegistrationSchema = z
  .object({
    company: CompanySchema,
    /** The first contact (purchasing), as their profile has them (masked without personal-data:read). */
    contact: z
      .object({
        guestId: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
      })
      .nullable(),
    candidates: z.array(RegistrationCandidate),
  })
  .meta({ id: 'CompanyRegistration' });

export const RegistrationList = z.object({
  items: z.array(CompanyRegistrationSchema),
  counts: z.object({ new: z.number().int(), validated: z.number().int(), cancelled: z.number().int() }),
});

export const CancelRegistrationBody = z.strictObject({
  /** Told to the contact in the e-mail. */
  reason: z.string().trim().max(1000).optional(),
});
