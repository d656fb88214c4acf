import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { jobHandlers } from '../../jobs/handlers.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { IDENTITY_MODEL_JOB } from '../identity/index.ts';
import { PERSONAL_DATA_PLACES } from './registry.ts';

/**
 * Erasure of what is derived from a guest outside their own rows (P-2): the export files that list
 * them (issue 13, D-2) and the organisation's identity model, whose name counts include them (issue 14).
 */
describe(`erasure of export files and the identity model (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let filesDir: string;

  const drain = async () => {
    while (await runNextJob(t.database.system, jobHandlers())) {
      /* run every due job */
    }
  };
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const guest = async (body: object) => {
    const res = await call('POST', '/api/v1/guests', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const exportFiles = () => readdirSync(path.join(filesDir, 'exports')).map((f) => path.join(filesDir, 'exports', f));
  const model = () =>
    t.database.system.selectFrom('identityModel').selectAll().where('orgId', '=', t.orgId).executeTakeFirst();
  const familyCount = (names: unknown, key: string) =>
    new Map((names as { family: [string, number][] }).family).get(key) ?? 0;

  beforeAll(async () => {
    filesDir = mkdtempSync(path.join(tmpdir(), 'clientela-erasure-derived-'));
    t = await createTestApp({ env: { CLIENTELA_FILES_DIR: filesDir } });
    s = await t.login();
  });
  afterAll(async () => {
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('lists export files and the identity model in the registry', () => {
    const names = PERSONAL_DATA_PLACES.map((p) => (p.kind === 'table' ? p.table : `${p.kind}:${p.name}`));
    expect(names).toContain('export_file');
    expect(names.some((n) => n.startsWith('files:export files'))).toBe(true);
    expect(names).toContain('identity_model');
  });

  it('deletes every export file that may list the erased guest: gone from disk, not downloadable, marked deleted', async () => {
    const gone = await guest({
      firstName: 'Exportmarker',
      lastName: 'Vanishing',
      email: 'export.marker@erasure.example',
      phone: '+34 612 90 11 22',
    });
    await guest({ firstName: 'Stays', lastName: 'Listed', email: 'stays.listed@erasure.example' });
    const ids: string[] = [];
    for (const format of ['csv', 'xlsx', 'vcf']) {
      const res = await call('POST', '/api/v1/exports', { format });
      expect(res.statusCode, res.body).toBe(202);
      ids.push(res.json<{ id: string }>().id);
    }
    await drain();
    for (const id of ids) expect((await call('GET', `/api/v1/exports/${id}/file`)).statusCode).toBe(200);
    expect(exportFiles()).toHaveLength(3);
    expect(exportFiles().some((f) => readFileSync(f, 'utf8').includes('Exportmarker'))).toBe(true);

    const erased = await call('DELETE', `/api/v1/guests/${gone}`);
    expect(erased.statusCode, erased.body).toBe(204);
    await drain();

    // No file of the files area holds the person, in any form (the XLSX is zipped: none is left at all).
    expect(exportFiles()).toEqual([]);
    for (const id of ids) {
      const file = await call('GET', `/api/v1/exports/${id}/file`);
      expect(file.statusCode).toBe(409);
      expect(file.json().error.code).toBe('export_expired');
      expect((await call('GET', `/api/v1/exports/${id}`)).json()).toMatchObject({
        id,
        status: 'deleted',
        deletedReason: 'erasure',
      });
    }
    const rows = await t.database.system.selectFrom('exportFile').selectAll().where('id', 'in', ids).execute();
    expect(rows.map((r) => r.deletedReason)).toEqual(['erasure', 'erasure', 'erasure']);
    expect(rows.every((r) => r.deletedAt !== null)).toBe(true);

    // A new export after the erasure lists the others and not the erased guest.
    const after = await call('POST', '/api/v1/exports', { format: 'csv' });
    await drain();
    const csv = await call('GET', `/api/v1/exports/${after.json<{ id: string }>().id}/file`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Stays');
    expect(csv.body).not.toMatch(/Exportmarker|export\.marker|612901122/);
  });

  it("removes the erased guest's names from the identity model and rebuilds it only after the erasure commits", async () => {
    // Six profiles share a surname: the model stores names of 5+ profiles.
    const family = 'Etxeberriamodel';
    const ids: string[] = [];
    for (const given of ['Ane', 'Iker', 'Miren', 'Unai', 'Leire', 'Jon'])
      ids.push(await guest({ firstName: given, lastName: family, email: `${given.toLowerCase()}@model.example` }));
    const queued = await call('POST', '/api/v1/settings/identity/model');
    expect(queued.statusCode, queued.body).toBe(202);
    await drain();
    const before = await model();
    expect(before).toBeDefined();
    const key = Object.fromEntries((before!.names as { family: [string, number][] }).family);
    const familyKey = Object.keys(key).find((k) => k.includes('etxeberriamodel'));
    expect(familyKey, JSON.stringify(before!.names)).toBeDefined();
    expect(familyCount(before!.names, familyKey!)).toBe(6);

    await t.database.system.deleteFrom('job').where('name', '=', IDENTITY_MODEL_JOB).execute();
    const erased = await call('DELETE', `/api/v1/guests/${ids[0]}`);
    expect(erased.statusCode, erased.body).toBe(204);
    // Committed with the erasure: no model, and one rebuild waiting (queued in the erasure's transaction).
    expect(await model()).toBeUndefined();
    const rebuild = await t.database.system
      .selectFrom('job')
      .selectAll()
      .where('name', '=', IDENTITY_MODEL_JOB)
      .where('status', '=', 'queued')
      .execute();
    expect(rebuild).toHaveLength(1);
    await drain();
    const after = await model();
    expect(after).toBeDefined();
    expect(familyCount(after!.names, familyKey!)).toBe(5);
    expect(JSON.stringify(after!.names)).not.toMatch(/\bane\b/i);

    // Erasing another drops the surname below 5 profiles: it is no longer written down at all.
    const again = await call('DELETE', `/api/v1/guests/${ids[1]}`);
    expect(again.statusCode, again.body).toBe(204);
    await drain();
    expect(familyCount((await model())!.names, familyKey!)).toBe(0);
  });
});
