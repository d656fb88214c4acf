import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import {
  CannedReplyList,
  CannedReplySchema,
  CreateCannedReplyBody,
  RenderCannedReplyParams,
  RenderedCannedReply,
  UpdateCannedReplyBody,
} from './canned-reply.schemas.ts';
import {
  createCannedReply,
  deleteCannedReply,
  listCannedReplies,
  presentCannedReply,
  renderCannedReply,
  updateCannedReply,
} from './canned-reply.service.ts';
import { viewerOf } from './thread-access.ts';

const tags = ['communication'];

/** Settings → Canned replies (M-2): listed with threads:read, edited with threads:write. */
export function registerCannedReplyRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/canned-replies', {
    config: { auth: 'threads:read' },
    schema: {
      operationId: 'listCannedReplies',
      tags,
      summary: 'The hotel’s canned replies, by title: a body per language (`en` always)',
      response: withErrors({ 200: CannedReplyList }),
    },
    handler: async (req) => ({ items: (await listCannedReplies(ctxOf(req, database))).map(presentCannedReply) }),
  });
  app.post('/api/v1/canned-replies', {
    config: { auth: 'threads:write' },
    schema: {
      operationId: 'createCannedReply',
      tags,
      summary:
        'Add a canned reply: `title`, `bodies` `{en, es?, fr?}` with placeholders `{{guest.firstName}}`, `{{guest.lastName}}`, `{{booking.reference}}`, `{{thread.subject}}`; `hotelContactId?`',
      body: CreateCannedReplyBody,
      response: withErrors({ 201: CannedReplySchema }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(presentCannedReply(await createCannedReply(ctxOf(req, database), req.body))),
  });
  app.patch('/api/v1/canned-replies/:id', {
    config: { auth: 'threads:write' },
    schema: {
      operationId: 'updateCannedReply',
      tags,
      summary: 'Change a canned reply’s title, bodies or contact',
      params: IdParams,
      body: UpdateCannedReplyBody,
      response: withErrors({ 200: CannedReplySchema }),
    },
    handler: async (req) => presentCannedReply(await updateCannedReply(ctxOf(req, database), req.params.id, req.body)),
  });
  app.delete('/api/v1/canned-replies/:id', {
    config: { auth: 'threads:write' },
    schema: {
      operationId: 'deleteCannedReply',
      tags,
      summary: 'Delete a canned reply',
      params: IdParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await deleteCannedReply(ctxOf(req, database), req.params.id);
      return reply.status(204).send(null);
    },
  });
  app.get('/api/v1/canned-replies/:id/for-thread/:threadId', {
    config: { auth: 'threads:read' },
    schema: {
      operationId: 'renderCannedReply',
      tags,
      summary:
        'A canned reply ready to insert in a thread: in the thread’s language (else the guest’s, else English), placeholders filled',
      params: RenderCannedReplyParams,
      response: withErrors({ 200: RenderedCannedReply }),
    },
    handler: async (req) => renderCannedReply(ctxOf(req, database), viewerOf(req), req.params.id, req.params.threadId),
  });
}
