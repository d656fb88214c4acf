import { z } from 'zod';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import type { PersonResolver } from '../bookings/index.ts';
import { CurrentWordingQuery, CurrentWordingResponse, findCurrentWording } from '../consent/index.ts';
import { presentPublicCart } from './cart.presenter.ts';
import { addCartItem, findCurrentCart, loadCarts, removeCartItem } from './cart.service.ts';
import { checkout } from './checkout.service.ts';
import { companyBookingFor } from './company-pricing.ts';
import { ensureVisitorKey, priceRulesFor, siteCtxOf, type SiteCtx } from './site-context.ts';
import { resolveSiteOrg } from './site-settings.service.ts';
import { listPublicProperties, siteAvailability, siteInfo } from './site.service.ts';
import {
  AvailabilitySchema,
  CartItemInput,
  CartItemParams,
  CheckoutBody,
  CheckoutResultSchema,
  PropertyParams,
  PublicCartSchema,
  PublicProperty,
  SiteInfoSchema,
  StayQuery,
} from './site.schemas.ts';

const tags = ['booking-site'];

/** The public booking site's API: properties, availability and prices, the cart, checkout. */
export function registerSiteRoutes(app: ApiApp, { database, config }: AppDeps, resolvePerson: PersonResolver): void {
  const currentCart = async (ctx: SiteCtx) => {
    const found = await findCurrentCart(ctx);
    const [cart] = found ? await loadCarts(ctx, [found.id]) : [];
    return presentPublicCart(cart, await priceRulesFor(ctx.db, ctx.customer));
  };

  app.get('/api/v1/public/properties', {
    config: { auth: 'public' },
    schema: {
      operationId: 'listSiteProperties',
      tags,
      summary: 'The properties of the organisation whose booking site this host name is (property picker)',
      response: withErrors({ 200: z.object({ items: z.array(PublicProperty) }) }),
    },
    handler: async (req) => ({ items: await listPublicProperties(database, await resolveSiteOrg(req, database)) }),
  });

  app.get('/api/v1/public/consent-wording', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getSiteConsentWording',
      tags,
      summary:
        'The consent wording to show next to the consent box (current version, per language); send its version back with the form',
      querystring: CurrentWordingQuery,
      response: withErrors({ 200: CurrentWordingResponse }),
    },
    handler: async (req) => {
      const db = database.forOrg(await resolveSiteOrg(req, database));
      const w = await findCurrentWording(db, req.query.purpose, req.query.language);
      return {
        purpose: req.query.purpose,
        language: req.query.language,
        version: w?.version ?? null,
        text: w?.text ?? null,
      };
    },
  });

  app.get('/api/v1/public/properties/:propertyId', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getSiteInfo',
      tags,
      summary: 'A property for the site: price rules, checkout options and the signed-in customer (to pre-fill)',
      params: PropertyParams,
      response: withErrors({ 200: SiteInfoSchema }),
    },
    handler: async (req) => siteInfo(await siteCtxOf(req, database, req.params.propertyId)),
  });

  app.get('/api/v1/public/properties/:propertyId/availability', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getSiteAvailability',
      tags,
      summary: 'Room types available for the dates, with this visitor’s prices (group discount; hidden per A-5)',
      params: PropertyParams,
      querystring: StayQuery,
      response: withErrors({ 200: AvailabilitySchema }),
    },
    handler: async (req) => siteAvailability(await siteCtxOf(req, database, req.params.propertyId), req.query),
  });

  app.get('/api/v1/public/properties/:propertyId/cart', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getSiteCart',
      tags,
      summary: 'The visitor’s or signed-in customer’s cart (empty when there is none)',
      params: PropertyParams,
      response: withErrors({ 200: PublicCartSchema }),
    },
    handler: async (req) => currentCart(await siteCtxOf(req, database, req.params.propertyId)),
  });

  app.post('/api/v1/public/properties/:propertyId/cart/items', {
    config: { auth: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      operationId: 'addSiteCartItem',
      tags,
      summary: 'Adds a room for some dates to the cart (creates the cart and its visitor cookie)',
      params: PropertyParams,
      body: CartItemInput,
      response: withErrors({ 200: PublicCartSchema }),
    },
    handler: async (req, reply) => {
      const ctx = await siteCtxOf(req, database, req.params.propertyId);
      ensureVisitorKey(ctx, req, reply, config.cookieSecure);
      await addCartItem(ctx, req.body, await priceRulesFor(ctx.db, ctx.customer));
      return currentCart(ctx);
    },
  });

  app.delete('/api/v1/public/properties/:propertyId/cart/items/:itemId', {
    config: { auth: 'public' },
    schema: {
      operationId: 'removeSiteCartItem',
      tags,
      summary: 'Removes a room from the cart',
      params: CartItemParams,
      response: withErrors({ 200: PublicCartSchema }),
    },
    handler: async (req) => {
      const ctx = await siteCtxOf(req, database, req.params.propertyId);
      await removeCartItem(ctx, req.params.itemId);
      return currentCart(ctx);
    },
  });

  app.post('/api/v1/public/checkout', {
    // A per-process burst guard; the hourly limits per IP and per e-mail are in the database (checkout-guards.ts).
    config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      operationId: 'siteCheckout',
      tags,
      summary:
        'Books the cart (or the items sent): all rooms or none; idempotent on the Idempotency-Key header (per visitor and body; another body → 409 idempotency_key_reused) or the cart',
      headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
      body: CheckoutBody,
      response: withErrors({ 201: CheckoutResultSchema, 200: CheckoutResultSchema }),
    },
    handler: async (req, reply) => {
      const ctx = await siteCtxOf(req, database, req.body.propertyId);
      if (req.body.customer.consentWording) ctx.consentWording = req.body.customer.consentWording;
      ensureVisitorKey(ctx, req, reply, config.cookieSecure);
      const company = req.body.companyId
        ? await companyBookingFor(ctx.db, ctx.customer, req.body.companyId)
        : undefined;
      const result = await checkout(ctx, req.body, {
        resolvePerson,
        publicUrl: config.publicUrl,
        idempotencyKey: req.headers['idempotency-key'],
        rules: company?.rules ?? (await priceRulesFor(ctx.db, ctx.customer)),
        company,
        system: database.system,
        clientIp: req.ip,
        limits: config.siteLimits,
      });
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  });
}
