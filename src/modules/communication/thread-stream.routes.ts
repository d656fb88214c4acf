import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { eventStreams } from '../../http/event-stream.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { viewerOf } from './thread-access.ts';
import { watchWaitingCount } from './thread-events.ts';

/**
 * The live "waiting for reply" count (M-2): server-sent events (src/http/event-stream.ts:
 * heartbeat, ended on shutdown). Fed by the thread triggers' NOTIFY, so a message stored by any
 * server process (or the inbound SMTP listener) moves every open menu's count.
 */
export function registerThreadStreamRoutes(app: ApiApp, { database }: AppDeps): void {
  const openStream = eventStreams(app);

  app.get('/api/v1/threads/stream', {
    config: { auth: 'threads:read' },
    schema: {
      operationId: 'streamThreadCount',
      tags: ['communication'],
      summary:
        'Server-sent events: a `count` event ({waitingForReply}) at once and whenever the number of threads the caller may see waiting for a staff reply changes; a comment heartbeat every 15 s',
      response: withErrors({ 200: z.string().describe('text/event-stream') }),
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, database);
      const viewer = viewerOf(req);
      const stream = openStream(req, reply);
      try {
        stream.onEnd(
          await watchWaitingCount(
            database,
            ctx,
            viewer,
            (n) => stream.send('count', { waitingForReply: n }),
            (err) => req.log.error({ err }, 'waiting count failed'),
          ),
        );
      } catch (err) {
        req.log.error({ err }, 'thread stream could not start');
        stream.close();
      }
    },
  });
}
