import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { viewerOf } from './thread-access.ts';
import { watchWaitingCount } from './thread-events.ts';

const HEARTBEAT_MS = 15_000;

/**
 * The live "waiting for reply" count (M-2): server-sent events, the carts stream's pattern
 * (heartbeat, ended on shutdown). Fed by the thread triggers' NOTIFY, so a message stored by any
 * server process (or the inbound SMTP listener) moves every open menu's count.
 */
export function registerThreadStreamRoutes(app: ApiApp, { database }: AppDeps): void {
  const streams = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const close of streams) close();
    done();
  });

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
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      res.write('retry: 3000\n\n');
      let ended = false;
      let stop = () => {};
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        stop();
        streams.delete(close);
      };
      const close = () => {
        end();
        res.end();
      };
      const heartbeat = setInterval(() => res.write(`: heartbeat ${new Date().toISOString()}\n\n`), HEARTBEAT_MS);
      heartbeat.unref();
      streams.add(close);
      req.raw.on('close', end);
      res.on('close', end);
      try {
        const unwatch = await watchWaitingCount(
          database,
          ctx,
          viewer,
          (n) => res.write(`event: count\ndata: ${JSON.stringify({ waitingForReply: n })}\n\n`),
          (err) => req.log.error({ err }, 'waiting count failed'),
        );
        if (ended) unwatch();
        else stop = unwatch;
      } catch (err) {
        req.log.error({ err }, 'thread stream could not start');
        close();
      }
    },
  });
}
