/**
 * E-mail (SPEC M-4): the outbox, templates per event and language, the SMTP worker and the
 * mail log. Other modules queue mail only through `queueEmail`, inside their own transaction.
 */
import type { Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { DB } from '../../db/schema.ts';
import type { EmailEvent } from './email.events.ts';
import { queueEmail as queue } from './email.service.ts';

export type { EmailEvent } from './email.events.ts';
export { EMAIL_EVENTS, EMAIL_LANGUAGES, EMAIL_PLACEHOLDERS } from './email.events.ts';
export { emailJobHandlers, messageIdFor, senderDomain, type MailSettings } from './email.sender.ts';
export { deleteGuestEmails, moveGuestEmails, restoreGuestEmails, EMAIL_SEND_JOB } from './email.service.ts';
export { registerEmailRoutes } from './email.routes.ts';
export { maskTokens } from './email.presenter.ts';

/** Queues one message in the caller's transaction (rendered from the org's template for event+language, falling back to English); the outbox worker sends it. */
export function queueEmail(
  ctx: Ctx,
  trx: Kysely<DB> /* a transaction or ctx.db */,
  message: {
    event: EmailEvent;
    to: string;
    language?: string | null;
    data: Record<string, unknown>;
    guestId?: string | null;
    dedupeKey?: string;
    /** Whose time zone dates and times are written in (default: the organisation's first property). */
    propertyId?: string | null;
    /** The Reply-To address (a thread's reply address). */
    replyTo?: string | null;
  },
): Promise<{ id: string }> {
  return queue(ctx, trx, message);
}
