import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ensureFirstOrganisation } from '../modules/tenancy/index.ts';

export type SeedTarget =
  | { kind: 'chosen'; orgId: string; name: string; reason: string }
  | { kind: 'ambiguous'; organisations: { id: string; name: string }[] };

/**
 * Where `clientela seed` puts its guests without `--org`: the organisation of the owner when
 * exactly one organisation has one (so whoever signs in sees them); with no owner yet, the first
 * organisation (the one the first owner gets at /admin); with several, none — the caller asks.
 */
export async function chooseSeedOrganisation(
  system: Kysely<DB>,
  names: { organisation: string; property: string },
): Promise<SeedTarget> {
  const owned = await system
    .selectFrom('organisation as o')
    .select(['o.id', 'o.name'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('staffUser as s')
          .select('s.id')
          .whereRef('s.orgId', '=', 'o.id')
          .where('s.role', '=', 'owner')
          .where('s.active', '=', true),
      ),
    )
    .orderBy('o.createdAt')
    .orderBy('o.id')
    .execute();
  if (owned.length > 1) return { kind: 'ambiguous', organisations: owned };
  if (owned[0]) return { kind: 'chosen', orgId: owned[0].id, name: owned[0].name, reason: "the owner's organisation" };
  const first = await ensureFirstOrganisation(system, names);
  return {
    kind: 'chosen',
    orgId: first.id,
    name: first.name,
    reason: 'no owner yet: the organisation the first owner gets',
  };
}
