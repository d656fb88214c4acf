import type { Selectable } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { ThreadMessageTable, ThreadTable } from '../../db/schema.ts';
import { contactFor } from '../guests/index.ts';
import type { ThreadAttachmentView } from './thread-attachment.service.ts';
import type { ThreadSummary } from './thread.schemas.ts';

export type ThreadRow = Selectable<ThreadTable>;
export type ThreadMessageRow = Selectable<ThreadMessageTable>;

/** A thread as the API shows it; the sender's e-mail and phone masked without personal-data:read. */
export function presentThread(ctx: Ctx, row: ThreadRow & { bookingReference: string | null }): ThreadSummary {
  const contact = contactFor(ctx, { email: row.contactEmail, phone: row.contactPhone });
  return {
    id: row.id,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    origin: row.origin,
    hotelContactId: row.hotelContactId,
    guestId: row.guestId,
    bookingId: row.bookingId,
    bookingReference: row.bookingReference,
    assigneeId: row.assigneeId,
    tags: row.tags,
    waitingForReply: row.waitingForReply,
    contactName: row.contactName,
    contactEmail: contact.email,
    contactPhone: contact.phone,
    language: row.language,
    messageCount: row.messageCount,
    createdAt: row.createdAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
  };
}

export function presentMessage(m: ThreadMessageRow, attachments: ThreadAttachmentView[] = []) {
  return {
    id: m.id,
    direction: m.direction,
    body: m.body,
    createdAt: m.createdAt.toISOString(),
    author: { type: m.authorType, id: m.authorId, name: m.authorName },
    emailMessageId: m.emailMessageId,
    attachments,
  };
}
