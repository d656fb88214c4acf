import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

describe(`guest search by booking reference (G-3) (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let booking: { reference: string; customerId: string; guestIds: string[] };
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 5 });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: s.headers,
      payload: {
        source: 'ota',
        externalRef: '4523523234',
        checkIn: '2027-05-01',
        checkOut: '2027-05-03',
        roomTypeName: 'Double',
        customer: { firstName: 'Ingrid', lastName: 'Sørensen', email: 'ingrid@example.com' },
        guests: [{ firstName: 'Lars', lastName: 'Sørensen' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    booking = res.json();
    // A namesake with the digits of the OTA number in her phone must not be mixed in.
    const namesake = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers: s.headers,
      payload: { firstName: 'Other', lastName: 'Guest', phones: [{ number: '+49 30 4523523234' }] },
    });
    expect(namesake.statusCode, namesake.body).toBe(201);
  });
  afterAll(() => t.close());

  const search = async (q: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guests?q=${encodeURIComponent(q)}`,
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { id: string; firstName: string }[]; total: number; nextCursor: string | null }>();
  };

  it('finds the customer first, then the stay guests, by our reference in any case', async () => {
    const page = await search(booking.reference.toLowerCase());
    expect(page.items.map((g) => g.firstName)).toEqual(['Ingrid', 'Lars']);
    expect(page.items[0]?.id).toBe(booking.customerId);
    expect(page.total).toBe(2);
  });

  it("finds them by the connected tool's reference, even when it is all digits", async () => {
    const page = await search('4523523234');
    expect(page.items.map((g) => g.firstName)).toEqual(['Ingrid', 'Lars']);
  });

  it('falls back to the normal search when no booking has that reference', async () => {
    expect((await search('45235232')).items.map((g) => g.firstName)).toEqual(['Other']);
    expect((await search('Sorensen')).items.map((g) => g.firstName).sort()).toEqual(['Ingrid', 'Lars']);
    expect((await search('CL-NOTAREF')).items).toEqual([]);
  });

  it('applies the filters and the explicit sort to reference matches too', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guests?q=${booking.reference}&sort=name`,
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: { firstName: string }[] }>().items.map((g) => g.firstName)).toEqual(['Ingrid', 'Lars']);
    const filtered = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guests?q=${booking.reference}&minBookings=1&language=fr`,
      headers: { cookie: s.cookie },
    });
    expect(filtered.json<{ items: unknown[] }>().items).toEqual([]);
  });
});
