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

export function presentMessage(r: MessageRow): EmailMessage {
  return {
    ...presentMessageSummary(r),
    bodyText: maskTokens(r.bodyText),
    bodyHtml: r.bodyHtml ? maskTokens(r.bodyHtml) : null,
  };
}
