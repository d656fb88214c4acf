import { sql, type Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { AppError, conflict, invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { getAvailability, nightsBetween } from '../properties/index.ts';
import { publishCartChange } from './cart-events.ts';
import type { PriceRules, SiteCtx } from './site-context.ts';
import { requireBookable, stayPrice } from './site-context.ts';
import { checkRoomCap } from './checkout-guards.ts';
import { getSiteSettings } from './site-settings.service.ts';
import type { CartItemInput } from './site.schemas.ts';

export const DEFAULT_ABANDON_AFTER_MINUTES = 60;

export type CartStatus = 'active' | 'abandoned' | 'converted';

export interface CartItemView {
  id: string;
  propertyId: string;
  roomTypeId: string;
  roomTypeName: string;
  checkIn: string;
  checkOut: string;
  nights: number;
  adults: number;
  children: number;
  discountPercent: number;
  price: number;
  currency: string;
}

export interface CartView {
  id: string;
  status: CartStatus;
  guestId: string | null;
  customerName: string | null;
  items: CartItemView[];
  itemCount: number;
  value: number;
  currency: string | null;
  createdAt: Date;
  lastActivityAt: Date;
  convertedAt: Date | null;
  refusedAt: Date | null;
  refusedGuestId: string | null;
}

/** Minutes of inactivity after which an active cart counts as abandoned (org setting `carts`). */
export async function abandonAfterMinutes(db: Kysely<DB>, orgId: string): Promise<number> {
  const org = await db.selectFrom('organisation').select('settings').where('id', '=', orgId).executeTakeFirst();
  const value = (org?.settings as { carts?: { abandonAfterMinutes?: unknown } } | undefined)?.carts
    ?.abandonAfterMinutes;
  return typeof value === 'number' && Number.isInteger(value) && value >= 5 ? value : DEFAULT_ABANDON_AFTER_MINUTES;
}

export async function saveCartSettings(ctx: Ctx, abandonAfter: number): Promise<{ abandonAfterMinutes: number }> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('organisation')
      .set({
        settings: sql`jsonb_set(coalesce(settings, '{}'::jsonb), '{carts}', ${JSON.stringify({ abandonAfterMinutes: abandonAfter })}::jsonb)`,
      })
      .where('id', '=', ctx.orgId)
      .execute();
    await recordAudit(ctx, 'settings.carts_updated', { type: 'organisation', id: ctx.orgId }, { abandonAfter }, trx);
  });
  return { abandonAfterMinutes: abandonAfter };
}

/** The status staff see: an active cart idle longer than the setting is abandoned (query-time rule). */
function effectiveStatus(minutes: number) {
  return sql<CartStatus>`case when cart.status = 'active' and cart.last_activity_at < now() - make_interval(mins => ${minutes}::int) then 'abandoned' else cart.status end`;
}

/** The visitor's or customer's active cart; a visitor cart is adopted by the customer who signs in. */
export async function findCurrentCart(ctx: SiteCtx, db: TenantDb = ctx.db): Promise<{ id: string } | undefined> {
  if (ctx.customer) {
    const own = await db
      .selectFrom('cart')
      .select('id')
      .where('guestId', '=', ctx.customer.guestId)
      .where('status', '=', 'active')
      .orderBy('lastActivityAt', 'desc')
      .executeTakeFirst();
    if (own) return own;
  }
  if (!ctx.visitorKey) return undefined;
  const visitor = await db
    .selectFrom('cart')
    .select(['id', 'guestId'])
    .where('visitorKey', '=', ctx.visitorKey)
    .where('status', '=', 'active')
    .orderBy('lastActivityAt', 'desc')
    .executeTakeFirst();
  if (!visitor) return undefined;
  if (ctx.customer && visitor.guestId === null) {
    await db
      .updateTable('cart')
      .set({ guestId: ctx.customer.guestId, customerName: await guestName(db, ctx.customer.guestId) })
      .where('id', '=', visitor.id)
      .execute();
    publishCartChange(ctx.orgId, { cartId: visitor.id, status: 'active', reason: 'adopted' });
    return { id: visitor.id };
  }
  if (ctx.customer && visitor.guestId !== ctx.customer.guestId) return undefined;
  if (!ctx.customer && visitor.guestId !== null) return undefined;
  return { id: visitor.id };
}

/** A cart the caller may use at checkout: theirs (cookie or customer), else 404. */
export async function cartOfCaller(ctx: SiteCtx, cartId: string, db: TenantDb = ctx.db) {
  const cart = await db.selectFrom('cart').selectAll().where('id', '=', cartId).executeTakeFirst();
  const mine =
    cart &&
    ((ctx.customer && cart.guestId === ctx.customer.guestId) ||
      (ctx.visitorKey !== undefined &&
        cart.visitorKey === ctx.visitorKey &&
        (cart.guestId === null || cart.status === 'converted')) ||
      (ctx.customer && ctx.visitorKey !== undefined && cart.visitorKey === ctx.visitorKey));
  if (!mine) throw notFound('Cart');
  return cart;
}

/** Checks a stay (room type of this property, dates, capacity, availability) and prices it. */
async function prepareItem(ctx: SiteCtx, input: CartItemInput, rules: PriceRules) {
  requireBookable(rules);
  const roomType = await ctx.db
    .selectFrom('roomType')
    .selectAll()
    .where('id', '=', input.roomTypeId)
    .where('propertyId', '=', ctx.propertyId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!roomType)
    throw invalid('unknown_room_type', 'Unknown room type', [{ field: 'roomTypeId', message: 'not found' }]);
  const today = new Date().toISOString().slice(0, 10);
  if (input.checkIn < today)
    throw invalid('validation_failed', 'Check-in cannot be in the past', [
      { field: 'checkIn', message: 'must be today or later' },
    ]);
  const nights = nightsBetween(input.checkIn, input.checkOut).length;
  if (nights > 60)
    throw invalid('validation_failed', 'Book at most 60 nights online', [
      { field: 'checkOut', message: 'at most 60 nights' },
    ]);
  if (input.adults + input.children > roomType.capacity)
    throw invalid('over_capacity', `A ${roomType.name} sleeps ${roomType.capacity}`, [
      { field: 'adults', message: `at most ${roomType.capacity} guests` },
    ]);
  const availability = await getAvailability(ctx, ctx.propertyId, input.checkIn, input.checkOut);
  const left = availability.roomTypes.find((r) => r.roomTypeId === roomType.id)?.availableForStay ?? 0;
  if (left < 1)
    throw conflict('sold_out', `No ${roomType.name} left for these dates`, [
      { field: 'roomTypeId', message: 'sold out for these dates' },
    ]);
  const property = await ctx.db
    .selectFrom('property')
    .select('currency')
    .where('id', '=', ctx.propertyId)
    .executeTakeFirstOrThrow();
  const { total } = stayPrice(roomType.nightlyPrice, nights, rules.discountPercent);
  return {
    propertyId: ctx.propertyId,
    roomTypeId: roomType.id,
    checkIn: input.checkIn,
    checkOut: input.checkOut,
    adults: input.adults,
    children: input.children,
    nights,
    nightlyPrice: roomType.nightlyPrice,
    discountPercent: rules.discountPercent,
    price: total,
    currency: property.currency,
  };
}

async function newCart(ctx: SiteCtx, trx: TenantDb, currency: string | null): Promise<{ id: string }> {
  return trx
    .insertInto('cart')
    .values({
      orgId: ctx.orgId,
      id: newId('crt'),
      visitorKey: ctx.visitorKey ?? null,
      guestId: ctx.customer?.guestId ?? null,
      customerName: ctx.customer ? await guestName(trx, ctx.customer.guestId) : null,
      currency,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Adds a stay to the caller's cart (created on the first item), priced with their group discount. */
export async function addCartItem(ctx: SiteCtx, input: CartItemInput, rules: PriceRules): Promise<string> {
  const item = await prepareItem(ctx, input, rules);
  const { maxRoomsPerCheckout } = await getSiteSettings(ctx.db, ctx.orgId);
  const cartId = await ctx.db.transaction().execute(async (trx) => {
    const cart = (await findCurrentCart(ctx, trx)) ?? (await newCart(ctx, trx, item.currency));
    const count = await trx
      .selectFrom('cartItem')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('cartId', '=', cart.id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= maxRoomsPerCheckout)
      throw invalid('cart_full', `A cart holds at most ${maxRoomsPerCheckout} rooms`, [
        { field: 'roomTypeId', message: 'cart is full' },
      ]);
    await trx
      .insertInto('cartItem')
      .values({ orgId: ctx.orgId, id: newId('cti'), cartId: cart.id, ...item })
      .execute();
    await refreshCartTotals(trx, cart.id);
    return cart.id;
  });
  publishCartChange(ctx.orgId, { cartId, status: 'active', reason: 'item_added' });
  return cartId;
}

/** A checkout sent with its items (no cart yet): they become a new cart of the caller's. */
export async function addItemsToNewCart(ctx: SiteCtx, inputs: CartItemInput[], rules: PriceRules): Promise<string> {
  checkRoomCap(inputs.length, (await getSiteSettings(ctx.db, ctx.orgId)).maxRoomsPerCheckout);
  const items: Awaited<ReturnType<typeof prepareItem>>[] = [];
  for (const [i, input] of inputs.entries()) {
    try {
      items.push(await prepareItem(ctx, input, rules));
    } catch (err) {
      throw prefixFields(err, `items.${i}`);
    }
  }
  const cartId = await ctx.db.transaction().execute(async (trx) => {
    const cart = await newCart(ctx, trx, items[0]?.currency ?? null);
    await trx
      .insertInto('cartItem')
      .values(items.map((item) => ({ orgId: ctx.orgId, id: newId('cti'), cartId: cart.id, ...item })))
      .execute();
    await refreshCartTotals(trx, cart.id);
    return cart.id;
  });
  publishCartChange(ctx.orgId, { cartId, status: 'active', reason: 'item_added' });
  return cartId;
}

function prefixFields(err: unknown, prefix: string): unknown {
  if (!(err instanceof AppError)) return err;
  return new AppError(
    err.kind,
    err.code,
    err.message,
    err.details.map((d) => ({ ...d, field: d.field ? `${prefix}.${d.field}` : prefix })),
  );
}

/** Removes one stay from the caller's cart. */
export async function removeCartItem(ctx: SiteCtx, itemId: string): Promise<void> {
  const cart = await findCurrentCart(ctx);
  if (!cart) throw notFound('Cart item');
  const removed = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom('cartItem')
      .where('id', '=', itemId)
      .where('cartId', '=', cart.id)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return false;
    await refreshCartTotals(trx, cart.id);
    return true;
  });
  if (!removed) throw notFound('Cart item');
  publishCartChange(ctx.orgId, { cartId: cart.id, status: 'active', reason: 'item_removed' });
}

/** Recomputes a cart's item count and value and marks it active now. */
export async function refreshCartTotals(trx: TenantDb, cartId: string): Promise<void> {
  await trx
    .updateTable('cart')
    .set({
      itemCount: sql`(select count(*) from cart_item i where i.org_id = cart.org_id and i.cart_id = cart.id)`,
      value: sql`(select coalesce(sum(i.price), 0) from cart_item i where i.org_id = cart.org_id and i.cart_id = cart.id)`,
      lastActivityAt: new Date(),
    })
    .where('id', '=', cartId)
    .execute();
}

/** Carts with their items and derived status, newest activity first. */
export async function loadCarts(ctx: Ctx, ids: string[], db: TenantDb = ctx.db): Promise<CartView[]> {
  if (ids.length === 0) return [];
  const minutes = await abandonAfterMinutes(db, ctx.orgId);
  const carts = await db
    .selectFrom('cart')
    .selectAll()
    .select(effectiveStatus(minutes).as('effectiveStatus'))
    .where('id', 'in', ids)
    .orderBy('lastActivityAt', 'desc')
    .execute();
  const items = await db
    .selectFrom('cartItem')
    .innerJoin('roomType', (j) => j.onRef('roomType.id', '=', 'cartItem.roomTypeId'))
    .selectAll('cartItem')
    .select('roomType.name as roomTypeName')
    .where('cartItem.cartId', 'in', ids)
    .orderBy('cartItem.createdAt')
    .orderBy('cartItem.id')
    .execute();
  return carts.map((c) => ({
    id: c.id,
    status: c.effectiveStatus,
    guestId: c.guestId,
    customerName: c.customerName,
    items: items
      .filter((i) => i.cartId === c.id)
      .map((i) => ({
        id: i.id,
        propertyId: i.propertyId,
        roomTypeId: i.roomTypeId,
        roomTypeName: i.roomTypeName,
        checkIn: i.checkIn,
        checkOut: i.checkOut,
        nights: i.nights,
        adults: i.adults,
        children: i.children,
        discountPercent: Number(i.discountPercent),
        price: Number(i.price),
        currency: i.currency,
      })),
    itemCount: c.itemCount,
    value: Number(c.value),
    currency: c.currency,
    createdAt: c.createdAt,
    lastActivityAt: c.lastActivityAt,
    convertedAt: c.convertedAt,
    refusedAt: c.refusedAt,
    refusedGuestId: c.refusedGuestId,
  }));
}

/** Staff list (B-3): carts with at least one item, by derived status, newest activity first. */
export async function listCarts(
  ctx: Ctx,
  query: { status?: CartStatus | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: CartView[]; nextCursor: string | null }> {
  const minutes = await abandonAfterMinutes(ctx.db, ctx.orgId);
  let q = ctx.db.selectFrom('cart').select(['id', 'lastActivityAt']).where('itemCount', '>', 0);
  if (query.status) q = q.where(effectiveStatus(minutes), '=', query.status);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 'carts', ['timestamp', 'string']);
    q = q.where((eb) =>
      eb.or([
        eb('lastActivityAt', '<', new Date(at)),
        eb.and([eb('lastActivityAt', '=', new Date(at)), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('lastActivityAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const carts = await loadCarts(
    ctx,
    page.map((r) => r.id),
  );
  const order = new Map(page.map((r, i) => [r.id, i]));
  carts.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return {
    items: carts,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor('carts', [new Date(last.lastActivityAt).toISOString(), last.id])
        : null,
  };
}

/**
 * KPIs over the carts created in the last `days` days that hold at least one item:
 * carts now = active ones (any age); conversion rate = converted / all; abandonment rate =
 * abandoned / all; average cart value = mean value of all of them.
 */
export async function cartKpis(ctx: Ctx, days: number) {
  const minutes = await abandonAfterMinutes(ctx.db, ctx.orgId);
  const status = effectiveStatus(minutes);
  const since = new Date(Date.now() - days * 86_400_000);
  const [window, now] = await Promise.all([
    ctx.db
      .selectFrom('cart')
      .select([
        sql<number>`count(*) filter (where ${status} = 'active')`.as('active'),
        sql<number>`count(*) filter (where ${status} = 'abandoned')`.as('abandoned'),
        sql<number>`count(*) filter (where ${status} = 'converted')`.as('converted'),
        sql<number | null>`avg(cart.value)`.as('average'),
        sql<string | null>`min(cart.currency)`.as('currency'),
      ])
      .where('itemCount', '>', 0)
      .where('createdAt', '>=', since)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('cart')
      .select(sql<number>`count(*)`.as('n'))
      .where('itemCount', '>', 0)
      .where(status, '=', 'active')
      .executeTakeFirstOrThrow(),
  ]);
  const active = Number(window.active);
  const abandoned = Number(window.abandoned);
  const converted = Number(window.converted);
  const total = active + abandoned + converted;
  const rate = (n: number) => (total === 0 ? null : Math.round((n / total) * 1000) / 1000);
  return {
    windowDays: days,
    abandonAfterMinutes: minutes,
    cartsNow: Number(now.n),
    counts: { active, abandoned, converted },
    abandonmentRate: rate(abandoned),
    conversionRate: rate(converted),
    averageCartValue: window.average === null ? null : Math.round(Number(window.average) * 100) / 100,
    currency: window.currency,
  };
}

async function guestName(db: TenantDb, guestId: string): Promise<string | null> {
  const g = await db.selectFrom('guest').select(['firstName', 'lastName']).where('id', '=', guestId).executeTakeFirst();
  return g ? `${g.firstName} ${g.lastName}`.trim() : null;
}
