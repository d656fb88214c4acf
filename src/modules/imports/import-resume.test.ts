import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, OWNER, TEST_ENCRYPTION_KEY } from '../../../test/support/app.ts';
import { TEST_DATABASE_URL, engineName } from '../../../test/support/db.ts';
import { openDatabase } from '../../db/database.ts';
import { sampleCsv } from './import-sample-file.ts';
import { drainImportJobs, multipartBody, snapshot } from './import-test-helpers.ts';

const ROWS = 2500;
const FILE = sampleCsv({ rows: ROWS, seed: 11 });
const ROOT = path.resolve(new URL('../../..', import.meta.url).pathname);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

describe(`an import killed with SIGKILL resumes after restart (${engineName})`, { timeout: 600_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'clientela-resume-'));
  let dbName: string | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) await admin(`drop database if exists ${dbName} with (force)`);
  });
  async function admin(text: string) {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    await c.query(text);
    await c.end();
  }

  async function startChild(env: Record<string, string>) {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${stderr}`);
      const ok = await fetch(`${url}/api/v1/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { child, url };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start: ${stderr}`);
  }

  it('ends exactly as an uninterrupted run', async () => {
    // The uninterrupted run, in this process, on a fresh database.
    const filesDir = mkdtempSync(path.join(tmpdir(), 'clientela-resume-files-'));
    const t = await createTestApp({ env: { CLIENTELA_FILES_DIR: filesDir } });
    const session = await t.login();
    const body = multipartBody({ name: 'guests.csv', content: FILE });
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...session.headers, ...body.headers },
      payload: body.payload,
    });
    expect(started.statusCode, started.body).toBe(202);
    await drainImportJobs(t.database.system, t.config);
    const expected = await snapshot(t.database.system, t.orgId);
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
    expect(expected.run).toMatchObject({ status: 'done', records: ROWS, checkpoint: ROWS, total: ROWS });

    // The same import in a real server process, killed with SIGKILL in the middle, then restarted.
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      CLIENTELA_DATA_DIR: dataDir,
      CLIENTELA_ADMIN_EMAIL: OWNER.email,
      CLIENTELA_ADMIN_PASSWORD: OWNER.password,
      CLIENTELA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      CLIENTELA_IMPORT_STALE_SECONDS: '2',
      // 25 batches: the first committed batch is seen (and the process killed) long before the last.
      CLIENTELA_IMPORT_BATCH_SIZE: '100',
    };
    if (TEST_DATABASE_URL) {
      dbName = `clientela_test_${randomBytes(6).toString('hex')}`;
      await admin(`create database ${dbName}`);
      const u = new URL(TEST_DATABASE_URL);
      u.pathname = `/${dbName}`;
      env.DATABASE_URL = u.toString();
    }
    const first = await startChild(env);
    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const form = new FormData();
    form.append('file', new Blob([FILE], { type: 'text/csv' }), 'guests.csv');
    const upload = await fetch(`${first.url}/api/v1/imports`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body: form,
    });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: string };
    const status = async (url: string) =>
      (await (await fetch(`${url}/api/v1/imports/${id}`, { headers: { cookie } })).json()) as {
        status: string;
        progress: { done: number; total: number | null };
      };

    let atKill = 0;
    for (let i = 0; i < 6000; i++) {
      const s = await status(first.url);
      if (s.status === 'running' && s.progress.done > 0) {
        first.child.kill('SIGKILL');
        atKill = s.progress.done;
        break;
      }
      if (s.status === 'done') throw new Error('the import ended before it could be killed');
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(ROWS);

    const second = await startChild(env);
    let final = await status(second.url);
    for (let i = 0; i < 1200 && final.status !== 'done' && final.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      final = await status(second.url);
    }
    expect(final.status).toBe('done');
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));

    const database = await openDatabase(
      env.DATABASE_URL
        ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 2 }
        : { kind: 'embedded', dir: path.join(dataDir, 'pgdata'), thread: 'main' },
    );
    try {
      const org = await database.system
        .selectFrom('importRun')
        .select('orgId')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const actual = await snapshot(database.system, org.orgId);
      expect(actual.run).toEqual(expected.run);
      expect(actual.errors).toEqual(expected.errors);
      expect({ ...actual, guests: actual.guests.length }).toEqual({ ...expected, guests: expected.guests.length });
      expect(actual.guests).toEqual(expected.guests);
    } finally {
      await database.close();
    }
    // The upload went when the import ended.
    expect(readdirSync(path.join(dataDir, 'files', 'imports'))).toEqual([]);
  });
});
