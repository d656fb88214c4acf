import type { TenantDb } from '../../db/database.ts';
import type { MatchSettings } from './matching/index.ts';
import { lockIdentityKeys } from './resolver.service.ts';

/**
 * The organisation's match settings with its model (what the resolver decides with), for work
 * that compares stored profiles with each other (the identity rescan): no identity key is locked.
 */
export async function loadMatchSettings(trx: TenantDb, orgId: string): Promise<MatchSettings> {
  return lockIdentityKeys(trx, orgId, []);
}
