import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { viewerOf } from './thread-access.ts';
import { joinThreads } from './thread-join.ts';
import { withMessages } from './thread.routes.ts';
import { ThreadSchema } from './thread.schemas.ts';

const MergeThreadBody = z.strictObject({ otherThreadId: z.string().min(1).max(64) });

/** Merging two threads of the inbox (M-2). */
export function registerThreadJoinRoutes(app: ApiApp, { database }: AppDeps): void {
  app.post('/api/v1/threads/:id/merge', {
    config: { auth: 'threads:write' },
    schema: {
      operationId: 'mergeThreads',
      tags: ['communication'],
      summary:
        'Merges `otherThreadId` into this thread: its messages move here in time order, e-mail answers to its reply address land here, its id answers 404 `thread_merged` naming this thread; waiting-for-reply and status are recomputed. Both threads must be visible to the caller and about the same guest',
      params: IdParams,
      body: MergeThreadBody,
      response: withErrors({ 200: ThreadSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const thread = await joinThreads(ctx, viewerOf(req), req.params.id, req.body.otherThreadId);
      return withMessages(ctx, thread);
    },
  });
}
