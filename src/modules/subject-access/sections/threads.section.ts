import { sql } from 'kysely';
import type { GuestSubject, Section } from './section.ts';
import { iso } from './section.ts';

/** The profile's customer-service threads (issue 16, P-3): about the guest, or written from one of its e-mails. */
export const guestThreads: Section<GuestSubject, 'threads'> = async (ctx, { guest, emails }) => {
  const threads = await ctx.db
    .selectFrom('thread')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('guestId', '=', guest.id),
        ...(emails.length ? [eb(sql<string>`lower(contact_email)`, 'in', emails)] : []),
      ]),
    )
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const messages = threads.length
    ? await ctx.db
        .selectFrom('threadMessage')
        .selectAll()
        .where(
          'threadId',
          'in',
          threads.map((t) => t.id),
        )
        .orderBy('createdAt')
        .orderBy('id')
        .execute()
    : [];
  const files = messages.length
    ? await ctx.db
        .selectFrom('threadAttachment')
        .select(['id', 'messageId', 'fileName', 'contentType', 'size', 'sha256'])
        .where(
          'messageId',
          'in',
          messages.map((m) => m.id),
        )
        .orderBy('createdAt')
        .orderBy('position')
        .execute()
    : [];
  return threads.map((t) => ({
    id: t.id,
    subject: t.subject,
    status: t.status,
    origin: t.origin,
    contactName: t.contactName,
    contactEmail: t.contactEmail,
    contactPhone: t.contactPhone,
    createdAt: iso(t.createdAt),
    messages: messages
      .filter((m) => m.threadId === t.id)
      .map((m) => ({
        id: m.id,
        direction: m.direction,
        body: m.body,
        originalBody: m.originalBody,
        authorName: m.authorName,
        createdAt: iso(m.createdAt),
        attachments: files
          .filter((f) => f.messageId === m.id)
          .map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size, sha256: f.sha256 })),
      })),
  }));
};
