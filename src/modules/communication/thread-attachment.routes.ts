import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { unauthenticated } from '../../core/errors.ts';
import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { customerCtx } from '../accounts/index.ts';
import { assertOwnThread } from './account-thread.service.ts';
import { viewerOf } from './thread-access.ts';
import { findThreadAttachment, sendAttachment } from './thread-attachment.service.ts';
import { getThread } from './thread.service.ts';

const Params = z.strictObject({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) });
const File = z.string().describe('the file (image or PDF), always as a download');
const SUMMARY =
  'Content-Disposition: attachment, the type detected from the content when it was received, X-Content-Type-Options: nosniff';

/** Downloads of thread attachments (issue 16, M-3): staff by the thread visibility rule, guests their own threads'. */
export function registerThreadAttachmentRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/threads/:id/attachments/:attachmentId', {
    config: { auth: 'threads:read' },
    schema: {
      operationId: 'downloadThreadAttachment',
      tags: ['communication'],
      summary: `A file of a thread’s message (a thread the reader may not see: 404). ${SUMMARY}`,
      params: Params,
      response: withErrors({ 200: File }),
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, database);
      await getThread(ctx, viewerOf(req), req.params.id);
      return sendAttachment(reply, await findThreadAttachment(ctx.db, req.params.id, req.params.attachmentId, false));
    },
  });
  app.get('/api/v1/account/threads/:id/attachments/:attachmentId', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'downloadAccountThreadAttachment',
      tags: ['account'],
      summary: `A file of a message in one of the signed-in guest’s threads (never of a staff note). ${SUMMARY}`,
      params: Params,
      response: withErrors({ 200: File }),
    },
    handler: async (req: FastifyRequest<{ Params: z.infer<typeof Params> }>, reply) => {
      if (!req.customer) throw unauthenticated('Sign in to your account first', 'customer_session_required');
      const ctx = customerCtx(database, req.customer, req.id, req.ip);
      await assertOwnThread(ctx, req.customer, req.params.id);
      return sendAttachment(reply, await findThreadAttachment(ctx.db, req.params.id, req.params.attachmentId, true));
    },
  });
}
