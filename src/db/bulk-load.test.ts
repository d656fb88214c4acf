import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../test/support/db.ts';
import { deferIndexes, restoreDeferredIndexes } from './bulk-load.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(() => t?.destroy());

async function indexes(table: string) {
  const r = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
     where schemaname = current_schema() and tablename = ${table} order by indexname`.execute(t.database.system);
  return r.rows;
}

describe(`deferred indexes for bulk loads (${engineName})`, () => {
  it('drops the secondary indexes and the listed primary keys, keeps unique ones, and builds them back', async () => {
    const guestBefore = await indexes('guest');
    const tokensBefore = await indexes('guest_search_token');
    const dropped = await deferIndexes(t.database.system, {
      tables: ['guest', 'guest_search_token'],
      dropPrimaryKeys: ['guest_search_token'],
    });
    expect(dropped).toContain('guest_last_activity_idx');
    expect(dropped).toContain('guest_search_token_pkey');
    // The guest primary key and the unique account index stay: loads rely on them.
    expect((await indexes('guest')).map((i) => i.name).sort()).toEqual(['guest_pkey', 'guest_user_key']);
    expect(await indexes('guest_search_token')).toEqual([]);

    // What a start-up after an interrupted load does.
    const built: string[] = [];
    expect((await restoreDeferredIndexes(t.database.system, (n) => built.push(n))).sort()).toEqual(dropped.sort());
    expect(built.sort()).toEqual(dropped.sort());
    expect(await indexes('guest')).toEqual(guestBefore);
    expect(await indexes('guest_search_token')).toEqual(tokensBefore);
    const pk = await sql<{ n: number }>`
      select count(*)::int as n from pg_constraint where conname = 'guest_search_token_pkey' and contype = 'p'`.execute(
      t.database.system,
    );
    expect(pk.rows[0]?.n).toBe(1);
    expect(await restoreDeferredIndexes(t.database.system)).toEqual([]);
  });

  it('builds each index once when several processes restore at the same moment', async () => {
    const before = await indexes('guest');
    const dropped = await deferIndexes(t.database.system, { tables: ['guest'] });
    expect(dropped.length).toBeGreaterThan(3);
    const runs = await Promise.all([1, 2, 3].map(() => restoreDeferredIndexes(t.database.system)));
    expect(runs.flat().sort()).toEqual(dropped.sort());
    expect(await indexes('guest')).toEqual(before);
  });
});
