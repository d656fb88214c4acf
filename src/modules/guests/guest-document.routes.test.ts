import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  testConfig,
  TEST_ENCRYPTION_KEY,
  type Session,
  type TestApp,
} from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { installKeyring } from '../../core/keyring.ts';
import { createLogger } from '../../core/logger.ts';
import { createKeyring, generateKey, keyIdOf } from '../../core/secret-box.ts';
import { bootstrapDatabase } from '../../server/bootstrap.ts';
import { resealDocuments } from './guest-document-keys.service.ts';
import { canReadPersonalData } from './personal-data.ts';

/** Issue 12 point 5 (SPEC P-5): ID documents encrypted at rest, masked everywhere, revealed with an audit entry. */
describe(`ID documents and the personal-data permission (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let ana: string;
  const h: Record<string, Record<string, string>> = {};
  const staffIds: Record<string, string> = {};
  const oldKey = Buffer.from(TEST_ENCRYPTION_KEY, 'base64');

  const req = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
  ) => t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const raw = async (id: string) =>
    (
      await sql<{ documentNumber: string | null; documentNumberIndex: string | null }>`
        select document_number, document_number_index from guest where id = ${id}`.execute(t.database.system)
    ).rows[0]!;
  const rawText = async (table: string) =>
    (
      await sql<{ t: string }>`select coalesce(string_agg(x::text, ' '), '') as t from ${sql.table(table)} x`.execute(
        t.database.system,
      )
    ).rows[0]!.t;
  const signIn = async (role: 'read_only' | 'marketing' | 'reception' | 'manager') => {
    const s = await t.addStaff(role);
    const list = await req('GET', '/api/v1/staff', owner.headers);
    staffIds[role] = list.json<{ items: { id: string; email: string }[] }>().items.find((u) => u.email === s.email)!.id;
    h[role] = (await t.login(s.email, s.password)).headers;
  };
  const apiKey = async (scopes: string[]) => {
    const res = await req('POST', '/api/v1/api-keys', owner.headers, { name: scopes.join(' '), scopes });
    return { authorization: `Bearer ${res.json<{ secret: string }>().secret}` };
  };
  const createGuest = async (payload: Record<string, unknown>) => {
    const res = await req('POST', '/api/v1/guests', owner.headers, payload);
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    h.owner = owner.headers;
    ana = await createGuest({
      firstName: 'Ana',
      lastName: 'Docu',
      email: 'ana.docu@example.org',
      document: { type: 'passport', number: 'XA1234567', issuingCountry: 'ES', expiry: '2031-01-01' },
    });
    for (const role of ['read_only', 'marketing', 'reception', 'manager'] as const) await signIn(role);
    h.readKey = await apiKey(['guests:read']);
    h.fullKey = await apiKey(['guests:read', 'personal-data:read']);
  });
  afterAll(() => t?.close());

  it('stores the number encrypted with a blind index; neither the row nor the history holds it in plain text', async () => {
    const row = await raw(ana);
    expect(row.documentNumber).toMatch(new RegExp(`^enc:v1:${keyIdOf(oldKey)}:`));
    expect(row.documentNumber).not.toContain('XA1234567');
    expect(row.documentNumberIndex).toMatch(/^[\w-]{43}$/);
    expect(await rawText('guest_history')).not.toContain('XA1234567');
    expect(await rawText('guest')).not.toContain('XA1234567');
  });

  it('shows the number masked to everyone, owner included', async () => {
    for (const who of ['owner', 'manager', 'fullKey', 'read_only', 'readKey']) {
      const res = await req('GET', `/api/v1/guests/${ana}`, h[who]!);
      expect(res.statusCode).toBe(200);
      expect(res.json().document.number).toBe('XA123****7');
      expect(res.body).not.toContain('XA1234567');
    }
    const history = await req('GET', `/api/v1/guests/${ana}/history`, h.owner!);
    expect(history.body).toContain('XA123****7');
    expect(history.body).not.toContain('XA1234567');
    expect(history.body).not.toContain('enc:v1');
  });

  it('reveals the number to a principal with personal-data:read and audits it without the number', async () => {
    for (const who of ['owner', 'manager', 'fullKey']) {
      const res = await req('POST', `/api/v1/guests/${ana}/document/reveal`, h[who]!);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ type: 'passport', number: 'XA1234567', issuingCountry: 'ES', expiry: '2031-01-01' });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const audits = await t.database.system
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'guest.document.revealed')
      .where('entityId', '=', ana)
      .execute();
    expect(audits.map((a) => a.actorType).sort()).toEqual(['api_key', 'staff', 'staff']);
    expect(JSON.stringify(audits)).not.toContain('XA1234567');
  });

  it('refuses the reveal: 401 without credentials, 403 without the permission, 404 elsewhere, 4xx for bad ids', async () => {
    expect((await req('POST', `/api/v1/guests/${ana}/document/reveal`, {})).statusCode).toBe(401);
    for (const who of ['read_only', 'marketing', 'reception', 'readKey']) {
      const res = await req('POST', `/api/v1/guests/${ana}/document/reveal`, h[who]!);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBeTruthy();
    }
    const other = await t.createOrg('Other hotel');
    const otherOwner = await t.login(other.email, other.password);
    expect((await req('POST', `/api/v1/guests/${ana}/document/reveal`, otherOwner.headers)).statusCode).toBe(404);
    expect((await req('POST', '/api/v1/guests/gst_doesnotexist/document/reveal', h.owner!)).statusCode).toBe(404);
    for (const bad of ['%00', 'x'.repeat(5000), "gst_'--"]) {
      const res = await req('POST', `/api/v1/guests/${bad}/document/reveal`, h.owner!);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).toBeTruthy();
    }
  });

  it('masks e-mails for marketing, read-only and reception; reception given the grant by a manager sees them', async () => {
    for (const who of ['marketing', 'read_only', 'reception']) {
      const g = (await req('GET', `/api/v1/guests/${ana}`, h[who]!)).json();
      expect(g.email, who).toBe('a•••@example.org');
      expect(g.document.expiry).toBeNull();
    }
    const grant = await req('PUT', `/api/v1/staff/${staffIds.reception}/extra-permissions`, h.manager!, {
      permissions: ['personal-data:read'],
    });
    expect(grant.statusCode).toBe(200);
    expect(grant.json().permissions).toContain('personal-data:read');
    expect(grant.json().extraPermissions).toEqual(['personal-data:read']);
    const g = (await req('GET', `/api/v1/guests/${ana}`, h.reception!)).json();
    expect(g.email).toBe('ana.docu@example.org');
    expect(g.document.number).toBe('XA123****7');
    expect((await req('POST', `/api/v1/guests/${ana}/document/reveal`, h.reception!)).json().number).toBe('XA1234567');
    const audit = await t.database.system
      .selectFrom('auditLog')
      .select('data')
      .where('action', '=', 'staff.permissions_changed')
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ granted: ['personal-data:read'], revoked: [] });
  });

  it('keeps the grant rule: marketing cannot be given it, reception cannot give it, a key must hold it', async () => {
    const marketing = await req('PUT', `/api/v1/staff/${staffIds.marketing}/extra-permissions`, h.owner!, {
      permissions: ['personal-data:read'],
    });
    expect(marketing.statusCode).toBe(400);
    expect(marketing.json().error.code).toBe('extra_permission_not_for_role');
    const byReception = await req('PUT', `/api/v1/staff/${staffIds.reception}/extra-permissions`, h.reception!, {
      permissions: [],
    });
    expect(byReception.statusCode).toBe(403);
    const staffKey = await apiKey(['staff:read']);
    const byKey = await req('PUT', `/api/v1/staff/${staffIds.reception}/extra-permissions`, staffKey, {
      permissions: [],
    });
    expect(byKey.statusCode).toBe(403);
    expect(byKey.json().error.code).toBe('permission_not_held');
    const unknown = await req('PUT', `/api/v1/staff/${staffIds.reception}/extra-permissions`, h.owner!, {
      permissions: ['admin'],
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('keeps the stored value when a form sends the masked number back, and seals a new number', async () => {
    const before = await raw(ana);
    const same = await req('PATCH', `/api/v1/guests/${ana}`, h.owner!, {
      document: { type: 'passport', number: 'XA123****7', issuingCountry: 'ES', expiry: '2031-01-01' },
    });
    expect(same.statusCode).toBe(200);
    expect((await raw(ana)).documentNumber).toBe(before.documentNumber);
    const wrongMask = await req('PATCH', `/api/v1/guests/${ana}`, h.owner!, {
      document: { type: 'passport', number: 'XB99****1', issuingCountry: 'ES', expiry: '2031-01-01' },
    });
    expect(wrongMask.statusCode).toBe(400);
    expect(wrongMask.json().error.code).toBe('document_number_masked');
    const changed = await req('PATCH', `/api/v1/guests/${ana}`, h.owner!, {
      document: { type: 'passport', number: 'XA7654321', issuingCountry: 'ES', expiry: '2031-01-01' },
    });
    expect(changed.json().document.number).toBe('XA765****1');
    expect((await raw(ana)).documentNumber).not.toBe(before.documentNumber);
    expect((await req('POST', `/api/v1/guests/${ana}/document/reveal`, h.owner!)).json().number).toBe('XA7654321');
  });

  it('finds a guest by document number through the blind index, only for principals who may read it', async () => {
    const found = await req('GET', `/api/v1/guests?q=${encodeURIComponent('xa-765 4321')}`, h.owner!);
    expect(found.json().items.map((g: { id: string }) => g.id)).toEqual([ana]);
    const masked = await req('GET', `/api/v1/guests?q=XA7654321`, h.read_only!);
    expect(masked.statusCode).toBe(200);
    expect(masked.json().items).toEqual([]);
  });

  it('seals numbers stored before encryption at start-up, and refuses to start with another key', async () => {
    const legacy = await createGuest({ firstName: 'Leo', lastName: 'Legacy' });
    await sql`update guest set document_type = 'id_card', document_number = 'LEGACY12345' where id = ${legacy}`.execute(
      t.database.system,
    );
    await bootstrapDatabase(t.database, t.config, createLogger('silent'));
    expect((await raw(legacy)).documentNumber).toMatch(/^enc:v1:/);
    expect((await raw(legacy)).documentNumberIndex).toBeTruthy();
    expect((await req('POST', `/api/v1/guests/${legacy}/document/reveal`, h.owner!)).json().number).toBe('LEGACY12345');
    const other = testConfig({ CLIENTELA_ENCRYPTION_KEY: generateKey().toString('base64') });
    await expect(bootstrapDatabase(t.database, other, createLogger('silent'))).rejects.toThrow(
      new RegExp(`encrypted with key ${keyIdOf(oldKey)}, which is not configured`),
    );
  });

  it('rotates: every value (row, history, merge snapshot) moves to the new key; the old key is no longer needed', async () => {
    const bea = await createGuest({ firstName: 'Bea', lastName: 'Merge', document: { number: 'BM1111111' } });
    const bea2 = await createGuest({ firstName: 'Bea', lastName: 'Merge', document: { number: 'BM2222222' } });
    const merged = await req('POST', '/api/v1/guests/merge', h.owner!, { guestIds: [bea, bea2], survivorId: bea });
    expect(merged.statusCode).toBe(201);
    const oldId = keyIdOf(oldKey);
    expect(await rawText('guest_merge')).toContain(`enc:v1:${oldId}:`);
    const newKey = generateKey();
    const progress: string[] = [];
    const moved = await resealDocuments(t.database.system, createKeyring(newKey, [oldKey]), (p) =>
      progress.push(p.place),
    );
    expect(moved).toBeGreaterThanOrEqual(4);
    expect(progress).toContain('guest');
    // Resumable and idempotent: a second run finds nothing left.
    expect(await resealDocuments(t.database.system, createKeyring(newKey, [oldKey]))).toBe(0);
    for (const table of ['guest', 'guest_history', 'guest_merge'])
      expect(await rawText(table)).not.toContain(`enc:v1:${oldId}:`);
    installKeyring(createKeyring(newKey));
    expect((await req('POST', `/api/v1/guests/${bea}/document/reveal`, h.owner!)).json().number).toBe('BM1111111');
    expect((await req('GET', `/api/v1/guests/${bea}/history`, h.owner!)).statusCode).toBe(200);
    const found = await req('GET', '/api/v1/guests?q=BM1111111', h.owner!);
    expect(found.json().items.map((g: { id: string }) => g.id)).toEqual([bea]);
    const undo = await req('POST', `/api/v1/merges/${merged.json().merge.id}/undo`, h.owner!, {});
    expect(undo.statusCode).toBe(200);
    expect((await req('POST', `/api/v1/guests/${bea2}/document/reveal`, h.owner!)).json().number).toBe('BM2222222');
  });

  it('fails closed: a context without an explicit access sees personal data masked', () => {
    expect(canReadPersonalData({ permissions: undefined as never })).toBe(false);
    expect(canReadPersonalData({ permissions: [] })).toBe(false);
    expect(canReadPersonalData({ permissions: ['guests:write'] })).toBe(false);
    expect(canReadPersonalData({ permissions: 'nonsense' as never })).toBe(false);
    expect(canReadPersonalData({ permissions: ['personal-data:read'] })).toBe(true);
    expect(canReadPersonalData({ permissions: ['admin'] })).toBe(true);
    expect(canReadPersonalData({ permissions: 'system' })).toBe(true);
    expect(canReadPersonalData({ permissions: 'customer' })).toBe(true);
  });
});
