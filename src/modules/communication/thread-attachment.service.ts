import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { fileAreaPath } from '../../core/file-store.ts';
import type { TenantDb } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { openStoredFile, type StagedFile } from './attachment-files.ts';

/** An attachment as a message lists it; its bytes are at the thread's download route. */
export const ThreadAttachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type ThreadAttachmentView = z.infer<typeof ThreadAttachmentSchema>;

/** The rows of a message's staged files, in the message's transaction. */
export async function insertAttachments(
  ctx: Ctx,
  trx: TenantDb,
  messageId: string,
  staged: StagedFile[],
): Promise<ThreadAttachmentView[]> {
  if (staged.length === 0) return [];
  const rows = await trx
    .insertInto('threadAttachment')
    .values(
      staged.map((f, position) => ({
        orgId: ctx.orgId,
        id: newId('att'),
        messageId,
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.bytes.length,
        sha256: f.sha256,
        storageKey: f.storageKey,
        position,
      })),
    )
    .returning(['id', 'fileName', 'contentType', 'size'])
    .execute();
  return rows;
}

/** The attachments of some messages, by message id (in the order they were sent). */
export async function attachmentsByMessage(
  db: TenantDb,
  messageIds: string[],
): Promise<Map<string, ThreadAttachmentView[]>> {
  const byMessage = new Map<string, ThreadAttachmentView[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .selectFrom('threadAttachment')
    .select(['id', 'messageId', 'fileName', 'contentType', 'size'])
    .where('messageId', 'in', messageIds)
    .orderBy('createdAt')
    .orderBy('position')
    .execute();
  for (const { messageId, ...a } of rows) byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), a]);
  return byMessage;
}

/**
 * One attachment of a thread (the caller has checked the thread is visible to the reader);
 * `guestView` leaves out the attachments of internal notes. Anything else: 404.
 */
export async function findThreadAttachment(db: TenantDb, threadId: string, attachmentId: string, guestView: boolean) {
  let q = db
    .selectFrom('threadAttachment as a')
    .innerJoin('threadMessage as m', (j) => j.onRef('m.orgId', '=', 'a.orgId').onRef('m.id', '=', 'a.messageId'))
    .select(['a.id', 'a.fileName', 'a.contentType', 'a.size', 'a.storageKey'])
    .where('a.id', '=', attachmentId)
    .where('m.threadId', '=', threadId);
  if (guestView) q = q.where('m.direction', 'in', ['in', 'out']);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('Attachment');
  return row;
}

/** `filename*` (RFC 6266/8187) with an ASCII fallback: the sanitised name, never a path. */
function disposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends an attachment as a download, never for display: Content-Disposition attachment, the type
 * detected when it was received, nosniff, and a sandboxing CSP should a browser render it anyway.
 */
export async function sendAttachment(
  reply: FastifyReply,
  row: { fileName: string; contentType: string; storageKey: string },
) {
  const file = await openStoredFile(row.storageKey);
  if (!file) throw notFound('Attachment');
  return reply
    .type(row.contentType)
    .header('content-length', file.size)
    .header('content-disposition', disposition(row.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.stream);
}

/**
 * The files of the thread message an outbox e-mail was queued for (a staff reply), for the sender
 * (nodemailer reads them from the files area). Unscoped query with an explicit organisation: the
 * sender runs on the system connection.
 */
export async function emailAttachmentsFor(
  db: Kysely<DB>,
  orgId: string,
  emailMessageId: string,
): Promise<{ filename: string; contentType: string; path: string }[]> {
  const rows = await db
    .selectFrom('threadAttachment as a')
    .innerJoin('threadMessage as m', (j) => j.onRef('m.orgId', '=', 'a.orgId').onRef('m.id', '=', 'a.messageId'))
    .select(['a.fileName', 'a.contentType', 'a.storageKey'])
    .where('m.orgId', '=', orgId)
    .where('m.emailMessageId', '=', emailMessageId)
    .orderBy('a.createdAt')
    .orderBy('a.position')
    .execute();
  return rows.map((r) => ({
    filename: r.fileName,
    contentType: r.contentType,
    path: fileAreaPath('attachments', r.storageKey),
  }));
}
