import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { randomToken } from '../../core/ids.ts';
import type { Database, TenantDb } from '../../db/database.ts';
import { customerOf, type CustomerPrincipal } from '../accounts/index.ts';
import { resolveSiteOrg } from './site-settings.service.ts';

export const CART_COOKIE = 'clientela_cart';
const CART_COOKIE_DAYS = 30;

/** Everything a public booking-site request knows: the org (from the property), the customer, the visitor. */
export interface SiteCtx extends Ctx {
  propertyId: string;
  customer: CustomerPrincipal | undefined;
  /** sha256 of the visitor cookie, or undefined before the first cart write. */
  visitorKey: string | undefined;
}

/**
 * The site's organisation comes from the request's host (resolveSiteOrg); the property must be one
 * of its own — another organisation's property is "not found", like one that does not exist.
 */
export async function siteCtxOf(req: FastifyRequest, database: Database, propertyId: string): Promise<SiteCtx> {
  const orgId = await resolveSiteOrg(req, database);
  const property = await database
    .forOrg(orgId)
    .selectFrom('property')
    .select(['orgId', 'id'])
    .where('id', '=', propertyId)
    .executeTakeFirst();
  if (!property) throw notFound('Property');
  const signedIn = await customerOf(req, database).catch(() => undefined);
  const customer = signedIn && signedIn.orgId === orgId && signedIn.status !== 'cancelled' ? signedIn : undefined;
  const cookie = req.cookies[CART_COOKIE];
  return {
    db: database.forOrg(orgId),
    orgId,
    propertyId,
    actor: customer ? { actorType: 'customer', actorId: customer.accountId } : { actorType: 'site', actorId: null },
    requestId: req.id,
    // Consent given at checkout is recorded as the booking site's, with the visitor's IP (P-4).
    consentSource: 'booking_site',
    ip: req.ip,
    // The site's visitor or signed-in customer sees only what they entered or own (never another guest).
    permissions: 'customer',
    customer,
    visitorKey: cookie && /^[\w-]{20,100}$/.test(cookie) ? hashKey(cookie) : undefined,
  };
}

/** Gives the visitor a cart cookie if they have none (random, HttpOnly) and returns its key. */
export function ensureVisitorKey(
  ctx: SiteCtx,
  req: FastifyRequest,
  reply: FastifyReply,
  cookieSecure: 'auto' | 'always' | 'never',
): string {
  if (ctx.visitorKey) return ctx.visitorKey;
  const token = randomToken(24);
  void reply.setCookie(CART_COOKIE, token, {
    path: '/api/v1/public',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure === 'always' || (cookieSecure === 'auto' && req.protocol === 'https'),
    maxAge: CART_COOKIE_DAYS * 24 * 3600,
  });
  ctx.visitorKey = hashKey(token);
  return ctx.visitorKey;
}

function hashKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The price rules for whoever is looking (A-5 price display, B-4 group discount). */
export interface PriceRules {
  visible: boolean;
  /**
   * Why prices are hidden: the visitor must sign in, the customer's account (or their company's
   * registration) must be validated, or the group shows no prices at all ("price on request").
   */
  hiddenReason: 'log_in' | 'validation' | 'on_request' | null;
  discountPercent: number;
}

/**
 * G-7: a visitor is in the Visitor group; a signed-in customer in the Customer group plus the
 * groups staff put their profile in, plus the groups of the companies they are a contact of (A-5:
 * the company's group decides what its contacts see; its discount is for bookings made for the
 * company, see company-pricing.ts). Prices show when any of those groups allows it; the discount is
 * the best one among the person's own groups (B-4). A contact of a company whose registration waits
 * for staff counts as not validated.
 */
export async function priceRulesFor(db: TenantDb, customer: CustomerPrincipal | undefined): Promise<PriceRules> {
  let groupIds: string[] = [];
  let companies: { groupId: string | null; status: string }[] = [];
  if (customer) {
    const guest = await db.selectFrom('guest').select('groupIds').where('id', '=', customer.guestId).executeTakeFirst();
    groupIds = guest?.groupIds ?? [];
    companies = await db
      .selectFrom('companyContact')
      .innerJoin('company', 'company.id', 'companyContact.companyId')
      .select(['company.groupId', 'company.status'])
      .where('companyContact.guestId', '=', customer.guestId)
      .where('company.status', '!=', 'cancelled')
      .execute();
  }
  const companyGroupIds = companies.flatMap((c) => (c.groupId ? [c.groupId] : []));
  const listed = [...groupIds, ...companyGroupIds];
  const groups = await db
    .selectFrom('guestGroup')
    .select(['id', 'discountPercent', 'priceDisplay'])
    .where((eb) =>
      eb.or([
        eb('systemKind', '=', customer ? 'customer' : 'visitor'),
        ...(listed.length ? [eb.and([eb('id', 'in', listed), eb('systemKind', 'is', null)])] : []),
      ]),
    )
    .execute();
  if (groups.length === 0) return { visible: true, hiddenReason: null, discountPercent: 0 };
  const validated = customer?.status === 'validated' && !companies.some((c) => c.status === 'new');
  const allows = (display: string) =>
    display === 'everyone' ||
    (display === 'logged_in' && customer !== undefined) ||
    (display === 'validated' && validated);
  const visible = groups.some((g) => allows(g.priceDisplay));
  const own = groups.filter((g) => !companyGroupIds.includes(g.id) || groupIds.includes(g.id));
  const discountPercent = Math.max(0, ...own.map((g) => Number(g.discountPercent)));
  return {
    visible,
    hiddenReason: visible
      ? null
      : hiddenReason(
          groups.map((g) => g.priceDisplay),
          customer !== undefined,
        ),
    discountPercent: Math.min(100, discountPercent),
  };
}

/** What would show the prices: signing in, validation, or nothing (every group is "price on request"). */
function hiddenReason(displays: string[], signedIn: boolean): PriceRules['hiddenReason'] {
  if (!signedIn && displays.some((d) => d === 'logged_in' || d === 'validated')) return 'log_in';
  if (signedIn && displays.includes('validated')) return 'validation';
  return displays.includes('on_request') ? 'on_request' : signedIn ? 'validation' : 'log_in';
}

/**
 * Booking needs the prices to be visible (issue 11 #20, A-5): a visitor who may not see prices must
 * sign in (401 `sign_in_to_book`), a customer whose account awaits validation must wait for it
 * (403 `account_not_validated`). Adding to the cart and checking out both ask.
 */
export function requireBookable(rules: PriceRules): void {
  if (rules.visible) return;
  if (rules.hiddenReason === 'on_request')
    throw new AppError('forbidden', 'price_on_request', 'Prices are on request: contact the hotel to book');
  if (rules.hiddenReason === 'validation')
    throw new AppError(
      'forbidden',
      'account_not_validated',
      'You can book online once the hotel has validated your account',
    );
  throw new AppError('unauthenticated', 'sign_in_to_book', 'Sign in to book: prices are shown to signed-in guests');
}

/** The price of a stay after the group discount, to the cent. */
export function stayPrice(nightlyPrice: number, nights: number, discountPercent: number) {
  const before = Math.round(nightlyPrice * nights * 100) / 100;
  const total = Math.round(before * (100 - discountPercent)) / 100;
  return { before, total };
}
