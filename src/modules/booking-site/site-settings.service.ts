import { sql, type Kysely } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict } from '../../core/errors.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { findOrganisationForHost, normaliseHost } from '../tenancy/index.ts';

export const DEFAULT_MAX_ROOMS_PER_CHECKOUT = 5;
/** The hard ceiling of rooms in one cart or checkout, whatever the setting says. */
export const MAX_ROOMS_CEILING = 10;

export interface SiteSettings {
  /** Host names the organisation's booking site answers on, e.g. `book.hotel-example.com`. */
  hosts: string[];
  /** Rooms one cart/checkout may hold (issue 11 #15): bounds what one anonymous request can take. */
  maxRoomsPerCheckout: number;
}

/**
 * The organisation whose booking site a request is for (issue 11 #23): the one that lists the
 * request's host name (`Host`, or `X-Forwarded-Host` behind a trusted proxy) in its site hosts;
 * else, when the server holds exactly one organisation, that one (development on localhost, a
 * single-hotel install); else none — the site answers 404 `site_not_found`.
 */
export async function resolveSiteOrg(req: FastifyRequest, database: Database): Promise<string> {
  const orgId = await findOrganisationForHost(database.system, req.hostname || '');
  if (orgId) return orgId;
  throw new AppError('not_found', 'site_not_found', 'No booking site is configured for this address');
}

/** The organisation's booking-site settings, defaults filled in. */
export async function getSiteSettings(db: Kysely<DB>, orgId: string): Promise<SiteSettings> {
  const [org, hosts] = await Promise.all([
    db.selectFrom('organisation').select('settings').where('id', '=', orgId).executeTakeFirst(),
    db.selectFrom('siteHost').select('host').where('orgId', '=', orgId).orderBy('host').execute(),
  ]);
  const stored = (org?.settings as { site?: { maxRoomsPerCheckout?: unknown } } | undefined)?.site;
  const max = stored?.maxRoomsPerCheckout;
  return {
    hosts: hosts.map((h) => h.host),
    maxRoomsPerCheckout:
      typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= MAX_ROOMS_CEILING
        ? max
        : DEFAULT_MAX_ROOMS_PER_CHECKOUT,
  };
}

/** Replaces the site's host names and room cap; a host another organisation uses is a 409. */
export async function saveSiteSettings(ctx: Ctx, system: Kysely<DB>, input: SiteSettings): Promise<SiteSettings> {
  const hosts = [...new Set(input.hosts.map(normaliseHost))].sort();
  // Across organisations, so unscoped; two saves racing for one host meet the unique index (409).
  const taken = hosts.length
    ? await system
        .selectFrom('siteHost')
        .select('host')
        .where('host', 'in', hosts)
        .where('orgId', '!=', ctx.orgId)
        .executeTakeFirst()
    : undefined;
  if (taken)
    throw conflict('site_host_taken', `${taken.host} is already the booking site of another organisation`, [
      { field: 'hosts', message: `${taken.host} is taken` },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('siteHost').where('orgId', '=', ctx.orgId).execute();
    if (hosts.length)
      await trx
        .insertInto('siteHost')
        .values(hosts.map((host) => ({ orgId: ctx.orgId, host })))
        .execute();
    await trx
      .updateTable('organisation')
      .set({
        settings: sql`jsonb_set(coalesce(settings, '{}'::jsonb), '{site}', ${JSON.stringify({ maxRoomsPerCheckout: input.maxRoomsPerCheckout })}::jsonb)`,
      })
      .where('id', '=', ctx.orgId)
      .execute();
    await recordAudit(
      ctx,
      'settings.site_changed',
      { type: 'organisation', id: ctx.orgId },
      { hosts, maxRoomsPerCheckout: input.maxRoomsPerCheckout },
      trx,
    );
  });
  return getSiteSettings(ctx.db, ctx.orgId);
}
