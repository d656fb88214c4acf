import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { setGuestBlock } from './guest-block.service.ts';
import { presentGuest } from './guest.presenter.ts';
import { GuestIdParams, GuestSchema } from './guest.schemas.ts';

const BlockBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

/** The blocklist (G-11): block and unblock a guest; the bookings flagged because of it. */
export function registerGuestBlockRoutes(app: ApiApp, { database }: AppDeps): void {
  app.post('/api/v1/guests/:id/block', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'blockGuest',
      tags: ['guests'],
      summary: 'Block a guest: their new bookings are flagged at once',
      params: GuestIdParams,
      body: BlockBody,
      response: withErrors({ 200: GuestSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return presentGuest(ctx, await setGuestBlock(ctx, req.params.id, req.body.reason));
    },
  });

  app.post('/api/v1/guests/:id/unblock', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'unblockGuest',
      tags: ['guests'],
      summary: 'Lift the block on a guest',
      params: GuestIdParams,
      response: withErrors({ 200: GuestSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return presentGuest(ctx, await setGuestBlock(ctx, req.params.id, null));
    },
  });
}
