import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { unauthenticated } from '../../core/errors.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { customerCtx, type CustomerSession } from '../accounts/index.ts';
import {
  AccountAnswerBody,
  AccountThreadListResponse,
  AccountThreadMessageSchema,
  AccountThreadsQuery,
  AccountThreadWithMessages,
  NewAccountThreadBody,
  attachmentBodyLimit,
  findThreadAttachment,
  sendAttachment,
} from '../communication/index.ts';
import { AccountCompanyParams } from './account-company.schemas.ts';
import {
  answerCompanyThread,
  assertCompanyThread,
  createCompanyThread,
  getCompanyThread,
  listCompanyThreads,
} from './account-company-threads.ts';

const tags = ['account'];
const ThreadParams = AccountCompanyParams.extend({ threadId: z.string().min(1).max(64) });
const WHO = '(support contacts; not a contact → 404, another role → 403)';

function sessionOf(req: FastifyRequest): CustomerSession {
  if (!req.customer) throw unauthenticated('Sign in to your account first', 'customer_session_required');
  return req.customer;
}

/** The support section of the company area (issue 15, C-3): the company's customer-service threads. */
export function registerAccountCompanyThreadRoutes(app: ApiApp, { database, config }: AppDeps): void {
  const ctxFor = (req: FastifyRequest) => customerCtx(database, sessionOf(req), req.id, req.ip);
  const base = '/api/v1/account/company/:companyId/threads';

  app.get(base, {
    config: { auth: 'customer' },
    schema: {
      operationId: 'listAccountCompanyThreads',
      tags,
      summary: `The company’s threads: about its bookings or opened for it, last message first ${WHO}`,
      params: AccountCompanyParams,
      querystring: AccountThreadsQuery,
      response: withErrors({ 200: AccountThreadListResponse }),
    },
    handler: async (req) => ({
      items: await listCompanyThreads(ctxFor(req), sessionOf(req), req.params.companyId, req.query.lang),
    }),
  });
  app.get(`${base}/:threadId`, {
    config: { auth: 'customer' },
    schema: {
      operationId: 'getAccountCompanyThread',
      tags,
      summary: `One of the company’s threads with its messages in and out, never notes ${WHO}`,
      params: ThreadParams,
      querystring: AccountThreadsQuery,
      response: withErrors({ 200: AccountThreadWithMessages }),
    },
    handler: async (req) =>
      getCompanyThread(ctxFor(req), sessionOf(req), req.params.companyId, req.params.threadId, req.query.lang),
  });
  app.post(base, {
    config: { auth: 'customer', rateLimit: { max: 20, timeWindow: '1 minute' } },
    bodyLimit: attachmentBodyLimit(config.attachments),
    schema: {
      operationId: 'createAccountCompanyThread',
      tags,
      summary: `Write to the hotel for the company (optionally about one of its bookings) ${WHO}`,
      params: AccountCompanyParams,
      body: NewAccountThreadBody,
      response: withErrors({ 201: AccountThreadWithMessages }),
    },
    handler: async (req, reply) => {
      const thread = await createCompanyThread(ctxFor(req), sessionOf(req), req.params.companyId, req.body, {
        publicUrl: config.publicUrl,
        attachments: config.attachments,
      });
      return reply.status(201).send(thread);
    },
  });
  app.post(`${base}/:threadId/messages`, {
    config: { auth: 'customer', rateLimit: { max: 30, timeWindow: '1 minute' } },
    bodyLimit: attachmentBodyLimit(config.attachments),
    schema: {
      operationId: 'answerAccountCompanyThread',
      tags,
      summary: `Answer in one of the company’s threads: it waits for a staff reply again ${WHO}`,
      params: ThreadParams,
      body: AccountAnswerBody,
      response: withErrors({ 201: AccountThreadMessageSchema }),
    },
    handler: async (req, reply) => {
      const m = await answerCompanyThread(
        ctxFor(req),
        sessionOf(req),
        req.params.companyId,
        req.params.threadId,
        req.body,
        config.attachments,
      );
      return reply.status(201).send(m);
    },
  });
  app.get(`${base}/:threadId/attachments/:attachmentId`, {
    config: { auth: 'customer' },
    schema: {
      operationId: 'downloadAccountCompanyThreadAttachment',
      tags,
      summary: `A file of a message in one of the company’s threads (never of a staff note), as a download ${WHO}`,
      params: ThreadParams.extend({ attachmentId: z.string().min(1).max(64) }),
      response: withErrors({ 200: z.string().describe('the file (image or PDF), always as a download') }),
    },
    handler: async (req, reply) => {
      const ctx = ctxFor(req);
      await assertCompanyThread(ctx, sessionOf(req), req.params.companyId, req.params.threadId);
      return sendAttachment(
        reply,
        await findThreadAttachment(ctx.db, req.params.threadId, req.params.attachmentId, true),
      );
    },
  });
}
