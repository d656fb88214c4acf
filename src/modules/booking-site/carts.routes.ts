import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
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
export const HEARTBEAT_MS = 15_000;

/** Staff view of the booking-site carts (B-3): list, KPIs, the abandonment setting and a live stream. */
export function registerCartRoutes(app: ApiApp, { database }: AppDeps): void {
  // Open streams end when the server shuts down (they would otherwise hold it open).
  const streams = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const close of streams) close();
    done();
  });

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
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      res.write('retry: 3000\n\nevent: ready\ndata: {}\n\n');
      const unsubscribe = subscribeCartChanges(ctx.orgId, (change) => {
        res.write(`event: cart\ndata: ${JSON.stringify(change)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(`: heartbeat ${new Date().toISOString()}\n\n`), HEARTBEAT_MS);
      heartbeat.unref();
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(close);
      };
      const close = () => {
        end();
        res.end();
      };
      streams.add(close);
      req.raw.on('close', end);
      res.on('close', end);
    },
  });
}
