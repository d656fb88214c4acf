import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';

/** Liveness (never touches the database, so it answers while a heavy query runs) and readiness. */
export function registerHealthRoutes(app: ApiApp, { database, isReady }: AppDeps): void {
  app.get('/api/v1/health', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getHealth',
      tags: ['health'],
      summary: 'Liveness',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/api/v1/health/ready', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getReadiness',
      tags: ['health'],
      summary: 'Readiness: start-up has finished and the database answers',
      response: withErrors({
        200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgres']) }),
        503: z.unknown(),
      }),
    },
    handler: async () => {
      if (isReady && !isReady()) throw new AppError('unavailable', 'starting', 'The server is still starting');
      try {
        await sql`select 1`.execute(database.system);
      } catch {
        throw new AppError('unavailable', 'database_unavailable', 'The database does not answer');
      }
      return { status: 'ok' as const, database: database.kind };
    },
  });
}
