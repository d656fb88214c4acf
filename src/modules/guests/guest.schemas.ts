import { isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import { isKnownLanguageCode } from '../../core/language.ts';

/**
 * Request and response schemas of the guest profile API (X-6, G-1 … G-10). The web UI and the
 * list/search module share these; types are inferred from them, never written twice.
 */

/** ISO 3166-1 alpha-2, upper-cased ("es" → "ES"). */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166-1 country code')
  .refine((c) => isSupportedCountry(c), 'is not a known country code');

/** ISO 639-1 language code, lower-cased ("ES" → "es"). */
export const LanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 language code')
  .refine((l) => isKnownLanguageCode(l), 'is not a known language code');

/** An e-mail address, trimmed and lower-cased before it is checked. */
export const GuestEmail = z.string().trim().toLowerCase().pipe(z.email('is not a valid e-mail address').max(254));

/** A calendar date `YYYY-MM-DD` that exists (no 31 February). */
export const DateOnly = z.iso.date('must be a real date as YYYY-MM-DD');
const BirthDate = DateOnly.refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), {
  message: 'must be between 1900-01-01 and today',
});

const name = (max = 100) => z.string().trim().max(max);
const optText = (max = 200) => z.string().trim().max(max).nullable().optional();

export const GuestSourceSchema = z.enum(['booking', 'form', 'import', 'manual', 'registration', 'api']);

const EmailInput = z.strictObject({ email: GuestEmail, primary: z.boolean().optional(), label: optText(50) });
const PhoneInput = z.strictObject({
  number: z.string().trim().min(1).max(40),
  primary: z.boolean().optional(),
  label: optText(50),
});
const AddressInput = z.strictObject({
  name: optText(),
  street: optText(300),
  city: optText(),
  region: optText(),
  postcode: optText(20),
  country: CountryCode.nullable().optional(),
  primary: z.boolean().optional(),
});
const DocumentInput = z.strictObject({
  type: optText(50),
  number: optText(50),
  issuingCountry: CountryCode.nullable().optional(),
  expiry: DateOnly.nullable().optional(),
});

/** The editable fields; create and PATCH share them (PATCH: all optional, lists replace). */
const guestFields = {
  titleId: z.string().max(64).nullable().optional(),
  firstName: name().optional(),
  lastName: name().optional(),
  secondLastName: name().nullable().optional(),
  nativeName: name(200).nullable().optional(),
  /** Shortcut for one primary e-mail. */
  email: GuestEmail.nullable().optional(),
  emails: z.array(EmailInput).max(20).optional(),
  /** Shortcut for one primary phone (any format; parsed with `defaultCountry`). */
  phone: z.string().trim().max(40).nullable().optional(),
  phones: z.array(PhoneInput).max(20).optional(),
  /** Country used to read national phone formats ("612 34 56 78"); default ES. */
  defaultCountry: CountryCode.optional(),
  language: LanguageCode.nullable().optional(),
  nationality: CountryCode.nullable().optional(),
  country: CountryCode.nullable().optional(),
  addresses: z.array(AddressInput).max(20).optional(),
  birthDate: BirthDate.nullable().optional(),
  document: DocumentInput.nullable().optional(),
  marketingConsent: z.boolean().optional(),
  /** Tag names from the organisation's catalog (case-insensitive); at most nine. */
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  groupIds: z.array(z.string().min(1).max(64)).max(50).optional(),
  source: GuestSourceSchema.optional(),
};

const noBothShortcutAndList = (b: { email?: unknown; emails?: unknown; phone?: unknown; phones?: unknown }) =>
  !(b.email !== undefined && b.emails !== undefined) && !(b.phone !== undefined && b.phones !== undefined);

export const CreateGuestBody = z
  .strictObject(guestFields)
  .refine((b) => Boolean(b.firstName?.trim() || b.lastName?.trim()), {
    message: 'a first or last name is required',
    path: ['firstName'],
  })
  .refine(noBothShortcutAndList, { message: 'send either email/phone or the emails/phones list', path: ['email'] });
export type CreateGuestInput = z.infer<typeof CreateGuestBody>;

/** What a new profile may start with beyond a booking's person details (an import's lists, nationality, document). */
export type NewProfileDetails = Pick<
  CreateGuestInput,
  'emails' | 'phones' | 'addresses' | 'nationality' | 'document'
> & {
  /** Tags by catalog id, nine at most (an import resolved them by name already: not looked up again). */
  tagIds?: string[];
};

export const UpdateGuestBody = z
  .strictObject({
    ...guestFields,
    username: z.string().trim().min(1).max(100).optional(),
    /** false: back to the automatic default group; true: keep the current one whatever happens. */
    systemGroupManual: z.boolean().optional(),
  })
  .refine(noBothShortcutAndList, { message: 'send either email/phone or the emails/phones list', path: ['email'] });
export type UpdateGuestInput = z.infer<typeof UpdateGuestBody>;

export const GuestSchema = z
  .object({
    id: z.string(),
    titleId: z.string().nullable(),
    firstName: z.string(),
    lastName: z.string(),
    secondLastName: z.string().nullable(),
    nativeName: z.string().nullable(),
    email: z.string().nullable(),
    emails: z.array(z.object({ email: z.string(), primary: z.boolean(), label: z.string().nullable() })),
    phone: z.string().nullable(),
    phoneDisplay: z.string().nullable(),
    phones: z.array(
      z.object({ e164: z.string(), display: z.string(), primary: z.boolean(), label: z.string().nullable() }),
    ),
    language: z.string().nullable(),
    nationality: z.string().nullable(),
    country: z.string().nullable(),
    addresses: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        street: z.string().nullable(),
        city: z.string().nullable(),
        region: z.string().nullable(),
        postcode: z.string().nullable(),
        country: z.string().nullable(),
        primary: z.boolean(),
      }),
    ),
    birthDate: z.string().nullable(),
    document: z
      .object({
        type: z.string().nullable(),
        number: z.string().nullable(),
        issuingCountry: z.string().nullable(),
        expiry: z.string().nullable(),
      })
      .nullable(),
    marketingConsent: z.boolean(),
    tags: z.array(z.string()),
    groupIds: z.array(z.string()),
    /** The default group (Visitor/Guest/Customer) was chosen by staff and is not assigned automatically. */
    systemGroupManual: z.boolean(),
    companyId: z.string().nullable(),
    userId: z.string().nullable(),
    username: z.string().nullable(),
    bookingCount: z.number().int(),
    revenue: z.number(),
    rfm: z.object({ recencyDays: z.number().int(), frequency: z.number().int(), lifetimeValue: z.number() }),
    firstContactAt: z.string(),
    lastActivityAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    source: GuestSourceSchema,
    blocked: z.object({ at: z.string(), reason: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Guest' });
export type Guest = z.infer<typeof GuestSchema>;

export const GuestIdParams = z.strictObject({ id: z.string().min(1).max(64) });

// History (G-9)
const ActorSchema = z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() });
export const GuestHistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const GuestHistoryEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: ActorSchema,
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
});
export const GuestHistoryResponse = z.object({
  items: z.array(GuestHistoryEntrySchema),
  nextCursor: z.string().nullable(),
});
export type GuestHistoryEntry = z.infer<typeof GuestHistoryEntrySchema>;

// Notes (G-10)
export const NoteBody = z.strictObject({ body: z.string().trim().min(1).max(10_000) });
export const NoteParams = z.strictObject({ id: z.string().min(1).max(64), noteId: z.string().min(1).max(64) });
export const GuestNoteSchema = z.object({
  id: z.string(),
  body: z.string(),
  author: ActorSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GuestNote = z.infer<typeof GuestNoteSchema>;
export const GuestNoteListResponse = z.object({ items: z.array(GuestNoteSchema) });

// Bulk actions
const GuestIds = z.array(z.string().min(1).max(64)).min(1).max(1000);
export const BulkTagsBody = z.strictObject({
  guestIds: GuestIds,
  add: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  remove: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
});
export const BulkTagsResponse = z.object({
  updated: z.number().int(),
  refused: z.array(z.object({ guestId: z.string(), reason: z.enum(['too_many_tags', 'not_found']) })),
});
export const BulkGroupsBody = z.strictObject({
  guestIds: GuestIds,
  add: z.array(z.string().min(1).max(64)).max(50).optional(),
  remove: z.array(z.string().min(1).max(64)).max(50).optional(),
});
export const BulkGroupsResponse = z.object({ updated: z.number().int() });

// KPIs (G-8)
export const GuestKpisQuery = z
  .strictObject({
    from: DateOnly.optional(),
    to: DateOnly.optional(),
    interval: z.enum(['day', 'week', 'month']).default('day'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after `to`', path: ['from'] });
export type GuestKpisInput = z.infer<typeof GuestKpisQuery>;
export const GuestKpisResponse = z.object({
  totals: z.object({
    guests: z.number().int(),
    newInPeriod: z.number().int(),
    returningRate: z.number(),
    bookingsPerGuest: z.number(),
    revenuePerGuest: z.number(),
    consentRate: z.number(),
  }),
  series: z.array(z.object({ period: z.string(), newGuests: z.number().int(), totalGuests: z.number().int() })),
});
export type GuestKpis = z.infer<typeof GuestKpisResponse>;
