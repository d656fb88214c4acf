import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, runClientela } from '../../../test/support/cli.ts';
import { TEST_DATABASE_URL, engineName } from '../../../test/support/db.ts';
import { openDatabase } from '../../db/database.ts';
import { sampleCsv } from '../../modules/imports/import-sample-file.ts';

describe(`clientela import (${engineName})`, { timeout: 300_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientela-import-cli-'));
  const env: Record<string, string> = {
    CLIENTELA_DATA_DIR: dir,
    CLIENTELA_ENCRYPTION_KEY: 'Y2xpZW50ZWxhLXRlc3QtZW5jcnlwdGlvbi1rZXktMzI=',
  };
  const file = path.join(dir, 'guests.csv');
  let scratch: { url: string; drop: () => Promise<void> } | undefined;

  beforeAll(async () => {
    writeFileSync(file, sampleCsv({ rows: 300, seed: 3 }));
    if (TEST_DATABASE_URL) {
      scratch = await createScratchDatabase();
      env.DATABASE_URL = scratch.url;
    }
    const r = await clientela([
      'org',
      'create',
      '--name',
      'Hotel CLI',
      '--owner-email',
      'owner@cli.test',
      '--owner-password',
      'a-long-password-1',
    ]);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await scratch?.drop();
  });

  const clientela = (args: string[]) => runClientela(args, env);
  async function guestCount() {
    const database = await openDatabase(
      env.DATABASE_URL
        ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 1 }
        : { kind: 'embedded', dir: path.join(dir, 'pgdata'), thread: 'main' },
    );
    try {
      const r = await database.system
        .selectFrom('guest')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    } finally {
      await database.close();
    }
  }
  type Out = {
    id: string;
    status: string;
    dryRun: boolean;
    summary: {
      records: number;
      created: number;
      updated: number;
      unchanged: number;
      invalid: number;
      errors: unknown[];
    };
  };

  it('dry run with --json prints the summary and writes nothing', async () => {
    const r = await clientela(['import', file, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out).toMatchObject({ status: 'done', dryRun: true, summary: { records: 300 } });
    expect(out.summary.created).toBeGreaterThan(250);
    expect(out.summary.errors.length).toBe(out.summary.invalid);
    expect(await guestCount()).toBe(0);
  });

  it('imports, then a second import changes nothing; the original file is left alone', async () => {
    const first = JSON.parse((await clientela(['import', file, '--json'])).stdout) as Out;
    expect(first.summary.records).toBe(300);
    expect(await guestCount()).toBe(first.summary.created);
    const second = await clientela(['import', file, '--json', '--on-existing', 'skip']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ summary: { created: 0, updated: 0 } });
    expect(readdirSync(dir)).toContain('guests.csv');
    // Real imports deleted their copies; the dry run's copy waits for the daily cleanup.
    expect(readdirSync(path.join(dir, 'files', 'imports'))).toHaveLength(1);
    const text = await clientela(['import', file]);
    expect(text.stdout).toMatch(/300 records, 0 created, 0 updated, \d+ unchanged, \d+ invalid/);
  });

  it('says what is wrong with bad options and unreadable files', async () => {
    expect((await clientela(['import', file, '--on-existing', 'nuke'])).stderr).toMatch(/--on-existing/);
    expect((await clientela(['import', path.join(dir, 'missing.csv')])).code).not.toBe(0);
    const png = path.join(dir, 'photo.png');
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const r = await clientela(['import', png]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/import_file_unreadable/);
  });
});
