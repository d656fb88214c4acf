import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

describe(`guest blocklist and flagged bookings (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let n = 0;
  let guestId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 500 });
    guestId = (await book()).customerId;
  });
  afterAll(() => t.close());

  const book = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: s.headers,
      payload: {
        source: 'api',
        externalRef: `F-${++n}`,
        checkIn: '2027-11-01',
        checkOut: '2027-11-03',
        roomTypeName: 'double',
        customer: { firstName: 'Victor', lastName: 'Kane', email: 'victor.kane@example.com' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; customerId: string; blockedGuest: boolean }>();
  };
  const post = (url: string, payload?: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1/guests/${url}`, headers: s.headers, payload: payload as object });
  const flagged = async (query = '') => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/bookings/flagged${query}`,
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { id: string; blockedGuest: boolean }[]; nextCursor: string | null }>();
  };

  it('blocks a guest: their next booking is flagged at once and listed as flagged', async () => {
    const before = await book();
    expect(before.blockedGuest).toBe(false);
    const res = await post(`${guestId}/block`, { reason: 'Damaged the room in 2026' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().blocked).toMatchObject({ reason: 'Damaged the room in 2026' });
    const first = await book();
    const second = await book();
    expect(first.customerId).toBe(guestId);
    expect(first.blockedGuest).toBe(true);
    const { items } = await flagged();
    expect(items.map((b) => b.id)).toEqual([second.id, first.id]);
    expect(items.every((b) => b.blockedGuest)).toBe(true);
    const page = await flagged('?limit=1');
    expect(page.items.map((b) => b.id)).toEqual([second.id]);
    expect((await flagged(`?limit=1&cursor=${page.nextCursor}`)).items.map((b) => b.id)).toEqual([first.id]);
  });

  it('unblocks a guest; the history shows both changes', async () => {
    const res = await post(`${guestId}/unblock`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().blocked).toBeNull();
    expect((await book()).blockedGuest).toBe(false);
    const history = (
      await t.app.inject({ method: 'GET', url: `/api/v1/guests/${guestId}/history`, headers: { cookie: s.cookie } })
    ).json<{ items: { field: string; oldValue: unknown; newValue: unknown }[] }>();
    const changes = history.items.filter((h) => h.field === 'blocked');
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({ oldValue: { reason: 'Damaged the room in 2026' }, newValue: null });
    expect(changes[1]).toMatchObject({ oldValue: null, newValue: { reason: 'Damaged the room in 2026' } });
    const audit = await t.database
      .forOrg(t.orgId)
      .selectFrom('auditLog')
      .select(['action', 'data'])
      .where('entityId', '=', guestId)
      .where('action', 'in', ['guest.blocked', 'guest.unblocked'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['guest.blocked', 'guest.unblocked']);
    // No free text about the person in the audit log (issue 12 point 7).
    expect(audit.map((a) => a.data)).toEqual([{}, {}]);
  });

  it('rejects a missing, empty or too long reason with the field named, and unknown guests with 404', async () => {
    for (const payload of [{}, { reason: '  ' }, { reason: 'x'.repeat(501) }]) {
      const res = await post(`${guestId}/block`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.details[0].field).toBe('reason');
    }
    expect((await post('gst_nope/block', { reason: 'x' })).statusCode).toBe(404);
    expect((await post('gst_nope/unblock')).statusCode).toBe(404);
    const cursor = await t.app.inject({
      method: 'GET',
      url: '/api/v1/bookings/flagged?cursor=zzz',
      headers: { cookie: s.cookie },
    });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.details[0].field).toBe('cursor');
  });
});
