import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENCRYPTION_KEY, testConfig } from '../../test/support/app.ts';
import { TEST_DATABASE_URL, createTestDatabase, engineName } from '../../test/support/db.ts';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../core/logger.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildApp } from '../http/app.ts';
import { startServer } from './runtime.ts';

// A real failing start-up step: the database refuses every new job, so the start-up job enqueue
// (the last step before listen) throws — no mock of Clientela's code.
const FAIL_JOBS = sql`
  create function refuse_jobs() returns trigger language plpgsql as $$
  begin raise exception 'jobs are refused (test)'; end $$;
  create trigger refuse_jobs before insert on job for each row execute function refuse_jobs();
`;

/** The environment of a server on this test's database (a data dir, or a new PostgreSQL database). */
async function prepareFailingDatabase(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'clientela-startup-'));
  let database: Database;
  let url: string | undefined;
  if (TEST_DATABASE_URL) {
    const name = `clientela_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    const u = new URL(TEST_DATABASE_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  } else {
    database = await openDatabase({ kind: 'embedded', dir: path.join(dataDir, 'pgdata'), thread: 'main' });
  }
  await migrateToLatest(database.system as unknown as Kysely<unknown>);
  await FAIL_JOBS.execute(database.system);
  await database.close();
  return {
    // On PostgreSQL the encryption key must come from the environment (the server refuses to start without it).
    env: {
      CLIENTELA_DATA_DIR: dataDir,
      ...(url ? { DATABASE_URL: url, CLIENTELA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } : {}),
    },
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      if (url) await adminQuery(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  await c.query(text);
  await c.end();
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe(`start-up that fails after the database is open (${engineName})`, () => {
  let prepared: Awaited<ReturnType<typeof prepareFailingDatabase>>;
  beforeAll(async () => {
    prepared = await prepareFailingDatabase();
  });
  afterAll(() => prepared.cleanup());

  it('never listens, and releases the database and the lock for the next start', async () => {
    const port = await freePort();
    const config = loadConfig({ ...prepared.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    await expect(startServer(config, createLogger('silent'))).rejects.toThrow(/jobs are refused/);
    // Nothing answers on the port: no health 200, no 500 "driver has already been destroyed".
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST' })).rejects.toThrow();
    // Everything was closed: the same database (and data-dir lock) can be opened again.
    const again = await startServer(config, createLogger('silent')).catch((err: unknown) => err);
    expect(String(again)).toMatch(/jobs are refused/);
  });

  it('exits non-zero and logs why (npm start)', async () => {
    const port = await freePort();
    const main = new URL('./main.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, ...prepared.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/could not start/);
    expect(output).toMatch(/jobs are refused/);
    expect(output).not.toMatch(/Clientela is running/);
  });
});

describe(`readiness during start-up (${engineName})`, () => {
  it('answers 503 starting until start-up has finished, then 200', async () => {
    const db = await createTestDatabase();
    const startup = { ready: false };
    const app = await buildApp({ config: testConfig(), database: db.database, isReady: () => startup.ready });
    try {
      const before = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
      expect(before.statusCode).toBe(503);
      expect(before.json().error.code).toBe('starting');
      startup.ready = true;
      const after = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
      expect(after.statusCode).toBe(200);
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});
