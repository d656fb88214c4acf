import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../core/cursor.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

interface Entry {
  id: string;
  createdAt: string;
  action: string;
  actor: { type: string; id: string | null; name: string | null };
  entity: { type: string; id: string | null };
  data: Record<string, unknown>;
  requestId: string | null;
}

/** Issue 12 point 7: the audit log as a list with filters, keyset pages and the audit:read permission. */
describe(`GET /api/v1/audit-log (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let guestIds: string[] = [];
  let otherOrgGuest: string;

  const get = (url: string, headers: Record<string, string> = { cookie: owner.cookie }) =>
    t.app.inject({ method: 'GET', url, headers });
  const list = async (query: string, headers?: Record<string, string>) => {
    const res = await get(`/api/v1/audit-log?${query}`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Entry[]; nextCursor: string | null }>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    for (const [i, name] of ['Marta', 'Lucía', 'Iñaki', 'Noor', 'Elif'].entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/guests',
        headers: owner.headers,
        payload: { firstName: name, lastName: 'Auditada', email: `guest${i}.audit@example.org` },
      });
      expect(res.statusCode).toBe(201);
      guestIds.push(res.json().id);
    }
    for (const id of guestIds) expect((await get(`/api/v1/guests/${id}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/guests/${guestIds[0]}/personal-data`)).statusCode).toBe(200);
    // Entries sharing one instant: keyset pages must neither skip nor repeat them.
    const at = new Date('2026-01-15T10:00:00.123Z');
    await t.database.system
      .insertInto('auditLog')
      .values(
        ['aud_same_1', 'aud_same_2', 'aud_same_3'].map((id) => ({
          orgId: t.orgId,
          id,
          actorType: 'system',
          actorId: null,
          action: 'test.same_instant',
          entityType: 'test',
          entityId: null,
          data: '{}',
          requestId: null,
          createdAt: at,
        })),
      )
      .execute();
    const other = await t.createOrg('Elsewhere Inn');
    const otherOwner = await t.login(other.email, other.password);
    const g = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers: otherOwner.headers,
      payload: { firstName: 'Foreign', lastName: 'Guest' },
    });
    otherOrgGuest = g.json().id;
    await get(`/api/v1/guests/${otherOrgGuest}`, { cookie: otherOwner.cookie });
    guestIds = [...guestIds];
  });
  afterAll(() => t.close());

  it('lists newest first with the actor’s name, the request and ids only', async () => {
    const { items } = await list('limit=200');
    expect(items.length).toBeGreaterThan(10);
    const times = items.map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const exported = items.find((e) => e.action === 'guest.personal_data.exported');
    expect(exported).toMatchObject({
      actor: { type: 'staff', name: expect.any(String) },
      entity: { type: 'guest', id: guestIds[0] },
      requestId: expect.any(String),
    });
    // No personal data in any entry (names and e-mails of the guests created above).
    const all = JSON.stringify(items.map((e) => e.data));
    for (const marker of ['Marta', 'Lucía', 'Auditada', '@example.org']) expect(all).not.toContain(marker);
  });

  it('filters by action (exact or kind), entity, actor and dates', async () => {
    const viewed = await list('action=guest.viewed&limit=200');
    expect(viewed.items).toHaveLength(5);
    expect(viewed.items.every((e) => e.action === 'guest.viewed')).toBe(true);
    const kinds = await list('action=guest.&limit=200');
    expect(new Set(kinds.items.map((e) => e.action))).toEqual(
      new Set(['guest.created', 'guest.viewed', 'guest.personal_data.exported']),
    );
    const one = await list(`entityType=guest&entityId=${guestIds[1]}`);
    expect(new Set(one.items.map((e) => e.action))).toEqual(new Set(['guest.created', 'guest.viewed']));
    const ownerId = viewed.items[0]!.actor.id!;
    const byActor = await list(`actorId=${ownerId}&limit=200`);
    expect(byActor.items.every((e) => e.actor.id === ownerId)).toBe(true);
    expect((await list('actorType=system&limit=200')).items.every((e) => e.actor.type === 'system')).toBe(true);
    expect((await list('from=2026-01-15&to=2026-01-15')).items.map((e) => e.id).sort()).toEqual([
      'aud_same_1',
      'aud_same_2',
      'aud_same_3',
    ]);
    expect((await list('to=2026-01-14')).items).toEqual([]);
    expect((await list('from=2026-01-15T10:00:00.124Z&to=2026-01-16T00:00:00Z')).items).toEqual([]);
  });

  it('pages with a keyset cursor without skipping or repeating entries that share an instant', async () => {
    const all = (await list('limit=200')).items.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await list(
        `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const same = await list('action=test.same_instant&limit=1');
    const next = await list(`action=test.same_instant&limit=5&cursor=${same.nextCursor}`);
    expect([...same.items, ...next.items].map((e) => e.id)).toEqual(['aud_same_3', 'aud_same_2', 'aud_same_1']);
  });

  it('refuses a damaged or foreign cursor and hostile filters with 400 in the error shape', async () => {
    for (const cursor of ['zzz', encodeCursor('merges', ['2026-01-01T00:00:00.000Z', 'mrg_x']), 'x'.repeat(601)]) {
      const res = await get(`/api/v1/audit-log?cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(cursor.length > 600 ? 'validation_failed' : 'invalid_cursor');
    }
    for (const q of [
      'action=DROP%20TABLE',
      'from=2026-02-31',
      'to=yesterday',
      'limit=100000',
      'actorType=root',
      'entityId=a%00b',
      'bogus=1',
    ]) {
      const res = await get(`/api/v1/audit-log?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
  });

  it('needs audit:read: 401 without credentials, 403 for roles and keys without it', async () => {
    expect((await get('/api/v1/audit-log', {})).statusCode).toBe(401);
    for (const role of ['reception', 'read_only', 'marketing'] as const) {
      const s = await t.addStaff(role);
      const res = await get('/api/v1/audit-log', { cookie: (await t.login(s.email, s.password)).cookie });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('missing_permission');
    }
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: owner.headers,
      payload: { name: 'guests only', scopes: ['guests:read', 'personal-data:read'] },
    });
    expect((await get('/api/v1/audit-log', { authorization: `Bearer ${key.json().secret}` })).statusCode).toBe(403);
    const auditKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: owner.headers,
      payload: { name: 'DPO tool', scopes: ['audit:read'] },
    });
    expect((await get('/api/v1/audit-log', { authorization: `Bearer ${auditKey.json().secret}` })).statusCode).toBe(
      200,
    );
    const manager = await t.addStaff('manager');
    expect(
      (await get('/api/v1/audit-log', { cookie: (await t.login(manager.email, manager.password)).cookie })).statusCode,
    ).toBe(200);
  });

  it('never shows another organisation’s entries', async () => {
    const { items } = await list('limit=200');
    expect(items.some((e) => e.entity.id === otherOrgGuest)).toBe(false);
    expect((await list(`entityId=${otherOrgGuest}`)).items).toEqual([]);
    const foreign = (
      await t.database.system.selectFrom('auditLog').select('id').where('entityId', '=', otherOrgGuest).execute()
    ).map((r) => r.id);
    expect(foreign.length).toBeGreaterThan(0);
    // A cursor naming another organisation's entry gives nothing of theirs.
    const res = await list(`cursor=${encodeCursor('audit_log', [foreign[0]!])}`);
    expect(res.items).toEqual([]);
  });
});
