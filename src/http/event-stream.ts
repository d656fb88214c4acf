import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiApp } from './types.ts';

/** A comment line this often keeps proxies and browsers from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

/** One open server-sent events stream. */
export interface EventStream {
  /** Writes one event (`event: name`, `data: JSON`). */
  send(event: string, data: unknown): void;
  /** Runs `stop` when the stream ends (client gone or server closing); at once if it already has. */
  onEnd(stop: () => void): void;
  /** Ends the stream from the server side. */
  close(): void;
  readonly ended: boolean;
}

/**
 * Server-sent events for the routes of one plugin: `open` hijacks the reply, writes the headers
 * (no buffering by proxies), a retry hint and `first`, keeps a heartbeat, and ends the stream when
 * the client goes or the server shuts down (open streams would otherwise hold it open).
 */
export function eventStreams(app: ApiApp) {
  const streams = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const close of streams) close();
    done();
  });

  return function open(req: FastifyRequest, reply: FastifyReply, first = ''): EventStream {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': req.id,
    });
    res.write(`retry: 3000\n\n${first}`);
    const stops: (() => void)[] = [];
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      streams.delete(close);
      for (const stop of stops) stop();
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
    return {
      send: (event, data) => {
        if (!ended) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      onEnd: (stop) => (ended ? stop() : void stops.push(stop)),
      close,
      get ended() {
        return ended;
      },
    };
  };
}
