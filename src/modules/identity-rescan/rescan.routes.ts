import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { RescanAccepted, RescanListResponse, RescanSchema, StartRescanBody } from './rescan.schemas.ts';
import { getRescan, listRescans, startRescan } from './rescan.service.ts';

const tags = ['identity'];

/** Re-running identity resolution over the whole organisation (issue 14, point 5). */
export function registerRescanRoutes(app: ApiApp, { database }: AppDeps): void {
  app.post('/api/v1/identity/rescan', {
    // The same permission as merging by hand: a rescan merges (undoably) and edits the review queue.
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'startIdentityRescan',
      tags,
      summary: 'Re-run identity resolution over every profile (a background job; a dry run only counts)',
      description:
        'Merges what the rules merge automatically (each merge recorded and undoable) and refreshes the review queue. One rescan at a time per organisation: while one waits or runs, this answers it. Follow it with GET /api/v1/identity/rescan/{id}.',
      body: StartRescanBody,
      response: withErrors({ 202: RescanAccepted }),
    },
    handler: async (req, reply) => reply.code(202).send(await startRescan(ctxOf(req, database), req.body)),
  });

  app.get('/api/v1/identity/rescan', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listIdentityRescans',
      tags,
      summary: 'The latest rescans, newest first',
      response: withErrors({ 200: RescanListResponse }),
    },
    handler: async (req) => listRescans(ctxOf(req, database)),
  });

  app.get('/api/v1/identity/rescan/:id', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'getIdentityRescan',
      tags,
      summary: 'One rescan: status, progress and what it merged and queued',
      params: IdParams,
      response: withErrors({ 200: RescanSchema }),
    },
    handler: async (req) => getRescan(ctxOf(req, database), req.params.id),
  });
}
