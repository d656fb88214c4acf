import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { GuestListResponse, ListGuestsQuery } from './guest-list.schemas.ts';
import { listGuests } from './guest-list.service.ts';

/** The guest list: search, filters, saved segment, sort and keyset pagination (G-2 … G-4, X-6). */
export function registerGuestListRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/guests', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listGuests',
      tags: ['guests'],
      summary: 'List, search and filter guests (keyset pagination)',
      description:
        'With `q` and no `sort`, results are in relevance order (exact, then prefix, then one-typo matches) and `total` counts at most 1000 matches.',
      querystring: ListGuestsQuery,
      response: withErrors({ 200: GuestListResponse }),
    },
    handler: async (req) => listGuests(ctxOf(req, database), req.query),
  });
}
