import { z } from 'zod';
import { BodyText, LineText } from './hotel-contact.schemas.ts';

const Id = z.string().min(1).max(64);
const Body = BodyText(10_000);

/** A canned reply's bodies: English required (the fallback), Spanish and French optional. */
export const CannedBodies = z.strictObject({ en: Body, es: Body.optional(), fr: Body.optional() });

export const CreateCannedReplyBody = z.strictObject({
  title: LineText(200).min(1),
  bodies: CannedBodies,
  /** Offered only in this contact's threads; absent or null: in every thread. */
  hotelContactId: Id.nullable().optional(),
});
export type CreateCannedReplyInput = z.infer<typeof CreateCannedReplyBody>;

export const UpdateCannedReplyBody = CreateCannedReplyBody.partial().refine((b) => Object.keys(b).length > 0, {
  message: 'nothing to change',
});
export type UpdateCannedReplyInput = z.infer<typeof UpdateCannedReplyBody>;

export const CannedReplySchema = z.object({
  id: z.string(),
  title: z.string(),
  bodies: z.object({ en: z.string(), es: z.string().optional(), fr: z.string().optional() }),
  hotelContactId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const CannedReplyList = z.object({ items: z.array(CannedReplySchema) });

export const RenderCannedReplyParams = z.strictObject({ id: Id, threadId: Id });

export const RenderedCannedReply = z.object({
  /** The language the body was taken in (the thread's, the guest's, else English). */
  language: z.enum(['en', 'es', 'fr']),
  body: z.string(),
});
