import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { drainImportJobs, multipartBody } from './import-test-helpers.ts';

const filesDir = mkdtempSync(path.join(tmpdir(), 'clientela-imports-'));

// Every record is rejected (bad e-mail, impossible date, no name): the pipeline runs without writing guests.
const REJECTED_CSV = [
  'First name;Last name;Email;Birthday',
  'Ana;García;not-an-email;1990-01-01',
  ';;ana@example.com;',
  'Luis;"de la Rosa";luis@example.com;31/02/1980',
  '=cmd;Evil;@bad;',
].join('\r\n');

type ImportBody = {
  id: string;
  status: string;
  dryRun: boolean;
  progress: { done: number; total: number | null };
  uploadKept: boolean;
  summary: {
    records: number;
    created: number;
    updated: number;
    unchanged: number;
    invalid: number;
    format: { kind: string; encoding: string | null; delimiter: string | null };
    mapping: Record<string, string>;
    errors: Array<{ record: number; field: string; code: string; message: string }>;
  };
};

describe(`imports API (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;

  beforeAll(async () => {
    t = await createTestApp({ env: { CLIENTELA_FILES_DIR: filesDir, CLIENTELA_IMPORT_MAX_MB: '1' } });
    owner = await t.login();
  });
  afterAll(async () => {
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const upload = (
    session: Session | { headers: Record<string, string> },
    content: string | Buffer,
    fields = {},
    name = 'guests.csv',
  ) => {
    const body = multipartBody({ name, content }, fields);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...session.headers, ...body.headers },
      payload: body.payload,
    });
  };
  const get = (url: string, session: { headers: Record<string, string> } = owner) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: {
        cookie: session.headers.cookie ?? '',
        ...('authorization' in session.headers ? { authorization: session.headers.authorization } : {}),
      },
    });
  const uploads = () => (existsSync(path.join(filesDir, 'imports')) ? readdirSync(path.join(filesDir, 'imports')) : []);

  it('imports a file as a job and reports every rejected record, then deletes the upload', async () => {
    const res = await upload(owner, REJECTED_CSV);
    expect(res.statusCode, res.body).toBe(202);
    const { id, status } = res.json<{ id: string; status: string }>();
    expect(id).toMatch(/^imp_/);
    expect(status).toBe('queued');
    expect(uploads()).toHaveLength(1);

    await drainImportJobs(t.database.system, t.config);
    const done = await get(`/api/v1/imports/${id}`);
    expect(done.statusCode).toBe(200);
    const body = done.json<ImportBody>();
    expect(body).toMatchObject({
      id,
      status: 'done',
      dryRun: false,
      progress: { done: 4, total: 4 },
      uploadKept: false,
    });
    expect(body.summary).toMatchObject({
      records: 4,
      created: 0,
      updated: 0,
      unchanged: 0,
      invalid: 4,
      format: { kind: 'csv', encoding: 'utf-8', delimiter: ';' },
    });
    expect(body.summary.mapping).toMatchObject({ 'First name': 'givenName', Email: 'email' });
    expect(body.summary.errors.map((e) => [e.record, e.field, e.code])).toEqual([
      [1, 'email', 'invalid_email'],
      [2, 'fullName', 'missing_name'],
      [3, 'birthDate', 'impossible_date'],
      [4, 'email', 'invalid_email'],
    ]);
    // The upload is gone once a real import ends.
    expect(uploads()).toHaveLength(0);
    expect((await get(`/api/v1/imports/${id}/columns`)).json()).toMatchObject({
      error: { code: 'import_upload_gone' },
    });
    expect((await get(`/api/v1/imports/${id}/columns`)).statusCode).toBe(410);

    const csv = await get(`/api/v1/imports/${id}/errors.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('First name,Last name,Email,Birthday,Import error');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^Ana,García,not-an-email,1990-01-01,"?record 1, email: /);
    // Formula-guarded: the cell that started with "=" is prefixed.
    expect(lines[4]).toMatch(/^'=cmd,Evil,'@bad,/);
  });

  it('dry run keeps the upload for the real run: columns, then run again', async () => {
    const res = await upload(owner, REJECTED_CSV, { dryRun: 'true' });
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json<{ id: string }>();
    await drainImportJobs(t.database.system, t.config);
    const dry = (await get(`/api/v1/imports/${id}`)).json<ImportBody>();
    expect(dry).toMatchObject({ status: 'done', dryRun: true, uploadKept: true });
    expect(dry.summary).toMatchObject({ records: 4, invalid: 4 });
    expect(dry.summary.errors).toHaveLength(4);

    const columns = await get(`/api/v1/imports/${id}/columns`);
    expect(columns.statusCode, columns.body).toBe(200);
    expect(columns.json()).toMatchObject({
      kind: 'csv',
      delimiter: ';',
      columns: [
        { header: 'First name', field: 'givenName', samples: ['Ana', 'Luis', '=cmd'] },
        { header: 'Last name', field: 'familyName', samples: ['García', 'de la Rosa', 'Evil'] },
        { header: 'Email', field: 'email' },
        { header: 'Birthday', field: 'birthDate', samples: ['1990-01-01', '31/02/1980'] },
      ],
    });

    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${id}/run`,
      headers: owner.headers,
      payload: { mapping: { Nope: 'email' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'import_mapping_unknown_column' } });

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${id}/run`,
      headers: owner.headers,
      payload: { dryRun: false, mapping: { 'Last name': 'ignore' } },
    });
    expect(again.statusCode, again.body).toBe(202);
    const realId = again.json<{ id: string }>().id;
    expect(realId).not.toBe(id);
    await drainImportJobs(t.database.system, t.config);
    const real = (await get(`/api/v1/imports/${realId}`)).json<ImportBody>();
    expect(real).toMatchObject({ status: 'done', dryRun: false, uploadKept: false });
    expect(real.summary.mapping['Last name']).toBe('ignore');
    expect(real.summary).toMatchObject({ records: 4, invalid: 4 });
    // The dry run's upload went with the real run.
    expect((await get(`/api/v1/imports/${id}/columns`)).statusCode).toBe(410);

    const list = await get('/api/v1/imports?limit=1');
    expect(list.statusCode).toBe(200);
    const page = list.json<{ items: Array<{ id: string }>; nextCursor: string | null }>();
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toBeTruthy();
    const next = await get(`/api/v1/imports?limit=50&cursor=${page.nextCursor}`);
    expect(next.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).not.toContain(page.items[0]?.id);
    expect((await get('/api/v1/imports?cursor=bad')).json()).toMatchObject({ error: { code: 'invalid_cursor' } });
  });

  it('refuses a file that is not a table (400), one too large (413), and a body that is not multipart', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const unreadable = await upload(owner, png, {}, 'photo.png');
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json()).toMatchObject({ error: { code: 'import_file_unreadable' } });
    const fakeXlsx = await upload(
      owner,
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]),
      {},
      'x.xlsx',
    );
    expect(fakeXlsx.statusCode).toBe(400);

    const big = `name;email\n${'Ana;ana@example.com\n'.repeat(60_000)}`;
    const tooLarge = await upload(owner, big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ error: { code: 'import_file_too_large' } });

    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: owner.headers,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(400);
    const noFile = multipartBody(undefined, { dryRun: 'true' });
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...owner.headers, ...noFile.headers },
      payload: noFile.payload,
    });
    expect(missing.json()).toMatchObject({ error: { code: 'import_file_missing' } });
    const badField = await upload(owner, REJECTED_CSV, { onExisting: 'destroy' });
    expect(badField.statusCode).toBe(400);
    const badMapping = await upload(owner, REJECTED_CSV, { mapping: '{"Email":"password"}' });
    expect(badMapping.statusCode).toBe(400);
    const nul = await upload(owner, REJECTED_CSV, { mapping: '{"Em\u0000ail":"email"}' });
    expect(nul.statusCode).toBe(400);
    // Nothing refused stays on disk.
    expect(uploads()).toHaveLength(0);
  });

  it('checks permissions, API key scopes and the organisation', async () => {
    const anonymous = await upload({ headers: {} }, REJECTED_CSV);
    expect(anonymous.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/imports' })).statusCode).toBe(401);

    const reception = await t.addStaff('reception');
    const receptionSession = await t.login(reception.email, reception.password);
    expect((await upload(receptionSession, REJECTED_CSV)).statusCode).toBe(403);
    expect((await get('/api/v1/imports', receptionSession)).statusCode).toBe(200);

    const keyOf = async (scopes: string[]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: owner.headers,
        payload: { name: scopes.join(' '), scopes },
      });
      expect(res.statusCode, res.body).toBe(201);
      return { headers: { authorization: `Bearer ${res.json<{ secret: string }>().secret}` } };
    };
    const writer = await keyOf(['imports:write']);
    const created = await upload(writer, REJECTED_CSV, { dryRun: 'true' });
    expect(created.statusCode, created.body).toBe(202);
    const reader = await keyOf(['guests:read']);
    expect((await upload(reader, REJECTED_CSV)).statusCode).toBe(403);
    const id = created.json<{ id: string }>().id;
    expect((await get(`/api/v1/imports/${id}`, reader)).statusCode).toBe(403);

    const other = await t.createOrg('Other hotel');
    const otherSession = await t.login(other.email, other.password);
    expect((await get(`/api/v1/imports/${id}`, otherSession)).statusCode).toBe(404);
    expect((await get(`/api/v1/imports/${id}/errors.csv`, otherSession)).statusCode).toBe(404);
    expect((await get(`/api/v1/imports/${id}/columns`, otherSession)).statusCode).toBe(404);
    const runOther = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${id}/run`,
      headers: otherSession.headers,
      payload: {},
    });
    expect(runOther.statusCode).toBe(404);
    expect((await get('/api/v1/imports', otherSession)).json()).toEqual({ items: [], nextCursor: null });
    expect((await get(`/api/v1/imports/imp_%00x`)).statusCode).toBeLessThan(500);
    await drainImportJobs(t.database.system, t.config);
  });
});
