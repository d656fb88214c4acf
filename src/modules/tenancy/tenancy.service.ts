import type { Kysely } from 'kysely';
import { newId } from '../../core/ids.ts';
import type { DB } from '../../db/schema.ts';
import { ensureCatalogDefaults } from '../guest-catalog/index.ts';

export interface Organisation {
  id: string;
  name: string;
}

/** Creates an organisation with its first property and its default titles, tags and groups; returns both ids. */
export async function createOrganisation(
  system: Kysely<DB>,
  input: { name: string; propertyName: string },
): Promise<{ orgId: string; propertyId: string }> {
  const orgId = newId('org');
  const propertyId = newId('prp');
  await system.transaction().execute(async (trx) => {
    await trx.insertInto('organisation').values({ id: orgId, name: input.name, settings: '{}' }).execute();
    await trx.insertInto('property').values({ orgId, id: propertyId, name: input.propertyName }).execute();
    await ensureCatalogDefaults(trx, orgId);
  });
  return { orgId, propertyId };
}

/** The installation's first organisation, created on first start (with one property) if none exists. */
export async function ensureFirstOrganisation(
  system: Kysely<DB>,
  names: { organisation: string; property: string },
): Promise<Organisation> {
  const existing = await findFirstOrganisation(system);
  if (existing) return existing;
  const { orgId } = await createOrganisation(system, { name: names.organisation, propertyName: names.property });
  return { id: orgId, name: names.organisation };
}

export async function findFirstOrganisation(system: Kysely<DB>): Promise<Organisation | undefined> {
  return system
    .selectFrom('organisation')
    .select(['id', 'name'])
    .orderBy('createdAt')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function getOrganisation(system: Kysely<DB>, orgId: string): Promise<Organisation> {
  return system.selectFrom('organisation').select(['id', 'name']).where('id', '=', orgId).executeTakeFirstOrThrow();
}

/** A host name as compared: lower case, no port, no trailing dot. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/**
 * The organisation a public request's host name belongs to (issue 11 #23): the one that lists it
 * in its booking-site hosts (`site_host`); else, when the server holds exactly one organisation,
 * that one (development on localhost, a single-hotel install); else undefined.
 */
export async function findOrganisationForHost(system: Kysely<DB>, hostname: string): Promise<string | undefined> {
  const host = normaliseHost(hostname);
  if (host) {
    const byHost = await system.selectFrom('siteHost').select('orgId').where('host', '=', host).executeTakeFirst();
    if (byHost) return byHost.orgId;
  }
  const orgs = await system.selectFrom('organisation').select('id').limit(2).execute();
  return orgs.length === 1 ? orgs[0]?.id : undefined;
}
