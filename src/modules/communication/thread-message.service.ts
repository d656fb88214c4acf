import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { conflict } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { queueEmail } from '../email/index.ts';
import { checkUploads, keepingFiles, stageFiles, type AttachmentLimits, type StagedFile } from './attachment-files.ts';
import { replyAddressFor } from './reply-address.ts';
import { insertAttachments, type ThreadAttachmentView } from './thread-attachment.service.ts';
import type { ThreadViewer } from './thread-access.ts';
import type { ThreadMessageRow } from './thread.presenter.ts';
import type { AddThreadMessageInput } from './thread.schemas.ts';
import { getThread } from './thread.service.ts';

/** What staff replies need from the server's configuration. */
export interface ReplySettings {
  mailFrom: string;
  attachments: AttachmentLimits;
}

/**
 * A staff message in a thread: an internal note (never e-mailed, the thread's state unchanged) or a
 * reply — e-mailed to the guest through the outbox with the thread's reply address, the thread no
 * longer waiting for a reply and, when open, waiting for the guest. In one transaction: a reply
 * that cannot be queued is not stored either.
 */
export async function addStaffMessage(
  ctx: Ctx,
  viewer: ThreadViewer,
  threadId: string,
  input: AddThreadMessageInput,
  settings: ReplySettings,
): Promise<ThreadMessageRow & { attachments: ThreadAttachmentView[] }> {
  // Files are checked before anything is stored, and deleted again if the message is not stored.
  const staged = await stageFiles(checkUploads(input.attachments, settings.attachments));
  const stored = ctx.db.transaction().execute(async (trx) => {
    // Locked: a guest's message arriving meanwhile is ordered before or after this one, never lost.
    const thread = await getThread(ctx, viewer, threadId, trx, { lock: true });
    const authorName = await actorName(ctx, trx);
    const id = newId('msg');
    let emailMessageId: string | null = null;
    if (!input.internal) {
      const guest = thread.guestId
        ? await trx
            .selectFrom('guest')
            .select(['firstName', 'email', 'language'])
            .where('id', '=', thread.guestId)
            .executeTakeFirst()
        : undefined;
      const to = thread.contactEmail ?? guest?.email ?? null;
      if (!to)
        throw conflict('thread_without_email', 'This guest has no e-mail address: add an internal note instead', [
          { field: 'internal', message: 'the guest cannot be e-mailed' },
        ]);
      const contact = thread.hotelContactId
        ? await trx
            .selectFrom('hotelContact')
            .select('names')
            .where('id', '=', thread.hotelContactId)
            .executeTakeFirst()
        : undefined;
      const language = thread.language ?? guest?.language ?? null;
      const names = contact?.names ?? {};
      const queued = await queueEmail(ctx, trx, {
        event: 'thread.reply',
        to,
        language,
        guestId: thread.guestId,
        replyTo: replyAddressFor(settings.mailFrom, thread.replyToken),
        data: {
          firstName: guest?.firstName || thread.contactName.split(' ')[0] || '',
          subject: thread.subject,
          message: input.body,
          staffName: authorName,
          contactName: names[language ?? 'en'] ?? names.en ?? '',
        },
      });
      emailMessageId = queued.id;
    }
    const { lastActivityAt } = await trx
      .updateTable('thread')
      .set({
        messageCount: sql<number>`message_count + 1`,
        lastActivityAt: nextActivity,
        ...(input.internal
          ? {}
          : {
              waitingForReply: false,
              status: sql<'open'>`case when status = 'open' then 'waiting_for_guest' else status end`,
            }),
      })
      .where('id', '=', threadId)
      .returning('lastActivityAt')
      .executeTakeFirstOrThrow();
    const message = await trx
      .insertInto('threadMessage')
      .values({
        orgId: ctx.orgId,
        id,
        threadId,
        direction: input.internal ? 'note' : 'out',
        body: input.body,
        authorType: ctx.actor.actorType,
        authorId: ctx.actor.actorId,
        authorName,
        emailMessageId,
        createdAt: lastActivityAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const attachments = await insertAttachments(ctx, trx, id, staged);
    await recordAudit(
      ctx,
      input.internal ? 'thread.note_added' : 'thread.replied',
      { type: 'thread', id: threadId },
      { messageId: id, emailMessageId, attachments: attachments.length },
      trx,
    );
    return { ...message, attachments };
  });
  return keepingFiles(staged, stored);
}

/**
 * A message from the guest (the contact form, the customer area, an e-mail reply): the thread
 * waits for a staff reply again and a closed or waiting thread is open again. One UPDATE takes the
 * thread's row lock, so concurrent arrivals each count once.
 */
export async function receiveGuestMessage(
  ctx: Ctx,
  trx: TenantDb,
  threadId: string,
  message: {
    body: string;
    authorName: string;
    authorId?: string | null;
    /** An e-mailed answer's whole text and Message-ID (inbound SMTP); `body` is its text for the display. */
    originalBody?: string | null;
    inboundMessageId?: string | null;
    /** Files already checked and written (stageFiles): their rows join the message. */
    attachments?: StagedFile[];
  },
): Promise<ThreadMessageRow & { attachments: ThreadAttachmentView[] }> {
  const updated = await trx
    .updateTable('thread')
    .set({
      messageCount: sql<number>`message_count + 1`,
      waitingForReply: true,
      status: 'open',
      lastActivityAt: nextActivity,
    })
    .where('id', '=', threadId)
    .returning(['guestId', 'lastActivityAt'])
    .executeTakeFirst();
  if (!updated) throw new Error(`thread ${threadId} vanished`);
  const row = await trx
    .insertInto('threadMessage')
    .values({
      orgId: ctx.orgId,
      id: newId('msg'),
      threadId,
      direction: 'in',
      body: message.body,
      authorType: 'guest',
      authorId: message.authorId ?? updated.guestId,
      authorName: message.authorName,
      emailMessageId: null,
      originalBody: message.originalBody ?? null,
      inboundMessageId: message.inboundMessageId ?? null,
      createdAt: updated.lastActivityAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, attachments: await insertAttachments(ctx, trx, row.id, message.attachments ?? []) };
}

/**
 * A thread's next activity time, taken under its row lock: now, but always after the previous one, so
 * its messages (stamped with it) are in the order their writers held the lock — the last message
 * is the one that set the waiting flag.
 */
const nextActivity = sql<Date>`greatest(date_trunc('milliseconds', clock_timestamp()), thread.last_activity_at + interval '1 millisecond')`;

async function actorName(ctx: Ctx, trx: TenantDb): Promise<string> {
  if (ctx.actor.actorType === 'staff' && ctx.actor.actorId) {
    const s = await trx.selectFrom('staffUser').select('name').where('id', '=', ctx.actor.actorId).executeTakeFirst();
    return s?.name ?? '';
  }
  if (ctx.actor.actorType === 'api_key' && ctx.actor.actorId) {
    const k = await trx.selectFrom('apiKey').select('name').where('id', '=', ctx.actor.actorId).executeTakeFirst();
    return k?.name ?? '';
  }
  return '';
}
