import { z } from 'zod';
import { GuestSchema } from '../guests/index.ts';
import { MERGE_FIELDS } from './merge.plan.ts';

const GuestId = z.string().min(1).max(64);

/** `{ field: guestId }`: whose value wins for each mergeable field (others default, see merge.plan.ts). */
const Choices = z.strictObject(Object.fromEntries(MERGE_FIELDS.map((f) => [f, GuestId.optional()])));

export const MergeBody = z.strictObject({
  guestIds: z
    .array(GuestId)
    .min(2, 'merge at least two profiles')
    .max(10, 'merge at most ten profiles at once')
    .refine((ids) => new Set(ids).size === ids.length, 'the same profile is listed twice'),
  survivorId: GuestId,
  choices: Choices.optional(),
});
export type MergeInput = z.infer<typeof MergeBody>;

const Actor = z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() });

export const MergeSchema = z
  .object({
    id: z.string(),
    survivorId: z.string(),
    mergedIds: z.array(z.string()),
    mergedNames: z.array(z.string()),
    choices: z.record(z.string(), z.string()),
    createdAt: z.string(),
    createdBy: Actor,
    undoneAt: z.string().nullable(),
    undoneBy: Actor.nullable(),
  })
  .meta({ id: 'Merge' });
export type Merge = z.infer<typeof MergeSchema>;

export const MergePreviewResponse = z.object({
  survivorId: z.string(),
  guests: z.array(GuestSchema),
  fields: z.array(
    z.object({
      field: z.enum(MERGE_FIELDS),
      values: z.array(z.object({ guestId: z.string(), value: z.unknown() })),
      chosenGuestId: z.string(),
      conflict: z.boolean(),
    }),
  ),
  result: GuestSchema,
  moves: z.object({
    bookings: z.number().int(),
    notes: z.number().int(),
    emails: z.number().int(),
    phones: z.number().int(),
    addresses: z.number().int(),
    historyEntries: z.number().int(),
    droppedTags: z.array(z.string()),
  }),
});
export type MergePreview = z.infer<typeof MergePreviewResponse>;

export const MergeResponse = z.object({ merge: MergeSchema, guest: GuestSchema });
export const UndoMergeResponse = z.object({ merge: MergeSchema, guests: z.array(GuestSchema) });

export const ListMergesQuery = z.strictObject({
  guestId: GuestId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type ListMergesInput = z.infer<typeof ListMergesQuery>;
export const MergeListResponse = z.object({ items: z.array(MergeSchema), nextCursor: z.string().nullable() });
