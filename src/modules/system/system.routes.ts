import { monitorEventLoopDelay } from 'node:perf_hooks';
import { z } from 'zod';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';

/** The sampling interval: Node records each sample as the whole interval (≥ RESOLUTION_MS), not the lateness. */
const RESOLUTION_MS = 10;
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
let since = new Date();

const MetricsQuery = z.strictObject({ reset: z.enum(['true', 'false']).optional() });
const Metrics = z.object({
  since: z.string(),
  eventLoopDelayMs: z.object({ max: z.number(), p99: z.number(), mean: z.number() }),
  rssBytes: z.number(),
  heapUsedBytes: z.number(),
  database: z.enum(['embedded', 'postgres']),
});

/** Operator metrics: the server's own event-loop stalls and memory (for benchmarks and ops). */
export function registerSystemRoutes(app: ApiApp, { database }: AppDeps): void {
  histogram.enable();
  app.get('/api/v1/system/metrics', {
    config: { auth: 'admin' },
    schema: {
      operationId: 'getSystemMetrics',
      tags: ['system'],
      summary:
        'Event-loop lateness (ms beyond the 10 ms sampling tick) since the last reset, and memory use (`reset=true` starts a new window)',
      querystring: MetricsQuery,
      response: withErrors({ 200: Metrics }),
    },
    handler: async (req) => {
      // Reported as lateness: how much later than its 10 ms tick the loop got to run.
      const ms = (ns: number) =>
        Number.isFinite(ns) ? Math.max(0, Math.round(ns / 1e4 - RESOLUTION_MS * 100) / 100) : 0;
      const mem = process.memoryUsage();
      const out = {
        since: since.toISOString(),
        eventLoopDelayMs: { max: ms(histogram.max), p99: ms(histogram.percentile(99)), mean: ms(histogram.mean) },
        rssBytes: mem.rss,
        heapUsedBytes: mem.heapUsed,
        database: database.kind,
      };
      if (req.query.reset === 'true') {
        histogram.reset();
        since = new Date();
      }
      return out;
    },
  });
}
