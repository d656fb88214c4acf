import { sql, type RawBuilder } from 'kysely';

/**
 * The guest's facet keys exactly as the GIN index guest_facets_idx is defined (migration 0027):
 * a query must repeat the expression word for word for PostgreSQL to use the index.
 * `alias` is the guest table's name or alias in the query.
 */
export function guestFacets(alias = 'guest'): RawBuilder<string[]> {
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  return sql<
    string[]
  >`guest_facets(${c('org_id')}, ${c('language')}, ${c('marketing_consent')}, ${c('country')}, ${c('source')}, ${c('user_id')}, ${c('tag_ids')}, ${c('group_ids')})`;
}

/** Facet keys of an organisation's equality filters (the tag and group keys are their ids). */
export const facetKey = {
  language: (orgId: string, language: string) => `${orgId}/lang/${language}`,
  consent: (orgId: string, consent: boolean) => `${orgId}/consent/${consent}`,
  country: (orgId: string, country: string) => `${orgId}/country/${country}`,
  source: (orgId: string, source: string) => `${orgId}/source/${source}`,
  account: (orgId: string, hasAccount: boolean) => `${orgId}/account/${hasAccount}`,
};
