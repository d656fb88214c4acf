import type { Kysely, Updateable } from 'kysely';
import nodemailer from 'nodemailer';
import { newId } from '../../core/ids.ts';
import type { DB, EmailMessageTable, JobRow } from '../../db/schema.ts';
import { enqueueJob, type JobHandler } from '../../jobs/queue.ts';
// The leaf file, not communication/index.ts (communication queues e-mails through this module).
import { emailAttachmentsFor } from '../communication/thread-attachment.service.ts';
import { EMAIL_SEND_JOB, sendJobKey } from './email.service.ts';

export interface MailSettings {
  smtpUrl: string | undefined;
  mailFrom: string;
}

/** Automatic attempts before a message is marked failed (about 10 hours of back-off). */
export const MAX_ATTEMPTS = 15;

/** Back-off after the n-th failed attempt: 30 s, 1 min, 2 min … capped at one hour. */
export const backoffMs = (attempt: number) => Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));

/** The domain of the sender address, for Message-IDs. */
export function senderDomain(mailFrom: string): string {
  const match = /@([^\s>]+)>?\s*$/.exec(mailFrom);
  return match?.[1]?.toLowerCase() ?? 'localhost';
}

/** A Message-ID derived only from the message's id and the sender domain: the same on every attempt. */
export const messageIdFor = (id: string, mailFrom: string) => `<${id}@${senderDomain(mailFrom)}>`;

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  message?: string;
}

/** A recipient or message the server refuses for good (5xx on RCPT/DATA): retrying cannot help. */
function isPermanent(err: SmtpError): boolean {
  return (
    typeof err.responseCode === 'number' &&
    err.responseCode >= 500 &&
    err.responseCode < 600 &&
    (err.code === 'EENVELOPE' || err.code === 'EMESSAGE')
  );
}

function describe(err: unknown): string {
  const e = (err ?? {}) as SmtpError;
  const parts = [e.code, e.responseCode, e.response ?? e.message].filter((p) => p !== undefined && p !== '');
  return parts.join(' ').slice(0, 1000) || 'unknown error';
}

/**
 * Sends one outbox message. Runs in the job's transaction with the message row locked
 * (FOR UPDATE), so two workers never send the same message; a message that is not due,
 * already sent or held is skipped. SMTP failures do not throw: the attempt, the error and the
 * next attempt are committed on the message and a job is queued for that time, so the log
 * always shows where a message stands. See docs/guide/email.md ("Delivery guarantee").
 */
export async function deliverMessage(
  trx: Kysely<DB>,
  job: Pick<JobRow, 'orgId' | 'payload'>,
  settings: MailSettings,
): Promise<Record<string, unknown>> {
  const orgId = job.orgId;
  const id = typeof job.payload.messageId === 'string' ? job.payload.messageId : undefined;
  if (!orgId || !id) return { skipped: 'bad payload' };
  const row = await trx
    .selectFrom('emailMessage')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { skipped: 'gone' };
  if (row.status !== 'queued') return { skipped: row.status };
  const now = new Date();
  if (row.nextAttemptAt && row.nextAttemptAt.getTime() > now.getTime() + 1000) return { skipped: 'not due' };
  const update = (values: Updateable<EmailMessageTable>) =>
    trx.updateTable('emailMessage').set(values).where('orgId', '=', orgId).where('id', '=', id).execute();

  if (!settings.smtpUrl) {
    await update({
      status: 'held',
      nextAttemptAt: null,
      lastError: 'SMTP is not configured (SMTP_URL)',
      updatedAt: now,
    });
    return { held: true };
  }

  const messageId = row.messageId ?? messageIdFor(row.id, settings.mailFrom);
  const attempts = row.attempts + 1;
  // A staff reply's files (issue 16), read from the files area at each attempt.
  const attachments = row.event === 'thread.reply' ? await emailAttachmentsFor(trx, orgId, row.id) : [];
  try {
    const transport = nodemailer.createTransport({
      url: settings.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    try {
      await transport.sendMail({
        from: settings.mailFrom,
        to: row.toAddress,
        subject: row.subject,
        text: row.bodyText,
        ...(row.bodyHtml ? { html: row.bodyHtml } : {}),
        messageId,
        ...(row.replyTo ? { replyTo: row.replyTo } : {}),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Clientela-Event': row.event },
        ...(attachments.length ? { attachments } : {}),
      });
    } finally {
      transport.close();
    }
  } catch (err) {
    const permanent = isPermanent(err as SmtpError);
    const failed = permanent || attempts >= MAX_ATTEMPTS;
    const nextAttemptAt = failed ? null : new Date(now.getTime() + backoffMs(attempts));
    await update({
      status: failed ? 'failed' : 'queued',
      attempts,
      messageId,
      lastError: describe(err),
      nextAttemptAt,
      updatedAt: now,
    });
    if (nextAttemptAt) {
      await enqueueJob(
        trx,
        EMAIL_SEND_JOB,
        { messageId: id },
        { orgId, runAt: nextAttemptAt, dedupeKey: sendJobKey(id, `${attempts}-${newId('a')}`) },
      );
    }
    return { sent: false, attempts, error: describe(err), failed };
  }
  const sentAt = new Date();
  await update({
    status: 'sent',
    attempts,
    messageId,
    sentAt,
    lastError: null,
    nextAttemptAt: null,
    updatedAt: sentAt,
  });
  return { sent: true, attempts };
}

/** The e-mail job handlers, bound to the mail settings (config.smtpUrl / config.mailFrom). */
export function emailJobHandlers(settings: MailSettings): Record<string, JobHandler> {
  return {
    [EMAIL_SEND_JOB]: (job, trx) => deliverMessage(trx, job, settings),
  };
}
