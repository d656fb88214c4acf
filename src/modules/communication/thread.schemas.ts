import { z } from 'zod';
import { GuestEmail } from '../guests/index.ts';
import { AttachmentUploads } from './attachment-files.ts';
import { BodyText, LineText } from './hotel-contact.schemas.ts';
import { ThreadAttachmentSchema } from './thread-attachment.service.ts';

export const THREAD_STATUSES = ['open', 'waiting_for_guest', 'closed'] as const;
export const THREAD_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
/** The longest message body (a long e-mail, not an attachment). */
export const MAX_MESSAGE_CHARS = 20_000;

const Id = z.string().min(1).max(64);
const Tag = LineText(50).min(1);

export const ListThreadsQuery = z.strictObject({
  status: z.enum(THREAD_STATUSES).optional(),
  /** true: only threads waiting for a staff reply; false: only the others. */
  waitingForReply: z.enum(['true', 'false']).optional(),
  /** A staff id, or `none` for unassigned threads. */
  assigneeId: Id.optional(),
  hotelContactId: Id.optional(),
  guestId: Id.optional(),
  /** Words in a message, the subject, the sender's name or e-mail, or a booking reference. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type ListThreadsInput = z.infer<typeof ListThreadsQuery>;

export const UpdateThreadBody = z
  .strictObject({
    subject: LineText(200).min(1).optional(),
    status: z.enum(THREAD_STATUSES).optional(),
    priority: z.enum(THREAD_PRIORITIES).optional(),
    assigneeId: Id.nullable().optional(),
    tags: z.array(Tag).max(20).optional(),
    bookingId: Id.nullable().optional(),
    guestId: Id.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type UpdateThreadInput = z.infer<typeof UpdateThreadBody>;

export const AddThreadMessageBody = z.strictObject({
  body: BodyText(MAX_MESSAGE_CHARS),
  /** true: an internal note, never e-mailed to the guest. */
  internal: z.boolean().default(false),
  /** Files (images, PDF) in base64: e-mailed with a reply as attachments. */
  attachments: AttachmentUploads,
});
export type AddThreadMessageInput = z.infer<typeof AddThreadMessageBody>;

export const ThreadMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out', 'note']),
  body: z.string(),
  createdAt: z.string(),
  author: z.object({ type: z.string(), id: z.string().nullable(), name: z.string() }),
  /** The outbox message a reply was e-mailed as (see the mail log), null for notes and incoming messages. */
  emailMessageId: z.string().nullable(),
  /** The message's files (GET /threads/{id}/attachments/{attachmentId}). */
  attachments: z.array(ThreadAttachmentSchema),
});

export const ThreadSummarySchema = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.enum(THREAD_STATUSES),
  priority: z.enum(THREAD_PRIORITIES),
  origin: z.string(),
  hotelContactId: z.string().nullable(),
  guestId: z.string().nullable(),
  bookingId: z.string().nullable(),
  bookingReference: z.string().nullable(),
  assigneeId: z.string().nullable(),
  tags: z.array(z.string()),
  /** The guest wrote last: the thread waits for a staff reply. */
  waitingForReply: z.boolean(),
  /** The sender as they wrote (masked without personal-data:read). */
  contactName: z.string(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  language: z.string().nullable(),
  messageCount: z.number().int(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
});
export type ThreadSummary = z.infer<typeof ThreadSummarySchema>;

export const ThreadSchema = ThreadSummarySchema.extend({ messages: z.array(ThreadMessageSchema) });

export const ThreadListResponse = z.object({
  items: z.array(ThreadSummarySchema),
  nextCursor: z.string().nullable(),
  /** Threads matching the filters (all pages). */
  total: z.number().int(),
});

/** The public contact form (site `/book/contact`): anonymous; the sender is resolved to a profile. */
export const ContactFormBody = z.strictObject({
  hotelContactId: Id,
  firstName: LineText(100).min(1),
  lastName: LineText(100).min(1),
  email: GuestEmail,
  phone: z.string().trim().min(3).max(40).optional(),
  subject: LineText(200).min(1),
  message: BodyText(MAX_MESSAGE_CHARS),
  bookingReference: LineText(100).min(1).optional(),
  language: z.enum(['en', 'es', 'fr']).optional(),
  /** The token of GET /public/contact/form: proves the form was shown at least a few seconds ago. */
  formToken: z.string().max(200).optional(),
  /** Honeypot: hidden from people; a robot that fills it is answered as if it had succeeded. */
  website: z.string().max(500).optional(),
  /** Files (JPEG, PNG, GIF, WebP, PDF; checked by content) in base64. */
  attachments: AttachmentUploads,
});
export type ContactFormInput = z.infer<typeof ContactFormBody>;

export const ContactFormResult = z.object({ threadId: z.string() });
