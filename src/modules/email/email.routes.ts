import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { assertMaySearchContact, messageFor } from '../guests/index.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { EMAIL_EVENTS, EMAIL_LANGUAGES, EMAIL_PLACEHOLDERS } from './email.events.ts';
import { presentMessage, presentMessageSummary, presentTemplate } from './email.presenter.ts';
import {
  EmailMessageListSchema,
  EmailMessageSchema,
  EmailPreviewSchema,
  EmailTemplateListSchema,
  EmailTemplateSchema,
  MessageListQuery,
  PreviewBody,
  TemplateParams,
  UpdateTemplateBody,
} from './email.schemas.ts';
import {
  getMessage,
  getTemplate,
  listMessages,
  listTemplates,
  previewTemplate,
  releaseHeldMessages,
  resetTemplate,
  retryMessage,
  updateTemplate,
} from './email.service.ts';

const tags = ['email'];

/** M-4: templates per event and language (settings) and the mail log (messages). */
export function registerEmailRoutes(app: ApiApp, { database, config }: AppDeps): void {
  // Issue 11 (19): without SMTP, held messages never reach anyone; an owner may open their links.
  const mayRevealLinks = (req: FastifyRequest) =>
    !config.smtpUrl && req.principal?.kind === 'staff' && req.principal.role === 'owner';
  app.get('/api/v1/email/templates', {
    config: { auth: 'settings:read' },
    schema: {
      operationId: 'listEmailTemplates',
      tags,
      summary: 'Every e-mail template (event × language) with its placeholders',
      response: withErrors({ 200: EmailTemplateListSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return {
        events: EMAIL_EVENTS.map((event) => ({ event, placeholders: [...EMAIL_PLACEHOLDERS[event]] })),
        languages: [...EMAIL_LANGUAGES],
        items: (await listTemplates(ctx)).map(presentTemplate),
      };
    },
  });

  app.get('/api/v1/email/templates/:event/:language', {
    config: { auth: 'settings:read' },
    schema: {
      operationId: 'getEmailTemplate',
      tags,
      summary: 'One e-mail template (the org’s edit, or the default)',
      params: TemplateParams,
      response: withErrors({ 200: EmailTemplateSchema }),
    },
    handler: async (req) =>
      presentTemplate(await getTemplate(ctxOf(req, database), req.params.event, req.params.language)),
  });

  app.put('/api/v1/email/templates/:event/:language', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'updateEmailTemplate',
      tags,
      summary: 'Save the org’s version of a template; unknown placeholders or broken mustache → 400 naming the field',
      params: TemplateParams,
      body: UpdateTemplateBody,
      response: withErrors({ 200: EmailTemplateSchema }),
    },
    handler: async (req) =>
      presentTemplate(await updateTemplate(ctxOf(req, database), req.params.event, req.params.language, req.body)),
  });

  app.post('/api/v1/email/templates/:event/:language/reset', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'resetEmailTemplate',
      tags,
      summary: 'Drop the org’s edit: the default template applies again',
      params: TemplateParams,
      response: withErrors({ 200: EmailTemplateSchema }),
    },
    handler: async (req) =>
      presentTemplate(await resetTemplate(ctxOf(req, database), req.params.event, req.params.language)),
  });

  app.post('/api/v1/email/templates/:event/:language/preview', {
    config: { auth: 'settings:read' },
    schema: {
      operationId: 'previewEmailTemplate',
      tags,
      summary: 'Render a draft (or the saved template) with sample data',
      params: TemplateParams,
      body: PreviewBody,
      response: withErrors({ 200: EmailPreviewSchema }),
    },
    handler: async (req) => previewTemplate(ctxOf(req, database), req.params.event, req.params.language, req.body),
  });

  app.get('/api/v1/email/messages', {
    config: { auth: 'messages:read' },
    schema: {
      operationId: 'listEmailMessages',
      tags,
      summary: 'The mail log, newest first, filtered by status, event, recipient or guest',
      querystring: MessageListQuery,
      response: withErrors({ 200: EmailMessageListSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      assertMaySearchContact(ctx, req.query.to && `${req.query.to}@`); // a recipient filter is an e-mail search
      const { items, nextCursor } = await listMessages(ctx, req.query);
      return { items: items.map((m) => messageFor(ctx, presentMessageSummary(m))), nextCursor };
    },
  });

  app.get('/api/v1/email/messages/:id', {
    config: { auth: 'messages:read' },
    schema: {
      operationId: 'getEmailMessage',
      tags,
      summary:
        'One message of the mail log with its rendered body (one-time links masked, except for an owner while no SMTP server is configured)',
      params: IdParams,
      response: withErrors({ 200: EmailMessageSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return messageFor(ctx, presentMessage(await getMessage(ctx, req.params.id), mayRevealLinks(req)));
    },
  });

  app.post('/api/v1/email/messages/:id/retry', {
    config: { auth: 'messages:write' },
    schema: {
      operationId: 'retryEmailMessage',
      tags,
      summary: 'Send a held, failed or waiting message now (a sent message is never sent again)',
      params: IdParams,
      response: withErrors({ 200: EmailMessageSchema }),
    },
    handler: async (req) => presentMessage(await retryMessage(ctxOf(req, database), req.params.id)),
  });

  app.post('/api/v1/email/messages/release-held', {
    config: { auth: 'messages:write' },
    schema: {
      operationId: 'releaseHeldEmailMessages',
      tags,
      summary: 'Queue every held message for sending (after SMTP_URL is configured)',
      response: withErrors({ 200: z.object({ released: z.number().int() }) }),
    },
    handler: async (req) => ({ released: await releaseHeldMessages(ctxOf(req, database)) }),
  });
}
