import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

/** The filters the admin booking list uses, and the names it shows. */
describe(`booking list filters (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let roomTypeId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    roomTypeId = (await t.addRoomType(s, { name: 'Twin', capacity: 2, nightlyPrice: 90, roomCount: 20 })).roomTypeId;
    const book = async (key: string, payload: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: s.headers,
        payload: { roomTypeId, ...payload },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
      return res.json();
    };
    const walkIn = await book('walkIn', {
      source: 'walk_in',
      checkIn: '2027-01-10',
      checkOut: '2027-01-12',
      customer: { firstName: 'Nuria', lastName: 'Vidal' },
    });
    await book('phone', {
      source: 'phone',
      checkIn: '2027-02-01',
      checkOut: '2027-02-03',
      customer: { firstName: 'Pierre', lastName: 'Dubois', phone: '+33 6 12 34 56 78' },
    });
    const block = await t.app.inject({
      method: 'POST',
      url: `/api/v1/guests/${walkIn.customerId}/block`,
      headers: s.headers,
      payload: { reason: 'Damaged the room' },
    });
    expect(block.statusCode).toBe(200);
    await book('flagged', {
      source: 'staff',
      checkIn: '2027-03-01',
      checkOut: '2027-03-02',
      customer: { guestId: walkIn.customerId },
    });
  });
  afterAll(() => t.close());

  const list = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/bookings?${query}`, headers: { cookie: s.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { id: string; [k: string]: unknown }[]; nextCursor: string | null }>();
  };
  const idsOf = async (query: string) => (await list(query)).items.map((b) => b.id);

  it('filters by source', async () => {
    expect(await idsOf('source=walk_in')).toEqual([ids.walkIn]);
    expect(await idsOf('source=phone')).toEqual([ids.phone]);
  });

  it('filters by check-in range, both ends included', async () => {
    expect(await idsOf('checkInFrom=2027-02-01')).toEqual([ids.flagged, ids.phone]);
    expect(await idsOf('checkInTo=2027-02-01')).toEqual([ids.phone, ids.walkIn]);
    expect(await idsOf('checkInFrom=2027-01-11&checkInTo=2027-02-28')).toEqual([ids.phone]);
  });

  it('filters flagged bookings (blocked guest) and the others', async () => {
    expect(await idsOf('flagged=true')).toEqual([ids.flagged]);
    expect(await idsOf('flagged=false')).toEqual([ids.phone, ids.walkIn]);
  });

  it('names the customer and the staff member who created the booking', async () => {
    const [flagged] = (await list('flagged=true')).items;
    expect(flagged).toMatchObject({
      customerName: 'Nuria Vidal',
      blockedGuest: true,
      source: 'staff',
      createdBy: { type: 'staff', name: expect.any(String) },
    });
    expect((flagged?.createdBy as { name: string }).name.length).toBeGreaterThan(0);
  });

  it('pages through a filtered list with the cursor', async () => {
    const first = await list('flagged=false&limit=1');
    expect(first.items.map((b) => b.id)).toEqual([ids.phone]);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(`flagged=false&limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.items.map((b) => b.id)).toEqual([ids.walkIn]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses unknown filter values with the field named', async () => {
    for (const [query, field] of [
      ['source=fax', 'source'],
      ['flagged=maybe', 'flagged'],
      ['checkInFrom=2027-13-01', 'checkInFrom'],
    ]) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/bookings?${query}`,
        headers: { cookie: s.cookie },
      });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });
});
