import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { listGuests } from './guest.service.ts';

const GuestSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: z.string().nullable(),
  createdAt: z.string(),
});
const ListGuestsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** Guest list (the guest-database issue extends this module). */
export function registerGuestRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/guests', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listGuests',
      tags: ['guests'],
      summary: 'List guests (newest first, keyset pagination)',
      querystring: ListGuestsQuery,
      response: withErrors({
        200: z.object({ items: z.array(GuestSchema), nextCursor: z.string().nullable(), total: z.number().int() }),
      }),
    },
    handler: async (req) => listGuests(ctxOf(req, database), req.query),
  });
}
