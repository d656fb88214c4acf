import { AppError } from '../../core/errors.ts';
import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { attachmentBodyLimit } from './attachment-files.ts';
import { viewerOf } from './thread-access.ts';
import { mergedThreadError } from './thread-join.ts';
import { attachmentsByMessage } from './thread-attachment.service.ts';
import { addStaffMessage } from './thread-message.service.ts';
import { presentMessage, presentThread } from './thread.presenter.ts';
import {
  AddThreadMessageBody,
  ListThreadsQuery,
  ThreadListResponse,
  ThreadMessageSchema,
  ThreadSchema,
  UpdateThreadBody,
} from './thread.schemas.ts';
import { getThread, listThreadMessages, listThreads, updateThread } from './thread.service.ts';
import type { Ctx } from '../../core/context.ts';
import type { ThreadWithBooking } from './thread.service.ts';

const tags = ['communication'];

/** A thread with its messages and their attachments, as the inbox answers it. */
export async function withMessages(ctx: Ctx, thread: ThreadWithBooking) {
  const messages = await listThreadMessages(ctx, thread.id);
  const files = await attachmentsByMessage(
    ctx.db,
    messages.map((m) => m.id),
  );
  return { ...presentThread(ctx, thread), messages: messages.map((m) => presentMessage(m, files.get(m.id))) };
}

/** The customer-service inbox (M-2): threads:read to read, threads:write to reply, note, assign, change status. */
export function registerThreadRoutes(app: ApiApp, { database, config }: AppDeps): void {
  app.get('/api/v1/threads', {
    config: { auth: 'threads:read' },
    schema: {
      operationId: 'listThreads',
      tags,
      summary:
        'The inbox, last activity first: filters `status`, `waitingForReply`, `assigneeId` (`none`: unassigned), `hotelContactId`, `guestId`, `q`; staff see only the threads of the contacts that list them (owners and managers: all)',
      querystring: ListThreadsQuery,
      response: withErrors({ 200: ThreadListResponse }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const { rows, nextCursor, total } = await listThreads(ctx, viewerOf(req), req.query);
      return { items: rows.map((r) => presentThread(ctx, r)), nextCursor, total };
    },
  });
  app.get('/api/v1/threads/:id', {
    config: { auth: 'threads:read' },
    schema: {
      operationId: 'getThread',
      tags,
      summary: 'A thread with its messages, oldest first',
      params: IdParams,
      response: withErrors({ 200: ThreadSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const viewer = viewerOf(req);
      const thread = await getThread(ctx, viewer, req.params.id).catch(async (err: unknown) => {
        // A merged thread's address names the thread it joined (thread-join.ts).
        throw err instanceof AppError && err.kind === 'not_found'
          ? await mergedThreadError(ctx, viewer, req.params.id, err)
          : err;
      });
      return withMessages(ctx, thread);
    },
  });
  app.patch('/api/v1/threads/:id', {
    config: { auth: 'threads:write' },
    schema: {
      operationId: 'updateThread',
      tags,
      summary: 'Change status, priority, assignee, tags, subject, linked booking or guest',
      params: IdParams,
      body: UpdateThreadBody,
      response: withErrors({ 200: ThreadSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return withMessages(ctx, await updateThread(ctx, viewerOf(req), req.params.id, req.body));
    },
  });
  app.post('/api/v1/threads/:id/messages', {
    config: { auth: 'threads:write' },
    bodyLimit: attachmentBodyLimit(config.attachments),
    schema: {
      operationId: 'addThreadMessage',
      tags,
      summary:
        'Reply (e-mailed to the guest through the outbox, with the thread’s reply address) or add an internal note (`internal: true`, never e-mailed)',
      params: IdParams,
      body: AddThreadMessageBody,
      response: withErrors({ 201: ThreadMessageSchema }),
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, database);
      const message = await addStaffMessage(ctx, viewerOf(req), req.params.id, req.body, {
        mailFrom: config.mailFrom,
        attachments: config.attachments,
      });
      return reply.status(201).send(presentMessage(message, message.attachments));
    },
  });
}
