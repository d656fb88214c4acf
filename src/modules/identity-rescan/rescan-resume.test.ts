import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENCRYPTION_KEY } from '../../../test/support/app.ts';
import { TEST_DATABASE_URL, engineName } from '../../../test/support/db.ts';
import { openDatabase, type Database } from '../../db/database.ts';
import { insertGuests } from '../guests/index.ts';
import { rescanFixture } from './rescan-fixture.ts';

const run = promisify(execFile);
const BIN = new URL('../../../bin/clientela.mjs', import.meta.url).pathname;
const COUNT = 1500;

type Out = { id: string; status: string; dryRun: boolean; summary: { merges: number; mergedProfiles: number } };

describe(`clientela identity rescan, killed with SIGKILL, resumes (${engineName})`, { timeout: 600_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientela-rescan-cli-'));
  const env: Record<string, string> = {
    CLIENTELA_DATA_DIR: dir,
    CLIENTELA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    LOG_LEVEL: 'silent',
  };
  let dbName: string | undefined;
  const children: ChildProcess[] = [];
  const fixture = rescanFixture(COUNT, { seed: 7, duplicateRate: 0.04 });

  async function admin(text: string) {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    await c.query(text);
    await c.end();
  }
  async function clientela(args: string[]) {
    try {
      const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  async function withDb<T>(fn: (database: Database) => Promise<T>): Promise<T> {
    const database = await openDatabase(
      env.DATABASE_URL
        ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 1 }
        : { kind: 'embedded', dir: path.join(dir, 'pgdata'), thread: 'main' },
    );
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  }
  const guestCount = () =>
    withDb(async (d) =>
      Number(
        (
          await d.system
            .selectFrom('guest')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );

  const stepCount = (kind?: string) =>
    withDb(async (d) => {
      let q = d.system.selectFrom('identityRescanStep').select((eb) => eb.fn.countAll().as('n'));
      if (kind) q = q.where('kind', '=', kind as 'merge');
      return Number((await q.executeTakeFirstOrThrow()).n);
    });
  const runRow = () =>
    withDb((d) =>
      d.system
        .selectFrom('identityRescan')
        .selectAll()
        .where('dryRun', '=', false)
        .orderBy('createdAt', 'desc')
        .executeTakeFirstOrThrow(),
    );
  /** Runs `identity rescan` in a child process and kills it with SIGKILL once `lines` progress lines matched. */
  async function runAndKill(args: string[], line: RegExp, lines: number) {
    const child = spawn(process.execPath, [BIN, 'identity', 'rescan', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      let seen = 0;
      child.stderr?.on('data', (d: Buffer) => {
        seen += (d.toString().match(line) ?? []).length;
        if (seen >= lines && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    await new Promise((r) => child.once('exit', r).exitCode !== null && r(null));
  }

  beforeAll(async () => {
    if (TEST_DATABASE_URL) {
      dbName = `clientela_test_${randomBytes(6).toString('hex')}`;
      await admin(`create database ${dbName}`);
      const u = new URL(TEST_DATABASE_URL);
      u.pathname = `/${dbName}`;
      env.DATABASE_URL = u.toString();
    }
    const created = await clientela([
      'org',
      'create',
      '--name',
      'Hotel Rescan',
      '--owner-email',
      'owner@rescan.test',
      '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    await withDb(async (d) => {
      const org = await d.system.selectFrom('organisation').select('id').executeTakeFirstOrThrow();
      const db = d.forOrg(org.id);
      const ctx = {
        db,
        orgId: org.id,
        actor: { actorType: 'system', actorId: 'test' },
        requestId: null,
        permissions: 'system' as const,
      };
      for (let i = 0; i < fixture.guests.length; i += 500)
        await db.transaction().execute(async (trx) => {
          const out = await insertGuests(
            { ...ctx, db: trx },
            trx,
            fixture.guests.slice(i, i + 500).map((body) => ({ body })),
          );
          const bad = out.find((o) => 'error' in o);
          if (bad) throw (bad as { error: Error }).error;
        });
    });
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    if (dbName) await admin(`drop database if exists ${dbName} with (force)`);
  });

  it('killed while planning, it plans again; killed while applying, it resumes from its last batch; it ends with the merges the dry run announced', async () => {
    const dry = await clientela(['identity', 'rescan', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const planned = JSON.parse(dry.stdout) as Out;
    expect(planned).toMatchObject({ status: 'done', dryRun: true });
    // Every planted second writing is found (and nothing more: relatives stay apart).
    expect(planned.summary.mergedProfiles).toBe(fixture.duplicates);
    expect(await guestCount()).toBe(COUNT);

    // The real run in a child process, killed with SIGKILL while planning (pages of 100 profiles):
    // nothing of the plan is written, the run is still planning.
    await runAndKill(['--page-size', '100'], /^Rescan planning: \d+\/\d+ profiles$/gm, 3);
    expect(await guestCount()).toBe(COUNT);
    expect(await stepCount()).toBe(0);
    expect(await runRow()).toMatchObject({ phase: 'plan', status: 'running', merges: 0 });

    // Resumed (it plans again from the start), then killed with SIGKILL after its second committed batch of steps.
    await runAndKill(['--batch-size', '5'], /^Rescan applying: \d+\/\d+ steps$/gm, 2);
    const row = await runRow();
    expect(row).toMatchObject({ phase: 'apply', status: 'running' });
    expect(row.applied).toBeGreaterThanOrEqual(10);
    // The plan is stored: every merge the dry run announced, then the queue's pairs.
    expect(await stepCount('merge')).toBe(planned.summary.merges);
    const between = await guestCount();
    expect(between).toBeLessThan(COUNT);
    expect(between).toBeGreaterThan(COUNT - fixture.duplicates);

    const resumed = await clientela(['identity', 'rescan', '--json', '--batch-size', '5']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming rsc_/);
    // Resumed after the last committed batch: no planning again, applying from where it stopped.
    expect(resumed.stderr).not.toMatch(/Rescan planning/);
    expect(resumed.stderr).toMatch(/^Rescan applying: \d+\/\d+ steps$/m);
    const done = JSON.parse(resumed.stdout) as Out;
    expect(done).toMatchObject({ status: 'done', dryRun: false });
    expect(done.summary.merges).toBe(planned.summary.merges);
    expect(done.summary.mergedProfiles).toBe(planned.summary.mergedProfiles);
    expect(await guestCount()).toBe(COUNT - planned.summary.mergedProfiles);
    const merges = await withDb(async (d) =>
      Number(
        (
          await d.system
            .selectFrom('guestMerge')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    expect(merges).toBe(planned.summary.merges);
    // The plan (profile ids and reasons) is deleted once applied.
    expect(await stepCount()).toBe(0);

    // A second rescan finds nothing more to merge.
    const again = JSON.parse((await clientela(['identity', 'rescan', '--json'])).stdout) as Out;
    expect(again.summary.merges).toBe(0);
  });
});
