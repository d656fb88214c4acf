import { sql, type Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { newId } from '../../core/ids.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import type { PersonResolver } from '../bookings/index.ts';
import { queueEmail, senderDomain } from '../email/index.ts';
import { keepingFiles, stageFiles, type AttachmentLimits, type StagedFile } from './attachment-files.ts';
import { checkInboundFiles } from './inbound-attachments.ts';
import type { InboundMail } from './inbound-parse.ts';
import { newReplyToken, tokenOfAddress } from './reply-address.ts';
import { receiveGuestMessage } from './thread-message.service.ts';

/** What became of one inbound e-mail. */
export type InboundOutcome =
  | { outcome: 'joined' | 'opened' | 'noted' | 'duplicate'; orgId: string; threadId: string }
  | { outcome: 'dropped'; reason: string };

export interface InboundSettings {
  mailFrom: string;
  publicUrl: string;
  attachments: AttachmentLimits;
}

interface ThreadRef {
  orgId: string;
  threadId: string;
}

/**
 * Finds the thread an e-mail belongs to: the reply-address token of a recipient first (the
 * address the hotel's e-mail asked to be answered at), then In-Reply-To / References against the
 * Message-IDs of the hotel's e-mails (`<outbox id@domain>`) and of earlier inbound messages.
 * Unscoped: the organisation is what is being found (tokens and outbox ids are unique).
 */
async function findThread(system: Kysely<DB>, mail: InboundMail, domain: string): Promise<ThreadRef | undefined> {
  for (const address of mail.recipients) {
    const token = tokenOfAddress(address);
    if (!token) continue;
    const t = await system
      .selectFrom('thread')
      .select(['orgId', 'id'])
      .where('replyToken', '=', token)
      .executeTakeFirst();
    if (t) return { orgId: t.orgId, threadId: t.id };
    // The token of a thread merged into another (thread-join.ts) leads to the survivor.
    const alias = await system
      .selectFrom('threadAlias')
      .select(['orgId', 'survivorId'])
      .where('replyToken', '=', token)
      .executeTakeFirst();
    if (alias) return { orgId: alias.orgId, threadId: alias.survivorId };
  }
  for (const ref of mail.references) {
    const outboxId = new RegExp(
      `^<([A-Za-z0-9_-]{1,100})@${domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>$`,
      'i',
    ).exec(ref)?.[1];
    const m = await system
      .selectFrom('threadMessage')
      .select(['orgId', 'threadId'])
      .where((eb) =>
        outboxId
          ? eb.or([eb('emailMessageId', '=', outboxId), eb('inboundMessageId', '=', ref)])
          : eb('inboundMessageId', '=', ref),
      )
      .limit(1)
      .executeTakeFirst();
    if (m) return m;
  }
  return undefined;
}

/** The hotel contact an e-mail was sent to (its notification address), for a new thread. */
async function findContact(system: Kysely<DB>, mail: InboundMail) {
  if (mail.recipients.length === 0) return undefined;
  return system
    .selectFrom('hotelContact')
    .select(['orgId', 'id', 'email', 'names'])
    .where(sql<string>`lower(email)`, 'in', mail.recipients)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
}

const systemCtx = (database: Database, orgId: string): Ctx => ({
  db: database.forOrg(orgId),
  orgId,
  actor: { actorType: 'system', actorId: null },
  requestId: null,
  permissions: 'system',
});

/**
 * Files one received e-mail (issue 16 point 3):
 * - a person's message that names a thread (token or references) joins it as the guest's message
 *   (`receiveGuestMessage`: the thread is open and waits for a reply again); the same Message-ID
 *   delivered twice is stored once;
 * - a bounce or an auto-reply that names a thread is recorded there as an internal note and
 *   changes nothing else (the thread is not reopened and does not wait for a reply);
 * - a person's message naming no thread, sent to a hotel contact's address, opens a new thread on
 *   that contact, its sender resolved to a profile through the identity resolver;
 * - anything else (an automatic mail naming no thread, a message to no contact) is dropped.
 */
export async function fileInboundMail(
  database: Database,
  mail: InboundMail,
  resolvePerson: PersonResolver,
  settings: InboundSettings,
): Promise<InboundOutcome> {
  const found = await findThread(database.system, mail, senderDomain(settings.mailFrom));
  // A person's files are kept (the refused ones named in the message); a bounce's or auto-reply's are dropped.
  const files = checkInboundFiles(mail.kind === 'message' ? mail.files : [], settings.attachments);
  const body = mail.body + files.refusedNote;
  const staged: StagedFile[] = [];
  if (found) {
    const ctx = systemCtx(database, found.orgId);
    const filed = ctx.db.transaction().execute(async (trx): Promise<InboundOutcome> => {
      if (mail.messageId) {
        const seen = await trx
          .selectFrom('threadMessage')
          .select('threadId')
          .where('inboundMessageId', '=', mail.messageId)
          .executeTakeFirst();
        if (seen) return { outcome: 'duplicate', orgId: found.orgId, threadId: seen.threadId };
      }
      if (mail.kind !== 'message') {
        const label = mail.kind === 'bounce' ? 'Delivery failure (bounce)' : 'Automatic reply';
        const thread = await trx
          .updateTable('thread')
          .set({ messageCount: sql<number>`message_count + 1` })
          .where('id', '=', found.threadId)
          .returning('lastActivityAt')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('threadMessage')
          .values({
            orgId: found.orgId,
            id: newId('msg'),
            threadId: found.threadId,
            direction: 'note',
            body: `${label} from ${mail.fromAddress ?? 'an unknown sender'}: ${mail.subject}\n\n${mail.body}`.slice(
              0,
              20_000,
            ),
            originalBody: mail.original,
            inboundMessageId: mail.messageId,
            authorType: 'system',
            authorId: null,
            authorName: label,
            emailMessageId: null,
            // Just after the thread's last activity: the note sorts last without moving the thread.
            createdAt: new Date(thread.lastActivityAt.getTime() + 1),
          })
          .execute();
        await recordAudit(ctx, `thread.${mail.kind}_received`, { type: 'thread', id: found.threadId }, {}, trx);
        return { outcome: 'noted', orgId: found.orgId, threadId: found.threadId };
      }
      staged.push(...(await stageFiles(files.checked)));
      await receiveGuestMessage(ctx, trx, found.threadId, {
        body,
        authorName: mail.fromName || mail.fromAddress || '',
        originalBody: mail.original,
        inboundMessageId: mail.messageId,
        attachments: staged,
      });
      await recordAudit(ctx, 'thread.email_received', { type: 'thread', id: found.threadId }, {}, trx);
      return { outcome: 'joined', orgId: found.orgId, threadId: found.threadId };
    });
    return keepingFiles(staged, filed);
  }
  if (mail.kind !== 'message') return { outcome: 'dropped', reason: `${mail.kind} naming no thread` };
  if (!mail.fromAddress) return { outcome: 'dropped', reason: 'no sender' };
  const contact = await findContact(database.system, mail);
  if (!contact) return { outcome: 'dropped', reason: 'not addressed to a hotel contact' };
  const ctx = systemCtx(database, contact.orgId);
  const sender = mail.fromAddress;
  const filed = ctx.db.transaction().execute(async (trx): Promise<InboundOutcome> => {
    if (mail.messageId) {
      const seen = await trx
        .selectFrom('threadMessage')
        .select('threadId')
        .where('inboundMessageId', '=', mail.messageId)
        .executeTakeFirst();
      if (seen) return { outcome: 'duplicate', orgId: contact.orgId, threadId: seen.threadId };
    }
    const [firstName = '', ...rest] = mail.fromName.trim().split(/\s+/);
    const guestId = await resolvePerson(
      ctx,
      trx,
      { firstName: firstName || sender.split('@')[0] || '', lastName: rest.join(' '), email: sender },
      { source: 'form', role: 'customer' },
    );
    const threadId = newId('thr');
    await trx
      .insertInto('thread')
      .values({
        orgId: contact.orgId,
        id: threadId,
        hotelContactId: contact.id,
        guestId,
        bookingId: null,
        subject: mail.subject || '(no subject)',
        origin: 'email',
        contactName: mail.fromName || sender,
        contactEmail: sender,
        contactPhone: null,
        language: null,
        replyToken: newReplyToken(),
        waitingForReply: true,
        messageCount: 0,
      })
      .execute();
    staged.push(...(await stageFiles(files.checked)));
    await receiveGuestMessage(ctx, trx, threadId, {
      body,
      authorName: mail.fromName || sender,
      originalBody: mail.original,
      inboundMessageId: mail.messageId,
      attachments: staged,
    });
    await queueEmail(ctx, trx, {
      event: 'thread.staff_alert',
      to: contact.email,
      guestId,
      data: {
        senderName: mail.fromName || sender,
        subject: mail.subject,
        message: mail.body,
        contactName: contact.names.en ?? '',
        threadUrl: `${settings.publicUrl.replace(/\/$/, '')}/admin/threads/${threadId}`,
      },
    });
    await recordAudit(ctx, 'thread.created', { type: 'thread', id: threadId }, { origin: 'email', guestId }, trx);
    return { outcome: 'opened', orgId: contact.orgId, threadId };
  });
  return keepingFiles(staged, filed);
}
