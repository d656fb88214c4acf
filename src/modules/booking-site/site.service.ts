import { getAccountSettings, getCustomerDetails } from '../accounts/index.ts';
import { getAvailability, getProperty, nightsBetween } from '../properties/index.ts';
import type { Database } from '../../db/database.ts';
import { bookableCompanies } from './company-pricing.ts';
import { priceRulesFor, stayPrice, type SiteCtx } from './site-context.ts';

/** The site organisation's properties, for the site's property picker (public hotel information). */
export async function listPublicProperties(database: Database, orgId: string) {
  const rows = await database
    .forOrg(orgId)
    .selectFrom('property')
    .innerJoin('organisation', 'organisation.id', 'property.orgId')
    .select([
      'property.id',
      'property.name',
      'property.currency',
      'property.country',
      'property.timezone',
      'organisation.name as hotelName',
    ])
    .where('organisation.id', '=', orgId)
    .orderBy('property.createdAt')
    .orderBy('property.id')
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, country: r.country ?? null }));
}

/** What the site needs to render a property: price rules, checkout options and who is signed in. */
export async function siteInfo(ctx: SiteCtx) {
  const property = await getProperty(ctx, ctx.propertyId);
  const org = await ctx.db.selectFrom('organisation').select('name').where('id', '=', ctx.orgId).executeTakeFirst();
  const settings = await getAccountSettings(ctx.db, ctx.orgId);
  const prices = await priceRulesFor(ctx.db, ctx.customer);
  let customer = null;
  if (ctx.customer) {
    // Issue 11 (1): the details the account entered itself, never its linked profile's.
    const d = await getCustomerDetails(ctx, ctx.customer);
    customer = {
      username: ctx.customer.username,
      status: ctx.customer.status,
      titleId: d.titleId,
      firstName: d.firstName,
      lastName: d.lastName,
      email: d.email,
      phone: d.phone,
      country: d.country,
      language: d.language,
    };
  }
  return {
    property: {
      id: property.id,
      name: property.name,
      hotelName: org?.name ?? property.name,
      currency: property.currency,
      country: property.country ?? null,
      timezone: property.timezone,
    },
    prices,
    accounts: {
      autoCreateAtCheckout: settings.autoCreateAtCheckout,
      offerCreateAtCheckout: settings.offerCreateAtCheckout,
      loginAtCheckout: settings.loginAtCheckout,
      loginPage: settings.loginPage,
    },
    customer,
    companies: await bookableCompanies(ctx.db, ctx.customer),
  };
}

/** Room types with rooms left for the whole stay and their price for this visitor (B-1, B-4, A-5). */
export async function siteAvailability(
  ctx: SiteCtx,
  q: { checkIn: string; checkOut: string; adults: number; children: number },
) {
  const property = await getProperty(ctx, ctx.propertyId);
  const prices = await priceRulesFor(ctx.db, ctx.customer);
  const availability = await getAvailability(ctx, ctx.propertyId, q.checkIn, q.checkOut);
  const nights = nightsBetween(q.checkIn, q.checkOut).length;
  const types = await ctx.db
    .selectFrom('roomType')
    .select(['id', 'capacity', 'nightlyPrice'])
    .where('propertyId', '=', ctx.propertyId)
    .execute();
  const byId = new Map(types.map((t) => [t.id, t]));
  return {
    propertyId: ctx.propertyId,
    checkIn: q.checkIn,
    checkOut: q.checkOut,
    nights,
    adults: q.adults,
    children: q.children,
    prices,
    currency: property.currency,
    roomTypes: availability.roomTypes.map((r) => {
      const t = byId.get(r.roomTypeId);
      const capacity = t?.capacity ?? 0;
      const price = stayPrice(Number(t?.nightlyPrice ?? 0), nights, prices.discountPercent);
      return {
        roomTypeId: r.roomTypeId,
        name: r.name,
        capacity,
        available: r.availableForStay,
        fits: capacity >= q.adults + q.children,
        nightlyPrice: prices.visible ? Number(t?.nightlyPrice ?? 0) : null,
        totalBeforeDiscount: prices.visible ? price.before : null,
        total: prices.visible ? price.total : null,
      };
    }),
  };
}
