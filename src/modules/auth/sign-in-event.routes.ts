import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp } from '../../http/types.ts';
import type { Database } from '../../db/database.ts';
import { listSignInEvents } from './sign-in-event.service.ts';

const SignInEventSchema = z.object({
  id: z.string(),
  kind: z.enum(['source_delayed', 'account_slowed']),
  subjectType: z.enum(['staff', 'customer']),
  subjectId: z.string(),
  email: z.string(),
  ip: z.string().nullable(),
  failures: z.number().int(),
  delayedUntil: z.string().nullable(),
  createdAt: z.string(),
});
const ListSignInEventsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Sign-in throttling events (issue 11 point 12): who is being slowed down, from where. */
export function registerSignInEventRoutes(app: ApiApp, database: Database): void {
  app.get('/api/v1/security/sign-in-events', {
    config: { auth: 'audit:read' },
    schema: {
      operationId: 'listSignInEvents',
      tags: ['auth'],
      summary: 'Sign-in throttling: accounts and sources slowed down after failed passwords, newest first',
      querystring: ListSignInEventsQuery,
      response: withErrors({ 200: z.object({ items: z.array(SignInEventSchema) }) }),
    },
    handler: async (req) => {
      const rows = await listSignInEvents(ctxOf(req, database), req.query.limit);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          email: r.email,
          ip: r.ip,
          failures: r.failures,
          delayedUntil: r.delayedUntil?.toISOString() ?? null,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  });
}
