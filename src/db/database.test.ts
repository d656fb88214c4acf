import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../test/support/db.ts';
import { TENANT_TABLES } from './schema.ts';

describe(`database (${engineName})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.database.system.insertInto('organisation').values({ id: 'org_a', name: 'A', settings: '{}' }).execute();
  });
  afterAll(() => t.destroy());

  it('runs on PostgreSQL 15 or later with pg_trgm and unaccent', async () => {
    const r = await sql<{
      v: number;
      u: string;
    }>`select current_setting('server_version_num')::int as v, unaccent('Müller José') as u`.execute(t.database.system);
    expect(r.rows[0]?.v).toBeGreaterThanOrEqual(150000);
    expect(r.rows[0]?.u).toBe('Muller Jose');
  });

  it('keeps exactly the committed rows when concurrent transactions roll back', async () => {
    const db = t.database.forOrg('org_a');
    const attempts = Array.from({ length: 40 }, (_, i) => i);
    const results = await Promise.allSettled(
      attempts.map((i) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('guest')
            .values({ id: `g${i}`, firstName: `n${i}` } as never)
            .execute();
          await sql`select pg_sleep(0.001)`.execute(trx);
          await trx
            .insertInto('guest')
            .values({ id: `g${i}-b`, firstName: `n${i}` } as never)
            .execute();
          if (i % 3 === 0) throw new Error(`rollback ${i}`);
        }),
      ),
    );
    const committed = attempts.filter((i) => i % 3 !== 0);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(committed.length);
    const rows = await db.selectFrom('guest').select('id').execute();
    const expected = committed.flatMap((i) => [`g${i}`, `g${i}-b`]).sort();
    expect(rows.map((r) => r.id).sort()).toEqual(expected);
  });

  it('maps unique violations to a SQLSTATE the error helper understands', async () => {
    const db = t.database.forOrg('org_a');
    await db
      .insertInto('guest')
      .values({ id: 'dup', firstName: 'x' } as never)
      .execute();
    await expect(
      db
        .insertInto('guest')
        .values({ id: 'dup', firstName: 'y' } as never)
        .execute(),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('declares every table with an org_id column as a tenant table, keyed by org_id first', async () => {
    const cols = await sql<{ tableName: string }>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'org_id'`.execute(t.database.system);
    const withOrg = new Set(cols.rows.map((r) => r.tableName));
    withOrg.delete('job'); // global queue table; jobs carry an optional org id
    expect([...withOrg].sort()).toEqual([...TENANT_TABLES].sort());
    const pks = await sql<{ tableName: string; first: string }>`
      select c.relname as table_name, a.attname as first
      from pg_index i join pg_class c on c.oid = i.indrelid
      join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
      where i.indisprimary and c.relnamespace = current_schema()::regnamespace`.execute(t.database.system);
    for (const table of TENANT_TABLES) {
      expect(pks.rows.find((r) => r.tableName === table)?.first, table).toBe('org_id');
    }
  });
});
