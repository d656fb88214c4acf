import { sql } from 'kysely';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { nameKeyDrift, searchIndexDrift } from '../../test/support/search-index.ts';
import { createOrganisation } from '../modules/tenancy/index.ts';
import { seedGuests } from './seed-guests.ts';

let t: TestDatabase;
let orgId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ orgId } = await createOrganisation(t.database.system, { name: 'Seed test', propertyName: 'P' }));
}, 60_000);
afterAll(async () => {
  await t?.destroy();
});

/** Every index of the tables the seed writes, as PostgreSQL would create it. */
async function indexDefinitions(): Promise<string[]> {
  const r = await sql<{ d: string }>`
    select indexdef as d from pg_indexes
     where schemaname = current_schema() and tablename in ('guest', 'guest_email', 'guest_phone', 'guest_address',
       'guest_search_token', 'guest_name_key', 'guest_phone_suffix', 'search_word')
     order by indexname`.execute(t.database.system);
  return r.rows.map((x) => x.d);
}

describe('seedGuests', () => {
  it('generates 2,000 realistic guests, searchable, and a re-run adds nothing', async () => {
    const indexesBefore = await indexDefinitions();
    const phases: string[] = [];
    // From 1,000 missing guests on, the load runs without the secondary indexes and builds them at the end.
    const first = await seedGuests(t.database, {
      orgId,
      count: 1500,
      batchSize: 700,
      deferIndexesFrom: 1000,
      onPhase: (p) => phases.push(p),
    });
    expect(first.inserted).toBe(1500);
    expect(phases).toContain('building index guest_phone_suffix_pkey');
    expect(phases).toContain('building index guest_search_token_pkey');
    expect(await indexDefinitions()).toEqual(indexesBefore);
    const waiting = await sql<{ n: number }>`select count(*)::int as n from deferred_index`.execute(t.database.system);
    expect(waiting.rows[0]?.n).toBe(0);
    // As after an interruption, with another batch size: the batch 1001–2000 is half there.
    const rest = await seedGuests(t.database, { orgId, count: 2000, batchSize: 1000 });
    expect(rest.inserted).toBe(500);
    const again = await seedGuests(t.database, { orgId, count: 2000, batchSize: 700 });
    expect(again.inserted).toBe(0);
    const db = t.database.forOrg(orgId);
    const count = await db
      .selectFrom('guest')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2000);
    const stats = await db
      .selectFrom('guestStats')
      .select((eb) => eb.fn.sum<string>('guestCount').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stats.n)).toBe(2000);
    // The KPI running totals are rebuilt after a load with triggers off.
    const kpi = await db
      .selectFrom('guestKpiStats')
      .select((eb) => [eb.fn.sum<string>('guests').as('guests'), eb.fn.sum<string>('consenting').as('consenting')])
      .executeTakeFirstOrThrow();
    expect(Number(kpi.guests)).toBe(2000);
    const consenting = await db
      .selectFrom('guest')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('marketingConsent', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(kpi.consenting)).toBe(Number(consenting.n));

    const phones = await db.selectFrom('guestPhone').select(['e164', 'display']).execute();
    expect(phones.length).toBeGreaterThan(2000);
    const invalid = phones.filter((p) => !isValidPhoneNumber(p.e164));
    expect(invalid.slice(0, 5).map((p) => p.e164)).toEqual([]);
    expect(new Set(phones.map((p) => p.e164.slice(0, 3))).size).toBeGreaterThanOrEqual(5);

    const guests = await db
      .selectFrom('guest')
      .select(['firstName', 'lastName', 'secondLastName', 'language'])
      .execute();
    expect(new Set(guests.map((g) => g.language))).toEqual(new Set(['es', 'fr', 'en', 'de', 'it', 'pt']));
    expect(guests.some((g) => /[áéíóúñçüöäãõ]/i.test(g.firstName + g.lastName))).toBe(true);
    expect(guests.filter((g) => g.secondLastName).length).toBeGreaterThan(300);

    // Seeded guests have no bookings and no accounts: every one is in the Visitor default group (issue 11 #22).
    const groups = await sql<{ n: number }>`
      select count(*)::int as n from guest g
      where g.org_id = ${orgId} and not exists (
        select 1 from guest_group s where s.org_id = g.org_id and s.id = any(g.group_ids) and s.system_kind = 'visitor')
    `.execute(t.database.system);
    expect(groups.rows[0]?.n).toBe(0);

    // The bulk-built search index equals what the triggers would build.
    expect(await searchIndexDrift(t.database.system, orgId)).toEqual({ tokens: 0, missing: 0, extra: 0 });
    // And so does the namesake index (written by the seed itself while triggers are off).
    expect(await nameKeyDrift(t.database.system, orgId)).toEqual({ missing: 0, extra: 0 });
    const keys = await sql<{
      n: number;
    }>`select count(*)::int as n from guest_name_key where org_id = ${orgId}`.execute(t.database.system);
    expect(keys.rows[0]!.n).toBeGreaterThanOrEqual(2000);

    // The bulk-built phone suffixes equal what the triggers rebuild from the phones.
    const suffixes = async () =>
      (
        await sql<{ s: string }>`
          select suffix || ' ' || guest_id as s from guest_phone_suffix where org_id = ${orgId} order by 1`.execute(
          t.database.system,
        )
      ).rows.map((r) => r.s);
    const bulkBuilt = await suffixes();
    expect(bulkBuilt.length).toBeGreaterThan(2000 * 8);
    await sql`select guest_phone_suffix_rebuild(${orgId})`.execute(t.database.system);
    expect(await suffixes()).toEqual(bulkBuilt);
  }, 120_000);
});
