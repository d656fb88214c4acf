import { z } from 'zod';
import { EMAIL_EVENTS, EMAIL_LANGUAGES } from './email.events.ts';

export const EmailEventSchema = z.enum(EMAIL_EVENTS);
export const EmailLanguageSchema = z.enum(EMAIL_LANGUAGES);
export const EmailStatusSchema = z.enum(['queued', 'sending', 'sent', 'failed', 'held']);

export const TemplateParams = z.strictObject({
  event: z.string().min(1).max(64),
  language: z.string().min(1).max(8),
});

export const EmailTemplateSchema = z
  .object({
    event: EmailEventSchema,
    language: EmailLanguageSchema,
    subject: z.string(),
    bodyText: z.string(),
    bodyHtml: z.string().nullable(),
    placeholders: z.array(z.string()),
    customised: z.boolean().describe('false: the built-in default applies'),
    updatedAt: z.string().nullable(),
    updatedBy: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'EmailTemplate' });

export const EmailTemplateListSchema = z
  .object({
    events: z.array(z.object({ event: EmailEventSchema, placeholders: z.array(z.string()) })),
    languages: z.array(EmailLanguageSchema),
    items: z.array(EmailTemplateSchema),
  })
  .meta({ id: 'EmailTemplateList' });

export const UpdateTemplateBody = z.strictObject({
  subject: z.string().trim().min(1).max(300),
  bodyText: z.string().trim().min(1).max(20_000),
  bodyHtml: z.string().max(100_000).nullable().optional(),
});

export const PreviewBody = z.strictObject({
  subject: z.string().max(300).optional(),
  bodyText: z.string().max(20_000).optional(),
  bodyHtml: z.string().max(100_000).nullable().optional(),
});

export const EmailPreviewSchema = z
  .object({
    subject: z.string(),
    bodyText: z.string(),
    bodyHtml: z.string().nullable(),
    data: z.record(z.string(), z.string()).describe('The sample values used'),
  })
  .meta({ id: 'EmailPreview' });

export const EmailMessageSummarySchema = z
  .object({
    id: z.string(),
    event: z.string(),
    to: z.string(),
    language: z.string(),
    subject: z.string(),
    status: EmailStatusSchema,
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    sentAt: z.string().nullable(),
    messageId: z.string().nullable().describe('The Message-ID header, the same on every attempt'),
    guestId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EmailMessageSummary' });

export const EmailMessageSchema = EmailMessageSummarySchema.extend({
  bodyText: z.string().describe('One-time links (token=…) are masked, except as linksRevealed says'),
  bodyHtml: z.string().nullable(),
  linksRevealed: z
    .boolean()
    .describe(
      'True when the one-time links are shown: no SMTP server is configured, the message was never sent and the viewer is an owner (issue 11, 19)',
    ),
}).meta({ id: 'EmailMessage' });

export const MessageListQuery = z.strictObject({
  status: EmailStatusSchema.optional(),
  event: EmailEventSchema.optional(),
  to: z.string().trim().min(1).max(320).optional().describe('Part of the recipient address'),
  guestId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const EmailMessageListSchema = z
  .object({ items: z.array(EmailMessageSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'EmailMessageList' });

export type EmailTemplate = z.infer<typeof EmailTemplateSchema>;
export type EmailMessageSummary = z.infer<typeof EmailMessageSummarySchema>;
export type EmailMessage = z.infer<typeof EmailMessageSchema>;
