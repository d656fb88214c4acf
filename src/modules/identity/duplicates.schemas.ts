import { z } from 'zod';

const GuestId = z.string().min(1).max(64);

/** The few fields staff need to judge whether two profiles are one person. */
export const GuestSummarySchema = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    bookingCount: z.number(),
    lastActivityAt: z.string(),
  })
  .meta({ id: 'GuestSummary' });
export type GuestSummary = z.infer<typeof GuestSummarySchema>;

export const DUPLICATE_KINDS = ['candidate', 'related'] as const;

const EXPLAIN_FIELDS = ['given_name', 'family_name', 'birth_date', 'email', 'phone', 'document', 'address'] as const;

/**
 * Why, as reason codes a UI translates (issue 14, point 4): `same` with the fields that agree,
 * then one code per thing that differs or nearly agrees (`typo` of `family_name`: "surname differs
 * by a letter or two"). Empty when the decision stored no evidence (a new profile).
 */
export const ExplanationSchema = z
  .array(
    z.object({
      code: z.enum([
        'same',
        'nickname',
        'more_names',
        'typo',
        'similar',
        'initial',
        'different',
        'common_name',
        'rare_name',
        'almost_same',
        'other_value',
        'names_swapped',
        'birth_typo',
        'birth_day_month_swapped',
        'birth_different',
        'address_partly_same',
        'address_different',
        'nothing_in_common',
      ]),
      field: z.enum(EXPLAIN_FIELDS).optional(),
      fields: z.array(z.enum(EXPLAIN_FIELDS)).optional(),
    }),
  )
  .meta({ id: 'IdentityExplanation' });

export const ListDuplicatesQuery = z.strictObject({
  status: z.enum(['open', 'dismissed']).default('open'),
  kind: z.enum(DUPLICATE_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type ListDuplicatesInput = z.infer<typeof ListDuplicatesQuery>;

export const DuplicatePairSchema = z
  .object({
    guestA: GuestSummarySchema,
    guestB: GuestSummarySchema,
    kind: z.enum(DUPLICATE_KINDS),
    score: z.number(),
    rule: z.string(),
    reasons: z.array(z.string()),
    explanation: ExplanationSchema,
    status: z.enum(['open', 'dismissed', 'merged']),
    createdAt: z.string(),
  })
  .meta({ id: 'DuplicatePair' });
export type DuplicatePair = z.infer<typeof DuplicatePairSchema>;

export const DuplicateListResponse = z.object({
  items: z.array(DuplicatePairSchema),
  nextCursor: z.string().nullable(),
});

export const DismissDuplicateBody = z.strictObject({ guestIds: z.array(GuestId).length(2) });

export const GuestIdentityResponse = z.object({
  decisions: z.array(
    z.object({
      source: z.string(),
      role: z.string(),
      outcome: z.enum(['matched', 'created']),
      rule: z.string(),
      score: z.number(),
      reasons: z.array(z.string()),
      explanation: ExplanationSchema,
      createdAt: z.string(),
    }),
  ),
  related: z.array(GuestSummarySchema.extend({ kind: z.enum(DUPLICATE_KINDS), score: z.number() })),
});
export type GuestIdentity = z.infer<typeof GuestIdentityResponse>;
