import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { hasKeyring, installKeyring } from '../../src/core/keyring.ts';
import { createKeyring } from '../../src/core/secret-box.ts';

/** Tests that use a database without the app's start-up still seal documents with the test key. */
if (!hasKeyring()) installKeyring(createKeyring(Buffer.from('clientela-test-encryption-key-32')));

/** The engine the database suites run on: PostgreSQL when TEST_DATABASE_URL is set, else embedded. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const engineName = TEST_DATABASE_URL ? 'postgres' : 'embedded';

export interface TestDatabase {
  database: Database;
  /** Drops the database (PostgreSQL) or closes it (embedded). */
  destroy(): Promise<void>;
}

/**
 * A freshly migrated, empty database for one test file: an in-memory PGlite, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL.
 */
export async function createTestDatabase(options: { thread?: 'main' | 'worker' } = {}): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    const database = await openDatabase({ kind: 'embedded', thread: options.thread ?? 'main' });
    await migrateToLatest(database.system as unknown as Kysely<unknown>);
    return { database, destroy: () => database.close() };
  }
  const name = `clientela_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  await migrateToLatest(database.system as unknown as Kysely<unknown>);
  return {
    database,
    async destroy() {
      await database.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
