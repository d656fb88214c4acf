import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { eventStreams } from '../../http/event-stream.ts';
import { subscribeCartChanges } from './cart-events.ts';
import { presentStaffCart } from './cart.presenter.ts';
import { abandonAfterMinutes, cartKpis, listCarts, saveCartSettings } from './cart.service.ts';
import {
  CartKpisQuery,
  CartKpisSchema,
  CartSettingsBody,
  CartSettingsSchema,
  ListCartsQuery,
  StaffCartSchema,
} from './site.schemas.ts';

const tags = ['carts'];

/** Staff view of the booking-site carts (B-3): list, KPIs, the abandonment setting and a live stream. */
export function registerCartRoutes(app: ApiApp, { database }: AppDeps): void {
  const openStream = eventStreams(app);

  app.get('/api/v1/carts', {
    config: { auth: 'bookings:read' },
    schema: {
      operationId: 'listCarts',
      tags,
      summary: 'Carts with at least one room, newest activity first (status active / abandoned / converted)',
      querystring: ListCartsQuery,
      response: withErrors({
        200: z.object({ items: z.array(StaffCartSchema), nextCursor: z.string().nullable() }),
      }),
    },
    handler: async (req) => {
      const { items, nextCursor } = await listCarts(ctxOf(req, database), req.query);
      return { items: items.map(presentStaffCart), nextCursor };
    },
  });

  app.get('/api/v1/carts/kpis', {
    config: { auth: 'bookings:read' },
    schema: {
      operationId: 'getCartKpis',
      tags,
      summary: 'Carts now, abandonment and conversion rates and average cart value over the last `days` days',
      querystring: CartKpisQuery,
      response: withErrors({ 200: CartKpisSchema }),
    },
    handler: async (req) => cartKpis(ctxOf(req, database), req.query.days),
  });

  app.get('/api/v1/carts/settings', {
    config: { auth: 'bookings:read' },
    schema: {
      operationId: 'getCartSettings',
      tags,
      summary: 'After how many idle minutes an active cart counts as abandoned',
      response: withErrors({ 200: CartSettingsSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return { abandonAfterMinutes: await abandonAfterMinutes(ctx.db, ctx.orgId) };
    },
  });

  app.put('/api/v1/carts/settings', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'updateCartSettings',
      tags,
      summary: 'Changes the idle time after which a cart is abandoned (applies at once, to every cart)',
      body: CartSettingsBody,
      response: withErrors({ 200: CartSettingsSchema }),
    },
    handler: async (req) => saveCartSettings(ctxOf(req, database), req.body.abandonAfterMinutes),
  });

  app.get('/api/v1/carts/stream', {
    config: { auth: 'bookings:read' },
    schema: {
      operationId: 'streamCarts',
      tags,
      summary:
        'Server-sent events: `cart` events ({cartId, status, reason, at}) as carts change, a comment heartbeat every 15 s',
      response: withErrors({ 200: z.string().describe('text/event-stream') }),
    },
    handler: (req, reply) => {
      const ctx = ctxOf(req, database);
      const stream = openStream(req, reply, 'event: ready\ndata: {}\n\n');
      stream.onEnd(subscribeCartChanges(ctx.orgId, (change) => stream.send('cart', change)));
    },
  });
}
