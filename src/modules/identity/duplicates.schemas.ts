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
      createdAt: z.string(),
    }),
  ),
  related: z.array(GuestSummarySchema.extend({ kind: z.enum(DUPLICATE_KINDS), score: z.number() })),
});
export type GuestIdentity = z.infer<typeof GuestIdentityResponse>;
