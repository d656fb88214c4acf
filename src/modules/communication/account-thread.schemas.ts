import { z } from 'zod';
import { THREAD_STATUSES, MAX_MESSAGE_CHARS } from './thread.schemas.ts';
import { AttachmentUploads } from './attachment-files.ts';
import { BodyText, LineText, PublicHotelContactSchema } from './hotel-contact.schemas.ts';
import { ThreadAttachmentSchema } from './thread-attachment.service.ts';

const Id = z.string().min(1).max(64);

/** The customer area's language for contact names. */
export const AccountThreadsQuery = z.strictObject({ lang: z.enum(['en', 'es', 'fr']).default('en') });

/** A thread as its guest sees it in the customer area: no assignee, tags, priority or notes. */
export const AccountThreadSchema = z.object({
  id: z.string(),
  /** The name of who opened it (the account itself, or a colleague in the company area). */
  writtenBy: z.string(),
  subject: z.string(),
  status: z.enum(THREAD_STATUSES),
  hotelContactId: z.string().nullable(),
  hotelContactName: z.string().nullable(),
  bookingId: z.string().nullable(),
  bookingReference: z.string().nullable(),
  /** The guest wrote last: the hotel has not answered yet. */
  waitingForHotel: z.boolean(),
  /** Messages in and out (staff notes are not counted). */
  messageCount: z.number().int(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
});
export type AccountThread = z.infer<typeof AccountThreadSchema>;

export const AccountThreadMessageSchema = z.object({
  id: z.string(),
  /** in: written by the guest; out: the hotel's reply. */
  direction: z.enum(['in', 'out']),
  body: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
  /** The message's files (GET /account/threads/{id}/attachments/{attachmentId}). */
  attachments: z.array(ThreadAttachmentSchema),
});
export type AccountThreadMessage = z.infer<typeof AccountThreadMessageSchema>;

export const AccountThreadWithMessages = AccountThreadSchema.extend({
  messages: z.array(AccountThreadMessageSchema),
});

export const AccountThreadListResponse = z.object({ items: z.array(AccountThreadSchema) });

export const NewAccountThreadBody = z.strictObject({
  hotelContactId: Id,
  subject: LineText(200).min(1),
  message: BodyText(MAX_MESSAGE_CHARS),
  /** One of the guest's own bookings (see GET /account/bookings). */
  bookingId: Id.optional(),
  /** Files (JPEG, PNG, GIF, WebP, PDF; checked by content) in base64. */
  attachments: AttachmentUploads,
});
export type NewAccountThreadInput = z.infer<typeof NewAccountThreadBody>;

export const AccountAnswerBody = z.strictObject({ body: BodyText(MAX_MESSAGE_CHARS), attachments: AttachmentUploads });

export const AccountHotelContactsResponse = z.object({ items: z.array(PublicHotelContactSchema) });
