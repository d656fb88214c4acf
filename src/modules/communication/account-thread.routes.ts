import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../../core/errors.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { customerCtx, type CustomerSession } from '../accounts/index.ts';
import { attachmentBodyLimit } from './attachment-files.ts';
import {
  AccountAnswerBody,
  AccountHotelContactsResponse,
  AccountThreadListResponse,
  AccountThreadMessageSchema,
  AccountThreadsQuery,
  AccountThreadWithMessages,
  NewAccountThreadBody,
} from './account-thread.schemas.ts';
import {
  answerAccountThread,
  createAccountThread,
  getAccountThread,
  listAccountHotelContacts,
  listAccountThreads,
} from './account-thread.service.ts';

const tags = ['account'];

function sessionOf(req: FastifyRequest): CustomerSession {
  if (!req.customer) throw unauthenticated('Sign in to your account first', 'customer_session_required');
  return req.customer;
}

/** The customer area's "Contact the hotel" (issue 16, point 4): the signed-in guest's own threads. */
export function registerAccountThreadRoutes(app: ApiApp, { database, config }: AppDeps): void {
  const ctxFor = (req: FastifyRequest) => customerCtx(database, sessionOf(req), req.id, req.ip);

  app.get('/api/v1/account/hotel-contacts', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'listAccountHotelContacts',
      tags,
      summary: 'The hotel’s contacts the signed-in guest may write to, named in `lang`',
      querystring: AccountThreadsQuery,
      response: withErrors({ 200: AccountHotelContactsResponse }),
    },
    handler: async (req) => ({ items: await listAccountHotelContacts(ctxFor(req), req.query.lang) }),
  });
  app.get('/api/v1/account/threads', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'listAccountThreads',
      tags,
      summary:
        'The signed-in guest’s own threads (written from the account or from its verified e-mail), last message first',
      querystring: AccountThreadsQuery,
      response: withErrors({ 200: AccountThreadListResponse }),
    },
    handler: async (req) => ({ items: await listAccountThreads(ctxFor(req), sessionOf(req), req.query.lang) }),
  });
  app.get('/api/v1/account/threads/:id', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'getAccountThread',
      tags,
      summary: 'One of the guest’s own threads with its messages in and out, oldest first (anyone else’s → 404)',
      params: IdParams,
      querystring: AccountThreadsQuery,
      response: withErrors({ 200: AccountThreadWithMessages }),
    },
    handler: async (req) => getAccountThread(ctxFor(req), sessionOf(req), req.params.id, req.query.lang),
  });
  app.post('/api/v1/account/threads', {
    config: { auth: 'customer', rateLimit: { max: 20, timeWindow: '1 minute' } },
    bodyLimit: attachmentBodyLimit(config.attachments),
    schema: {
      operationId: 'createAccountThread',
      tags,
      summary:
        'Write to one of the hotel’s contacts (optionally about one of the guest’s own bookings): opens a thread waiting for a reply',
      body: NewAccountThreadBody,
      response: withErrors({ 201: AccountThreadWithMessages }),
    },
    handler: async (req, reply) => {
      const thread = await createAccountThread(ctxFor(req), sessionOf(req), req.body, {
        publicUrl: config.publicUrl,
        attachments: config.attachments,
      });
      return reply.status(201).send(thread);
    },
  });
  app.post('/api/v1/account/threads/:id/messages', {
    config: { auth: 'customer', rateLimit: { max: 30, timeWindow: '1 minute' } },
    bodyLimit: attachmentBodyLimit(config.attachments),
    schema: {
      operationId: 'answerAccountThread',
      tags,
      summary: 'The guest answers in one of their threads: it waits for a staff reply again',
      params: IdParams,
      body: AccountAnswerBody,
      response: withErrors({ 201: AccountThreadMessageSchema }),
    },
    handler: async (req, reply) => {
      const m = await answerAccountThread(ctxFor(req), sessionOf(req), req.params.id, req.body, config.attachments);
      return reply.status(201).send(m);
    },
  });
}
