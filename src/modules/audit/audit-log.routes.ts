import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { AuditLogResponse, ListAuditLogQuery } from './audit-log.schemas.ts';
import { listAuditLog } from './audit-log.service.ts';

/** The audit log (S-2, issue 12 point 7): who did or read what, when, from which request. */
export function registerAuditLogRoutes(app: ApiApp, deps: AppDeps): void {
  app.get('/api/v1/audit-log', {
    config: { auth: 'audit:read' },
    schema: {
      operationId: 'listAuditLog',
      tags: ['audit'],
      summary: 'The audit log, newest first, with filters and keyset pages',
      description:
        'Every write, every read of a full guest profile (`guest.viewed`), document reveals, exports and subject-access exports (`guest.personal_data.exported`, `account.personal_data.exported`). `data` holds ids and counts only. A cursor from another list or a damaged one is `400 invalid_cursor`.',
      querystring: ListAuditLogQuery,
      response: withErrors({ 200: AuditLogResponse }),
    },
    handler: async (req) => listAuditLog(ctxOf(req, deps.database), req.query),
  });
}
