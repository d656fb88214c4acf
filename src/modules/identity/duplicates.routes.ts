import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import {
  DismissDuplicateBody,
  DuplicateListResponse,
  DuplicatePairSchema,
  GuestIdentityResponse,
  ListDuplicatesQuery,
} from './duplicates.schemas.ts';
import { dismissDuplicate, getGuestIdentity, listDuplicates } from './duplicates.service.ts';

/** The duplicates review queue and a profile's identity explanation (I-3, I-4). */
export function registerDuplicateRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/duplicates', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listDuplicates',
      tags: ['identity'],
      summary: 'Possible duplicates and related people, best score first',
      querystring: ListDuplicatesQuery,
      response: withErrors({ 200: DuplicateListResponse }),
    },
    handler: async (req) => listDuplicates(ctxOf(req, database), req.query),
  });

  app.post('/api/v1/duplicates/dismiss', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'dismissDuplicate',
      tags: ['identity'],
      summary: 'Not the same person: dismiss a pair for good (it is never suggested again)',
      body: DismissDuplicateBody,
      response: withErrors({ 200: DuplicatePairSchema }),
    },
    handler: async (req) => dismissDuplicate(ctxOf(req, database), req.body.guestIds),
  });

  app.get('/api/v1/guests/:id/identity', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'getGuestIdentity',
      tags: ['identity'],
      summary: "Why a profile is what it is: the resolver's decisions and its related people",
      params: IdParams,
      response: withErrors({ 200: GuestIdentityResponse }),
    },
    handler: async (req) => getGuestIdentity(ctxOf(req, database), req.params.id),
  });
}
