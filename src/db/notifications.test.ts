import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, TEST_DATABASE_URL, type TestDatabase } from '../../test/support/db.ts';
import { openDatabase, type Database } from './database.ts';
import type { DB } from './schema.ts';

const notify = (system: Kysely<DB>, payload: string) =>
  sql`select pg_notify('test_channel', ${payload})`.execute(system);

/** Waits for `count` payloads (fails after 10 s). */
function collect(database: Database, count: number) {
  const got: string[] = [];
  let resolve: () => void = () => {};
  const done = new Promise<void>((r) => (resolve = r));
  const ready = database.notifications.subscribe('test_channel', (p) => {
    got.push(p);
    if (got.length >= count) resolve();
  });
  return {
    ready,
    got,
    done: Promise.race([
      done,
      new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`got only ${got.join()}`)), 10_000)),
    ]),
  };
}

/** LISTEN/NOTIFY on both engines (db/notifications.ts), the live inbox count's transport. */
describe(`database notifications (${engineName})`, () => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of opened) await d.destroy();
  });

  for (const thread of ['main', 'worker'] as const) {
    it(`delivers a notification after its transaction commits, never a rolled-back one (${thread} thread)`, async () => {
      const db = await createTestDatabase({ thread });
      opened.push(db);
      const { system } = db.database;
      const heard = collect(db.database, 2);
      await heard.ready;
      await system
        .transaction()
        .execute(async (trx) => {
          await notify(trx, 'rolled back');
          throw new Error('rollback');
        })
        .catch(() => undefined);
      await system.transaction().execute(async (trx) => {
        await notify(trx, 'one');
        await notify(trx, 'one');
      });
      await notify(system, 'two');
      await heard.done;
      expect(heard.got).toEqual(['one', 'two']);
    });
  }

  it.runIf(TEST_DATABASE_URL)('reaches another process connected to the same PostgreSQL database', async () => {
    const db = await createTestDatabase();
    opened.push(db);
    const name = await sql<{ n: string }>`select current_database() as n`.execute(db.database.system);
    const url = new URL(TEST_DATABASE_URL ?? '');
    url.pathname = `/${name.rows[0]?.n}`;
    const other = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1 });
    try {
      const heard = collect(db.database, 1);
      await heard.ready;
      await notify(other.system, 'from elsewhere');
      await heard.done;
      expect(heard.got).toEqual(['from elsewhere']);
    } finally {
      await other.close();
    }
  });
});
