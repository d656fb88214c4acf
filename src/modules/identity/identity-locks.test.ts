import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../../test/support/db.ts';
import { createOrganisation } from '../tenancy/index.ts';
import { lockIdentityKeys } from './resolver.service.ts';

describe(`identity locks (${engineName})`, () => {
  let t: TestDatabase;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    ({ orgId } = await createOrganisation(t.database.system, { name: 'Locks', propertyName: 'P' }));
  });
  afterAll(() => t.destroy());

  it('takes every key of a batch, held until the transaction ends (I-6)', async () => {
    const keys = ['e:a@example.com', 'e:b@example.com', 'n:ana lopez', 'p:+34612345678'];
    const held = await t.database.system.transaction().execute(async (trx) => {
      await lockIdentityKeys(trx, orgId, keys);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`.execute(trx);
      return rows[0]!.n;
    });
    expect(held).toBe(keys.length);
    const after = await sql<{ n: number }>`
      select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`.execute(
      t.database.system,
    );
    expect(after.rows[0]!.n).toBe(0);
  });
});
