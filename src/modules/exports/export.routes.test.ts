import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { jobHandlers } from '../../jobs/handlers.ts';
import { runNextJob } from '../../jobs/queue.ts';
import {
  columnFields,
  detectFormat,
  fileSource,
  isUnreadable,
  openTableFile,
  readRecord,
  type ReadRecord,
} from '../imports/index.ts';
import { drainImportJobs, multipartBody } from '../imports/import-test-helpers.ts';
import { EXPORT_COLUMNS } from './index.ts';

/** Issue 13, D-2: exports of the guest list to CSV, XLSX and vCard. */
describe(`guest exports (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let filesDir: string;
  const ids: Record<string, string> = {};

  const drain = async () => {
    while (await runNextJob(t.database.system, jobHandlers())) {
      /* run every due job */
    }
  };
  const start = async (payload: Record<string, unknown>, headers: Record<string, string> = s.headers) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/exports', headers, payload });
    expect(res.statusCode, res.body).toBe(202);
    await drain();
    return res.json<{ id: string; status: string }>().id;
  };
  const download = (id: string, headers: Record<string, string> = { cookie: s.cookie }) =>
    t.app.inject({ method: 'GET', url: `/api/v1/exports/${id}/file`, headers });
  const readBack = async (body: Buffer) => {
    const file = path.join(filesDir, `readback-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(file, body);
    const table = await openTableFile(fileSource(file));
    const detected = detectFormat(table.headers);
    const fields = columnFields(table.headers, detected.mapping);
    const records: ReadRecord[] = [];
    let unreadable = 0;
    for await (const row of table.rows) {
      if (isUnreadable(row)) unreadable++;
      else records.push(readRecord(row, table.headers, fields, { format: detected.format, defaultCountry: 'ES' }));
    }
    rmSync(file);
    return { table, detected, records, unreadable };
  };

  beforeAll(async () => {
    filesDir = mkdtempSync(path.join(tmpdir(), 'clientela-exports-'));
    t = await createTestApp({ env: { CLIENTELA_FILES_DIR: filesDir } });
    s = await t.login();
    const post = async (url: string, payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url, headers: s.headers, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json<{ id: string }>().id;
    };
    await post('/api/v1/tags', { name: 'Export VIP' });
    ids.group = await post('/api/v1/groups', { name: 'Golfers' });
    ids.maria = await post('/api/v1/guests', {
      firstName: 'María José',
      lastName: 'García',
      secondLastName: 'de la Rosa',
      emails: [{ email: 'maria@example.es' }, { email: 'mj.garcia@example.org' }],
      phones: [{ number: '+34 612 345 678' }, { number: '+33 6 12 34 56 78' }],
      language: 'es',
      nationality: 'ES',
      country: 'ES',
      addresses: [
        { street: 'Calle Mayor 1, 2º', city: 'Sevilla', region: 'Andalucía', postcode: '41001', country: 'ES' },
      ],
      birthDate: '1980-02-29',
      marketingConsent: true,
      tags: ['Export VIP'],
      groupIds: [ids.group],
    });
    ids.jean = await post('/api/v1/guests', {
      firstName: 'Jean',
      lastName: 'Dupont, Jr; "le grand"',
      email: 'jean@example.fr',
      language: 'fr',
      country: 'FR',
    });
    ids.evil = await post('/api/v1/guests', { firstName: 'Evil', lastName: 'Formula', email: 'evil@example.com' });
    // A name as a spreadsheet would run it (the API keeps names as typed).
    await t.database.system
      .updateTable('guest')
      .set({ firstName: '=HYPERLINK("http://x.test","y")' })
      .where('id', '=', ids.evil)
      .execute();
    await post(`/api/v1/guests/${ids.maria}/notes`, { body: 'Prefers a quiet room' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('exports every guest to CSV (BOM, Clientela headers) and the file re-imports with zero problems', async () => {
    const id = await start({ format: 'csv' });
    const status = await t.app.inject({ method: 'GET', url: `/api/v1/exports/${id}`, headers: { cookie: s.cookie } });
    expect(status.json()).toMatchObject({
      id,
      status: 'done',
      rows: 3,
      progress: { done: 3, total: 3 },
      format: 'csv',
    });
    const res = await download(id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="guests-\d{4}-\d{2}-\d{2}-exp_[\w]+\.csv"$/,
    );
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { table, detected, records, unreadable } = await readBack(res.rawPayload);
    expect(table.headers).toEqual(EXPORT_COLUMNS);
    expect(detected.format.id).toBe('clientela');
    expect(unreadable).toBe(0);
    expect(records.flatMap((r) => r.problems)).toEqual([]);
    const maria = records.find((r) => r.person.externalId === ids.maria)?.person;
    expect(maria).toMatchObject({
      givenName: 'María José',
      familyName: 'García de la Rosa',
      emails: ['maria@example.es', 'mj.garcia@example.org'],
      birthDate: '1980-02-29',
      language: 'es',
      nationality: 'ES',
      address: { line1: 'Calle Mayor 1, 2º', city: 'Sevilla', region: 'Andalucía', postcode: '41001', country: 'ES' },
      tags: ['Export VIP'],
      groups: ['Golfers', 'Visitor'], // Visitor: the default group (guest-system-groups.ts)
      notes: ['Prefers a quiet room'],
    });
    expect(maria?.phones.map((p) => p.e164)).toEqual(['+34612345678', '+33612345678']);
    expect(maria?.consents).toEqual(expect.arrayContaining([expect.objectContaining({ purpose: 'newsletter' })]));
    const jean = records.find((r) => r.person.externalId === ids.jean)?.person;
    expect(jean).toMatchObject({
      givenName: 'Jean',
      familyName: 'Dupont, Jr; "le grand"',
      emails: ['jean@example.fr'],
    });
  });

  it('re-imports into an empty organisation with zero errors and the same guests, and a second import adds nobody', async () => {
    const file = (await download(await start({ format: 'csv' }))).rawPayload;
    const other = await t.createOrg('Round trip hotel');
    const owner = await t.login(other.email, other.password);
    type Listed = {
      firstName: string;
      lastName: string;
      secondLastName: string | null;
      emails: { email: string }[];
      phones: { e164: string }[];
      birthDate: string | null;
      tags: { name: string }[];
    };
    const guests = async (session: Session) => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/guests?limit=100', headers: session.headers });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as Listed[])
        .map((g) => ({
          name: [g.firstName, g.lastName, g.secondLastName].filter(Boolean).join(' '),
          emails: g.emails.map((e) => e.email).sort(),
          phones: g.phones.map((p) => p.e164).sort(),
          birthDate: g.birthDate,
          tags: g.tags.map((x) => x.name).sort(),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    };
    const importOnce = async () => {
      const upload = multipartBody({ name: 'guests.csv', content: file });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { ...owner.headers, ...upload.headers },
        payload: upload.payload,
      });
      expect(res.statusCode, res.body).toBe(202);
      await drainImportJobs(t.database.system, t.config);
      const run = await t.app.inject({
        method: 'GET',
        url: `/api/v1/imports/${res.json<{ id: string }>().id}`,
        headers: owner.headers,
      });
      return run.json<{ status: string; summary: Record<string, unknown> }>();
    };

    const first = await importOnce();
    expect(first.status).toBe('done');
    expect(first.summary).toMatchObject({ records: 3, created: 3, invalid: 0, errors: [] });
    expect((first.summary.format as { kind: string }).kind).toBe('csv');
    expect(await guests(owner)).toEqual(await guests(s));

    const second = await importOnce();
    expect(second.summary).toMatchObject({ records: 3, created: 0, updated: 0, unchanged: 3, invalid: 0 });
    expect(await guests(owner)).toEqual(await guests(s));
  });

  it('guards cells a spreadsheet would run as formulas', async () => {
    const id = await start({ format: 'csv', fields: ['Guest ID', 'First name', 'Phones'] });
    const text = (await download(id)).rawPayload.toString('utf8');
    expect(text).toContain(`${ids.evil},"'=HYPERLINK(""http://x.test"",""y"")"`);
    expect(text).toContain("'+34612345678;+33612345678");
    expect(text.split('\r\n')[0]).toBe('\uFEFFGuest ID,First name,Phones');
  });

  it('selects rows with the guest list filters and with a saved segment', async () => {
    const byTag = await start({ format: 'csv', filters: { tag: 'Export VIP' } });
    const tagged = await readBack((await download(byTag)).rawPayload);
    expect(tagged.records.map((r) => r.person.externalId)).toEqual([ids.maria]);
    const seg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: s.headers,
      payload: { name: 'French speakers', filters: { language: 'fr' } },
    });
    const bySegment = await start({ format: 'csv', segmentId: seg.json<{ id: string }>().id });
    const french = await readBack((await download(bySegment)).rawPayload);
    expect(french.records.map((r) => r.person.externalId)).toEqual([ids.jean]);
    const none = await start({ format: 'csv', filters: { tag: 'No such tag' } });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/exports/${none}`, headers: { cookie: s.cookie } })).json(),
    ).toMatchObject({ status: 'done', rows: 0 });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: s.headers,
      payload: { format: 'csv', segmentId: 'seg_nope' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_segment');
  });

  it('masks personal data exactly as the list does for a principal without personal-data:read', async () => {
    const marketing = await t.addStaff('marketing');
    const m = await t.login(marketing.email, marketing.password);
    const id = await start({ format: 'csv', filters: { tag: 'Export VIP' } }, m.headers);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/exports/${id}`, headers: { cookie: m.cookie } })).json(),
    ).toMatchObject({ masked: true });
    const text = (await download(id, { cookie: m.cookie })).rawPayload.toString('utf8');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/guests?tag=Export%20VIP',
      headers: { cookie: m.cookie },
    });
    const shown = list.json<{ items: Array<{ emails: Array<{ email: string }>; phones: Array<{ e164: string }> }> }>()
      .items[0]!;
    expect(text).toContain(shown.emails.map((e) => e.email).join(';'));
    expect(text).not.toContain('maria@example.es');
    expect(text).not.toContain('612345678');
    expect(text).not.toContain('1980-02-29');
    expect(text).not.toContain('Calle Mayor');
    expect(text).not.toContain('quiet room');
    // Searching by e-mail would confirm an address: refused as on the list.
    const search = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: m.headers,
      payload: { format: 'csv', filters: { q: 'maria@example.es' } },
    });
    expect(search.statusCode).toBe(403);
  });

  it('writes XLSX through the streaming writer (read back with ExcelJS)', async () => {
    const id = await start({ format: 'xlsx', filters: { tag: 'Export VIP' } });
    const res = await download(id);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row[0]).toBe(ids.maria);
    expect(row[2]).toBe('María José');
    expect(row[5]).toBe('+34612345678;+33612345678');
    expect(row[20]).toBe('yes');
    const evil = await start({ format: 'xlsx', fields: ['Guest ID', 'First name'] });
    const evilBook = new ExcelJS.Workbook();
    await evilBook.xlsx.load((await download(evil)).rawPayload as unknown as ArrayBuffer);
    const cells = evilBook.worksheets[0]!.getColumn(2).values.filter(Boolean);
    expect(cells).toContain('=HYPERLINK("http://x.test","y")'); // a text cell, not a formula
  });

  it('writes vCard 4.0, one card per guest, escaped', async () => {
    const id = await start({ format: 'vcf' });
    const res = await download(id);
    expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
    const text = res.rawPayload.toString('utf8');
    expect(text.match(/BEGIN:VCARD\r\nVERSION:4\.0\r\n/g)).toHaveLength(3);
    expect(text.match(/END:VCARD\r\n/g)).toHaveLength(3);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('N:García de la Rosa;María José;;;\r\n');
    expect(unfolded).toContain('FN:María José García de la Rosa\r\n');
    expect(unfolded).toContain('EMAIL;PREF=1:maria@example.es\r\nEMAIL:mj.garcia@example.org\r\n');
    expect(unfolded).toContain('TEL;VALUE=uri;PREF=1:tel:+34612345678\r\nTEL;VALUE=uri:tel:+33612345678\r\n');
    expect(unfolded).toContain('ADR:;;Calle Mayor 1\\, 2º;Sevilla;Andalucía;41001;ES\r\n');
    expect(unfolded).toContain('N:Dupont\\, Jr\\; "le grand";Jean;;;\r\n');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('lists past exports with who, when, format, rows and expiry; the audit log records exports and downloads', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/exports?limit=2', headers: { cookie: s.cookie } });
    expect(list.statusCode).toBe(200);
    const page = list.json<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>();
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({
      format: 'vcf',
      status: 'done',
      rows: 3,
      createdBy: { type: 'staff', name: expect.any(String) },
    });
    expect(Date.parse(page.items[0]!.expiresAt as string) - Date.parse(page.items[0]!.finishedAt as string)).toBe(
      7 * 86_400_000,
    );
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exports?limit=2&cursor=${page.nextCursor}`,
      headers: { cookie: s.cookie },
    });
    expect(next.json<{ items: unknown[] }>().items).toHaveLength(2);
    const audit = await t.database.system
      .selectFrom('auditLog')
      .select(['action', 'data'])
      .where('entityType', '=', 'export')
      .execute();
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'export.created').length).toBeGreaterThanOrEqual(8);
    expect(actions.filter((a) => a === 'export.completed').length).toBeGreaterThanOrEqual(8);
    expect(actions).toContain('export.downloaded');
    expect(
      audit.find(
        (a) =>
          a.action === 'export.completed' &&
          (a.data as { filters?: { tag?: string[] } }).filters?.tag?.[0] === 'Export VIP',
      )?.data,
    ).toMatchObject({ format: 'csv', rows: 1 });
  });

  it('deletes files past their 7 days (the expiry job) and refuses to download them', async () => {
    const id = await start({ format: 'csv' });
    expect(readdirSync(path.join(filesDir, 'exports'))).toContain(`${id}.csv`);
    await t.database.system
      .updateTable('exportFile')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await download(id)).json().error.code).toBe('export_expired');
    await t.database.system
      .updateTable('job')
      .set({ runAt: new Date() })
      .where('name', '=', 'exports.expire')
      .where('status', '=', 'queued')
      .execute();
    await drain();
    expect(readdirSync(path.join(filesDir, 'exports'))).not.toContain(`${id}.csv`);
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/exports/${id}`, headers: { cookie: s.cookie } });
    expect(view.json()).toMatchObject({ status: 'expired', deletedReason: 'expired' });
  });

  it("an erasure deletes the organisation's export files", async () => {
    const id = await start({ format: 'csv' });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${ids.jean}`, headers: s.headers });
    expect(del.statusCode, del.body).toBe(204);
    expect(readdirSync(path.join(filesDir, 'exports')).filter((f) => !f.startsWith('.'))).toEqual([]);
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/exports/${id}`, headers: { cookie: s.cookie } });
    expect(view.json()).toMatchObject({ status: 'deleted', deletedReason: 'erasure' });
    expect((await download(id)).statusCode).toBe(409);
  });

  it('refuses without credentials, without the permission or scope, across organisations and for bad input', async () => {
    const id = await start({ format: 'csv' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/exports' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/exports', payload: { format: 'csv' } })).statusCode,
    ).toBe(401);
    const reception = await t.addStaff('reception');
    const r = await t.login(reception.email, reception.password);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/exports', headers: r.headers, payload: { format: 'csv' } }))
        .statusCode,
    ).toBe(403);
    expect((await download(id, { cookie: r.cookie })).statusCode).toBe(403);
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: s.headers,
      payload: { name: 'Reader', scopes: ['exports:read'] },
    });
    const bearer = { authorization: `Bearer ${key.json<{ secret: string }>().secret}` };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/exports', headers: bearer, payload: { format: 'csv' } }))
        .statusCode,
    ).toBe(403);
    expect((await download(id, bearer)).statusCode).toBe(200);
    const other = await t.createOrg('Other hotel');
    const o = await t.login(other.email, other.password);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/exports/${id}`, headers: { cookie: o.cookie } })).statusCode,
    ).toBe(404);
    expect((await download(id, { cookie: o.cookie })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/exports', headers: { cookie: o.cookie } })).json(),
    ).toEqual({ items: [], nextCursor: null });
    const bad = async (payload: unknown) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/exports',
          headers: s.headers,
          payload: payload as Record<string, unknown>,
        })
      ).statusCode;
    expect(await bad({ format: 'pdf' })).toBe(400);
    expect(await bad({ format: 'csv', extra: 1 })).toBe(400);
    expect(await bad({ format: 'csv', fields: ['Password'] })).toBe(400);
    expect(await bad({ format: 'csv', filters: { q: 'a\u0000b' } })).toBe(400);
    expect(await bad({ format: 'csv', filters: { q: 'x'.repeat(100_000) } })).toBe(400);
    expect(await bad({ format: 'csv', segmentId: 'y'.repeat(1000) })).toBe(400);
    const cursor = await t.app.inject({
      method: 'GET',
      url: '/api/v1/exports?cursor=garbage',
      headers: { cookie: s.cookie },
    });
    expect(cursor.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/exports/exp_nope/file', headers: { cookie: s.cookie } }))
        .statusCode,
    ).toBe(404);
  });
});
