import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { sampleCsv } from './import-sample-file.ts';
import { drainImportJobs, multipartBody } from './import-test-helpers.ts';

const filesDir = mkdtempSync(path.join(tmpdir(), 'clientela-imports-apply-'));
const FILE = sampleCsv({ rows: 1200, seed: 7 });

type Summary = {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  errors: Array<{ record: number; field: string; code: string }>;
};

describe(`imports end to end (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { CLIENTELA_FILES_DIR: filesDir } });
    owner = await t.login();
  });
  afterAll(async () => {
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const start = async (fields: Record<string, string> = {}) => {
    const body = multipartBody({ name: 'guests.csv', content: FILE }, fields);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...owner.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(202);
    return res.json<{ id: string }>().id;
  };
  const finish = async (id: string) => {
    await drainImportJobs(t.database.system, t.config);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: { cookie: owner.cookie } });
    expect(res.statusCode).toBe(200);
    return res.json<{ status: string; progress: { done: number; total: number }; summary: Summary }>();
  };
  const state = async () => {
    const db = t.database.forOrg(t.orgId);
    const count = async (table: 'guest' | 'guestEmail' | 'guestHistory' | 'guestConsent' | 'guestPhone') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const touched = await sql<{
      at: string;
    }>`select coalesce(max(updated_at), 'epoch')::text as at from guest where org_id = ${t.orgId}`.execute(
      t.database.system,
    );
    return {
      guests: await count('guest'),
      emails: await count('guestEmail'),
      phones: await count('guestPhone'),
      history: await count('guestHistory'),
      consents: await count('guestConsent'),
      lastUpdate: touched.rows[0]?.at,
    };
  };

  it('a dry run counts exactly and writes nothing', async () => {
    const before = await state();
    const id = await start({ dryRun: 'true' });
    const dry = await finish(id);
    expect(dry.status).toBe('done');
    expect(dry.progress).toEqual({ done: 1200, total: 1200 });
    const { records, created, updated, unchanged, invalid } = dry.summary;
    expect(records).toBe(1200);
    expect(created + updated + unchanged + invalid).toBe(1200);
    expect(created).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(0);
    expect(dry.summary.errors.every((e) => e.code === 'invalid_email')).toBe(true);
    expect(await state()).toEqual(before);
    // Kept for the real run.
    expect(readdirSync(path.join(filesDir, 'imports'))).toHaveLength(1);
  });

  it('the real run matches the dry run; importing the same file again changes nothing', async () => {
    const dryId = (await finish(await start({ dryRun: 'true' }))).summary;
    const first = await finish(await start());
    expect(first.status).toBe('done');
    expect(first.summary).toMatchObject({
      records: 1200,
      created: dryId.created,
      updated: dryId.updated,
      unchanged: dryId.unchanged,
      invalid: dryId.invalid,
    });
    expect(first.summary.errors.map((e) => e.record)).toEqual(dryId.errors.map((e) => e.record));
    const after = await state();
    expect(after.guests).toBe(first.summary.created);

    const second = await finish(await start());
    expect(second.summary).toMatchObject({ records: 1200, created: 0, updated: 0, invalid: first.summary.invalid });
    expect(second.summary.unchanged).toBe(1200 - first.summary.invalid);
    expect(await state()).toEqual(after);
    // Every real run deleted its upload; the dry runs' upload went with the first real run of it? No:
    // those were separate uploads, kept 24 h for the daily cleanup.
    const { deleteExpiredImportUploads } = await import('./import-upload-cleanup.ts');
    expect(await deleteExpiredImportUploads(t.database.system, new Date(Date.now() + 25 * 3600_000))).toBe(2);
    expect(readdirSync(path.join(filesDir, 'imports'))).toHaveLength(0);
  });
});
