import { z } from 'zod';

export const CONSENT_CHANNELS = ['email', 'sms', 'phone', 'post'] as const;
export const CONSENT_SOURCES = ['booking_site', 'account', 'staff', 'import', 'api'] as const;
export const MARKETING = 'marketing';

export const ConsentChannel = z.enum(CONSENT_CHANNELS);
export const ConsentStatus = z.enum(['granted', 'withdrawn']);
export const ConsentSource = z.enum(CONSENT_SOURCES);
export const PurposeKey = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _');
const Language = z.enum(['en', 'es', 'fr']);
const WordingText = z.string().trim().min(1).max(4000);

/** The wording shown when consent was given or withdrawn: its text and the organisation's version number. */
export const ConsentWordingShown = z.strictObject({
  text: WordingText,
  version: z.number().int().positive().max(1_000_000).optional(),
  language: Language.optional(),
});

/** The wording a public form showed next to its consent box (from GET /api/v1/public/consent-wording). */
export const ConsentWordingRef = z.strictObject({
  version: z.number().int().positive().max(1_000_000),
  language: Language,
});

export const RecordConsentBody = z.strictObject({
  channel: ConsentChannel,
  purpose: PurposeKey,
  status: ConsentStatus,
  source: ConsentSource.optional(),
  wording: ConsentWordingShown.optional(),
  reference: z.string().trim().min(1).max(500).optional(),
});
export type RecordConsentInput = z.infer<typeof RecordConsentBody>;

export const GuestConsentSchema = z.object({
  id: z.string(),
  guestId: z.string(),
  channel: ConsentChannel,
  purpose: z.string(),
  status: ConsentStatus,
  at: z.string(),
  source: ConsentSource,
  wording: z.object({ text: z.string(), version: z.number().nullable(), language: z.string().nullable() }).nullable(),
  actor: z.object({ type: z.string().nullable(), id: z.string().nullable(), name: z.string().nullable() }),
  ip: z.string().nullable(),
  reference: z.string().nullable(),
  migrated: z.boolean(),
  fromMergedProfile: z.boolean(),
});
export type GuestConsent = z.infer<typeof GuestConsentSchema>;

export const GuestConsentListResponse = z.object({
  items: z.array(GuestConsentSchema),
  marketingConsent: z.boolean(),
});

export const PurposeNames = z.strictObject({
  en: z.string().trim().min(1).max(100),
  es: z.string().trim().max(100).optional(),
  fr: z.string().trim().max(100).optional(),
});
export const ConsentPurposeSchema = z.object({
  key: z.string(),
  builtIn: z.boolean(),
  names: z.record(z.string(), z.string()),
});
export const ConsentPurposeListResponse = z.object({ items: z.array(ConsentPurposeSchema) });
export const CreatePurposeBody = z.strictObject({ key: PurposeKey, names: PurposeNames });
export const UpdatePurposeBody = z.strictObject({ names: PurposeNames });
export const PurposeParams = z.strictObject({ key: PurposeKey });

export const ConsentWordingSchema = z.object({
  id: z.string(),
  purpose: z.string(),
  language: z.string(),
  version: z.number(),
  text: z.string(),
  createdAt: z.string(),
  current: z.boolean(),
});
export const ConsentWordingListResponse = z.object({ items: z.array(ConsentWordingSchema) });
export const CreateWordingBody = z.strictObject({
  purpose: PurposeKey.default(MARKETING),
  language: Language,
  text: WordingText,
});
export const CurrentWordingQuery = z.strictObject({
  purpose: PurposeKey.default(MARKETING),
  language: Language.default('en'),
});
export const CurrentWordingResponse = z.object({
  purpose: z.string(),
  language: z.string(),
  version: z.number().nullable(),
  text: z.string().nullable(),
});
