import type { Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { ensureAccountForGuest, getAccountSettings } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { createBooking, type PersonResolver } from '../bookings/index.ts';
import { queueEmail } from '../email/index.ts';
import { publishCartChange } from './cart-events.ts';
import { addItemsToNewCart, cartOfCaller } from './cart.service.ts';
import {
  bookingRefused,
  checkRoomCap,
  checkSameRequest,
  emailKey,
  enforceEmailLimit,
  enforceIpLimit,
  requestHashOf,
  scopedIdempotencyKey,
  type CheckoutLimits,
} from './checkout-guards.ts';
import { requireBookable, stayPrice, type PriceRules, type SiteCtx } from './site-context.ts';
import { getSiteSettings } from './site-settings.service.ts';
import type { CheckoutInput, SitePerson } from './site.schemas.ts';
import { passGate, throttleKey } from './site-throttle.service.ts';

export interface CheckoutResult {
  checkoutId: string;
  cartId: string;
  replayed: boolean;
  accountCreated: boolean;
  /** The account created at this checkout waits for staff validation: it cannot sign in yet. */
  accountPendingValidation: boolean;
  email: string;
  bookings: {
    id: string;
    reference: string;
    roomTypeName: string;
    checkIn: string;
    checkOut: string;
    nights: number;
    total: number;
    currency: string;
  }[];
}

export interface CheckoutDeps {
  resolvePerson: PersonResolver;
  publicUrl: string;
  idempotencyKey: string | undefined;
  rules: PriceRules;
  /** Booking for a company (its purchasing contact, checked by companyBookingFor): the bookings carry both. */
  company?: { companyId: string; contactId: string } | undefined;
  /** Unscoped database: the abuse counters are server-wide. */
  system: Kysely<DB>;
  clientIp: string;
  limits: CheckoutLimits;
}

/** Thrown inside the checkout transaction so it rolls back; the refusal is recorded afterwards. */
class BlockedGuestRefusal extends Error {
  constructor(readonly guestId: string) {
    super('blocked guest');
  }
}

/**
 * The site checkout (B-1, B-3, A-1, I-2, I-3, G-11): all the cart's rooms become bookings in ONE
 * transaction through the bookings module (so through the identity resolver), or none do.
 * Idempotent on the Idempotency-Key header — scoped to the visitor and bound to the request body —
 * else on the cart: the key row is inserted first, so a concurrent double submit waits on its
 * unique index and then replays the first result.
 */
export async function checkout(ctx: SiteCtx, input: CheckoutInput, deps: CheckoutDeps): Promise<CheckoutResult> {
  requireBookable(deps.rules);
  const requestHash = deps.idempotencyKey ? requestHashOf(input) : null;
  const idemKey = deps.idempotencyKey ? scopedIdempotencyKey(ctx, deps.idempotencyKey) : undefined;
  if (idemKey) {
    // A retry of a finished checkout is answered before anything else (no new cart, no limit hit).
    const earlier = await ctx.db
      .selectFrom('siteCheckout')
      .select(['requestHash', 'status'])
      .where('idempotencyKey', '=', idemKey)
      .executeTakeFirst();
    if (earlier?.status === 'completed') {
      checkSameRequest(earlier.requestHash, requestHash);
      return replay(ctx.db, idemKey, input);
    }
  }
  await enforceIpLimit(deps.system, deps.clientIp, deps.limits);
  const site = await getSiteSettings(ctx.db, ctx.orgId);
  if (input.items) checkRoomCap(input.items.length, site.maxRoomsPerCheckout);
  const cartId = input.cartId
    ? (await cartOfCaller(ctx, input.cartId)).id
    : await addItemsToNewCart(ctx, input.items ?? [], deps.rules);
  await enforceEmailLimit(deps.system, ctx, input.customer.email || ctx.customer?.username || '', deps.limits);
  const key = idemKey ?? `cart:${cartId}`;
  const run = { cartId, key, requestHash, maxRooms: site.maxRoomsPerCheckout };
  try {
    const result = await ctx.db.transaction().execute((trx) => runCheckout(ctx, trx, input, run, deps));
    if (!result.replayed) publishCartChange(ctx.orgId, { cartId, status: 'converted', reason: 'converted' });
    return result;
  } catch (err) {
    if (err instanceof BlockedGuestRefusal) {
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('cart')
          .set({ refusedAt: new Date(), refusedGuestId: err.guestId, lastActivityAt: new Date() })
          .where('id', '=', cartId)
          .execute();
        await recordAudit(ctx, 'checkout.refused_blocked_guest', { type: 'guest', id: err.guestId }, { cartId }, trx);
      });
      publishCartChange(ctx.orgId, { cartId, status: 'active', reason: 'refused' });
      throw bookingRefused();
    }
    throw err;
  }
}

async function runCheckout(
  ctx: SiteCtx,
  trx: TenantDb,
  input: CheckoutInput,
  run: { cartId: string; key: string; requestHash: string | null; maxRooms: number },
  deps: CheckoutDeps,
): Promise<CheckoutResult> {
  const { cartId, key } = run;
  const claimed = await trx
    .insertInto('siteCheckout')
    .values({ orgId: ctx.orgId, id: newId('sco'), idempotencyKey: key, cartId, requestHash: run.requestHash })
    .onConflict((oc) => oc.columns(['orgId', 'idempotencyKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!claimed) {
    // A concurrent submit of the same key committed first: same body → its answer, else 409.
    const first = await trx
      .selectFrom('siteCheckout')
      .select('requestHash')
      .where('idempotencyKey', '=', key)
      .executeTakeFirstOrThrow();
    checkSameRequest(first.requestHash, run.requestHash);
    return replay(trx, key, input);
  }

  const cart = await trx.selectFrom('cart').selectAll().where('id', '=', cartId).forUpdate().executeTakeFirstOrThrow();
  if (cart.status === 'converted') {
    // Converted under another key (e.g. a second tab): answer with that checkout, book nothing.
    const first = await trx
      .selectFrom('siteCheckout')
      .select(['idempotencyKey', 'bookingIds', 'accountCreated', 'accountStatus'])
      .where('cartId', '=', cartId)
      .where('status', '=', 'completed')
      .executeTakeFirst();
    if (first) {
      // This key answers the same from now on (a retry of it must not find an empty checkout).
      await trx
        .updateTable('siteCheckout')
        .set({
          status: 'completed',
          bookingIds: first.bookingIds,
          accountCreated: first.accountCreated,
          accountStatus: first.accountStatus,
        })
        .where('id', '=', claimed.id)
        .execute();
      return replay(trx, first.idempotencyKey, input);
    }
  }
  const items = await trx
    .selectFrom('cartItem')
    .innerJoin('roomType', (j) => j.onRef('roomType.id', '=', 'cartItem.roomTypeId'))
    .selectAll('cartItem')
    .select(['roomType.name as roomTypeName', 'roomType.nightlyPrice as currentNightlyPrice'])
    .where('cartItem.cartId', '=', cartId)
    .execute();
  if (items.length === 0)
    throw invalid('cart_empty', 'The cart is empty', [{ field: 'cartId', message: 'add a room first' }]);
  checkRoomCap(items.length, run.maxRooms, 'cartId');

  const settings = await getAccountSettings(trx, ctx.orgId);
  const source = 'site';
  // The site's property: its country reads a national phone number after the person's own (issue 14, 6a).
  const propertyId = items[0]!.propertyId;
  // I-2: a signed-in customer IS their account's guest, whatever names are typed.
  const customerId = ctx.customer
    ? ctx.customer.guestId
    : await deps.resolvePerson(ctx, trx, input.customer, { source, role: 'customer', propertyId });
  const stayIds: string[] = [];
  let notes = input.notes ?? '';
  if (input.bookingFor) {
    if (settings.stayGuestProfile) {
      stayIds.push(await resolveSitePerson(ctx, trx, input.bookingFor, 'stay', deps.resolvePerson, propertyId));
    } else {
      notes = [`Stay guest: ${describe(input.bookingFor)}`, notes].filter(Boolean).join('\n');
    }
  }
  for (const person of input.additionalGuests) {
    stayIds.push(await resolveSitePerson(ctx, trx, person, 'additional', deps.resolvePerson, propertyId));
  }
  const blocked = await trx
    .selectFrom('guest')
    .select('id')
    .where('id', 'in', [customerId, ...stayIds])
    .where('blockedAt', 'is not', null)
    .executeTakeFirst();
  if (blocked) throw new BlockedGuestRefusal(blocked.id);

  // Same order in every checkout (room type, then dates): concurrent carts lock nights alike.
  const ordered = [...items].sort((a, b) =>
    a.roomTypeId === b.roomTypeId ? a.checkIn.localeCompare(b.checkIn) : a.roomTypeId.localeCompare(b.roomTypeId),
  );
  const bookings: CheckoutResult['bookings'] = [];
  for (const item of ordered) {
    const { booking } = await createBooking(
      ctx,
      {
        source,
        propertyId: item.propertyId,
        roomTypeId: item.roomTypeId,
        checkIn: item.checkIn,
        checkOut: item.checkOut,
        adults: item.adults,
        children: item.children,
        // B-4: the price at checkout, with the discount of who books now (they may have signed in since).
        total: stayPrice(Number(item.currentNightlyPrice), item.nights, deps.rules.discountPercent).total,
        currency: item.currency,
        notes: notes || undefined,
        customer: { guestId: customerId },
        // Issue 11 (1): what a verified customer account proves a booking is theirs by.
        contactEmail: input.customer.email || ctx.customer?.username || undefined,
        guests: [...new Set(stayIds)].map((guestId) => ({ guestId })),
        ...(deps.company ? { companyId: deps.company.companyId, contactId: deps.company.contactId } : {}),
      },
      deps.resolvePerson,
      { trx },
    );
    bookings.push({
      id: booking.id,
      reference: booking.reference,
      roomTypeName: item.roomTypeName,
      checkIn: booking.checkIn,
      checkOut: booking.checkOut,
      nights: item.nights,
      total: Number(booking.total),
      currency: booking.currency,
    });
  }

  const email = input.customer.email || ctx.customer?.username || '';
  const language = input.customer.language ?? null;
  let accountCreated = false;
  const wantsAccount = settings.autoCreateAtCheckout || (settings.offerCreateAtCheckout && input.createAccount);
  if (!ctx.customer && wantsAccount) {
    accountCreated = (
      await ensureAccountForGuest(ctx, trx, { guestId: customerId, email, language, person: input.customer })
    ).created;
  }
  // in validation mode the new account is "New" until staff validate it (issue 11 #24).
  const accountStatus = accountCreated ? (settings.registrationMode === 'validation' ? 'new' : 'validated') : null;
  // At most one confirmation per address per window (issue 11 #15): later checkouts are booked, not mailed.
  const confirm = await passGate(
    trx,
    throttleKey('confirmation', ctx.orgId, emailKey(email)),
    deps.limits.confirmationWindowMinutes * 60,
  );
  const org = await trx.selectFrom('organisation').select('name').where('id', '=', ctx.orgId).executeTakeFirst();
  const profile = await trx
    .selectFrom('guest')
    .select(['firstName', 'lastName'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  const firstName = profile?.firstName || input.customer.firstName;
  const customerName = profile ? `${profile.firstName} ${profile.lastName}`.trim() : null;
  for (const b of confirm ? bookings : []) {
    await queueEmail(ctx, trx, {
      event: 'booking.confirmation',
      to: email,
      language,
      guestId: customerId,
      dedupeKey: `booking.confirmation:${b.id}`,
      data: {
        firstName,
        reference: b.reference,
        checkIn: b.checkIn,
        checkOut: b.checkOut,
        roomType: b.roomTypeName,
        nights: b.nights,
        total: b.total.toFixed(2),
        currency: b.currency,
        accountUrl: `${deps.publicUrl}/account`,
        hotelName: org?.name ?? '',
      },
    });
  }
  await trx
    .updateTable('cart')
    .set({
      status: 'converted',
      convertedAt: new Date(),
      lastActivityAt: new Date(),
      guestId: customerId,
      customerName,
    })
    .where('id', '=', cartId)
    .execute();
  await trx
    .updateTable('siteCheckout')
    .set({ status: 'completed', bookingIds: bookings.map((b) => b.id), accountCreated, accountStatus })
    .where('idempotencyKey', '=', key)
    .execute();
  await recordAudit(
    ctx,
    'checkout.completed',
    { type: 'cart', id: cartId },
    { bookings: bookings.map((b) => b.reference), accountCreated, confirmationSent: confirm },
    trx,
  );
  return {
    checkoutId: claimed.id,
    cartId,
    replayed: false,
    accountCreated,
    accountPendingValidation: accountStatus === 'new',
    email,
    bookings,
  };
}

async function replay(trx: TenantDb, key: string, input: CheckoutInput): Promise<CheckoutResult> {
  const done = await trx
    .selectFrom('siteCheckout')
    .selectAll()
    .where('idempotencyKey', '=', key)
    .executeTakeFirstOrThrow();
  const rows = done.bookingIds.length
    ? await trx
        .selectFrom('booking')
        .innerJoin('roomType', (j) => j.onRef('roomType.id', '=', 'booking.roomTypeId'))
        .select([
          'booking.id',
          'booking.reference',
          'booking.checkIn',
          'booking.checkOut',
          'booking.total',
          'booking.currency',
          'roomType.name as roomTypeName',
        ])
        .where('booking.id', 'in', done.bookingIds)
        .execute()
    : [];
  const order = new Map(done.bookingIds.map((id, i) => [id, i]));
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return {
    checkoutId: done.id,
    cartId: done.cartId,
    replayed: true,
    accountCreated: done.accountCreated,
    accountPendingValidation: done.accountStatus === 'new',
    email: input.customer.email,
    bookings: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      roomTypeName: r.roomTypeName,
      checkIn: r.checkIn,
      checkOut: r.checkOut,
      nights: Math.round((Date.parse(r.checkOut) - Date.parse(r.checkIn)) / 86_400_000),
      total: Number(r.total),
      currency: r.currency,
    })),
  };
}

async function resolveSitePerson(
  ctx: Ctx,
  trx: TenantDb,
  person: SitePerson,
  role: 'stay' | 'additional',
  resolvePerson: PersonResolver,
  propertyId: string,
): Promise<string> {
  return resolvePerson(ctx, trx, { ...person }, { source: 'site', role, propertyId });
}

function describe(p: SitePerson): string {
  return [`${p.firstName} ${p.lastName}`, p.email, p.phone].filter(Boolean).join(', ');
}
