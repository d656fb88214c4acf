import type { Selectable } from 'kysely';
import type { EmailMessageTable } from '../../db/schema.ts';
import { EMAIL_PLACEHOLDERS } from './email.events.ts';
import type { EmailMessage, EmailMessageSummary, EmailTemplate } from './email.schemas.ts';
import type { ResolvedTemplate } from './email.service.ts';

type MessageRow = Selectable<EmailMessageTable>;

export function presentTemplate(t: ResolvedTemplate): EmailTemplate {
  return {
    event: t.event,
    language: t.language,
    subject: t.template.subject,
    bodyText: t.template.bodyText,
    bodyHtml: t.template.bodyHtml,
    placeholders: [...EMAIL_PLACEHOLDERS[t.event]],
    customised: t.customised,
    updatedAt: t.updatedAt?.toISOString() ?? null,
    updatedBy: t.updatedBy,
  };
}

/** One-time tokens in links are secrets of the recipient: never shown back to staff. */
export const maskTokens = (text: string) =>
  text.replace(/([?&](?:token|code|key|secret)=)[^&\s"'<>]+/gi, (_m, prefix: string) => `${prefix}••••••`);

export function presentMessageSummary(r: MessageRow): EmailMessageSummary {
  return {
    id: r.id,
    event: r.event,
    to: r.toAddress,
    language: r.language,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    lastError: r.lastError,
    sentAt: r.sentAt?.toISOString() ?? null,
    messageId: r.messageId,
    guestId: r.guestId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * One message of the mail log. Its one-time links are masked unless `mayRevealLinks` (no SMTP
 * server configured and the viewer is an owner: the only way to try accounts without mail) and
 * the message never left (queued or held).
 */
export function presentMessage(r: MessageRow, mayRevealLinks = false): EmailMessage {
  const reveal = mayRevealLinks && (r.status === 'held' || r.status === 'queued');
  const show = (text: string) => (reveal ? text : maskTokens(text));
  return {
    ...presentMessageSummary(r),
    bodyText: show(r.bodyText),
    bodyHtml: r.bodyHtml ? show(r.bodyHtml) : null,
    linksRevealed: reveal,
  };
}
