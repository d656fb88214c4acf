import { sql } from 'kysely';
import type { TenantDb } from '../../../db/database.ts';

/** The tables an import batch looks people up in (identity keys, names, lists, ledger, queue). */
const LOOKUP_TABLES = [
  'guest',
  'guest_email',
  'guest_phone',
  'guest_search_token',
  'guest_name_key',
  'guest_note',
  'guest_consent',
  'duplicate_candidate',
];

/**
 * Refreshes the planner's statistics of the lookup tables when the guests have more than doubled
 * (plus a thousand) since they were last gathered. An import into a new organisation grows them
 * from nothing within one run, faster than autovacuum looks (and the embedded engine has none):
 * planned on "empty" statistics, the resolver's name lookups scanned the whole token table — every
 * batch slower than the one before. One small query per batch; at a million guests this analyses
 * about ten times in all. ANALYZE runs inside the batch's transaction and blocks no writes.
 */
export async function refreshPlannerStatsIfGrown(trx: TenantDb): Promise<boolean> {
  const { rows } = await sql<{ guests: number; estimated: number }>`
    select (select coalesce(sum(guests), 0) from guest_kpi_stats)::float8 as guests,
           greatest((select reltuples from pg_class where oid = 'guest'::regclass), 0)::float8 as estimated`.execute(
    trx,
  );
  const { guests = 0, estimated = 0 } = rows[0] ?? {};
  if (guests <= 2 * estimated + 1000) return false;
  await sql`analyze ${sql.join(LOOKUP_TABLES.map((t) => sql.table(t)))}`.execute(trx);
  return true;
}
