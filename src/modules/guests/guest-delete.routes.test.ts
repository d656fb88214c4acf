import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

/** Issue 11 point 18: deleting a guest who ever booked. */
describe(`deleting a guest who booked (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let roomTypeId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    ({ roomTypeId } = await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 20 }));
  });
  afterAll(() => t.close());

  const guest = async (firstName: string) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/guests',
        headers: s.headers,
        payload: {
          firstName,
          lastName: 'Borrado',
          email: `${firstName.toLowerCase()}@example.org`,
          phone: '+34600111222',
        },
      })
    ).json<{ id: string }>().id;
  const book = async (customerId: string, extra: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: s.headers,
      payload: {
        checkIn: '2027-06-01',
        checkOut: '2027-06-04',
        roomTypeId,
        source: 'ota',
        externalRef: `ext-${Math.random()}`,
        notes: 'Allergic to nuts',
        customer: { guestId: customerId },
        ...extra,
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; reference: string }>();
  };
  /** Moves a booking into the past as a finished stay (written directly: the API books forward). */
  const endInThePast = (id: string, status: 'checked_out' | 'confirmed' = 'checked_out') =>
    t.database.system
      .updateTable('booking')
      .set({ checkIn: '2024-02-01', checkOut: '2024-02-03', status })
      .where('id', '=', id)
      .execute();
  const del = (id: string) => t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${id}`, headers: s.headers });
  const getBooking = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/bookings/${id}`, headers: s.headers })).json();

  it('refuses with 409 guest_has_upcoming_bookings listing the upcoming booking, and keeps the guest', async () => {
    const id = await guest('Upcoming');
    const b = await book(id);
    const res = await del(id);
    expect(res.statusCode).toBe(409);
    const { error } = res.json();
    expect(error.code).toBe('guest_has_upcoming_bookings');
    expect(error.requestId).toEqual(expect.any(String));
    expect(error.details).toEqual([
      {
        field: `bookings.${b.id}`,
        code: 'upcoming_booking',
        message: expect.stringContaining(`${b.reference} · 2027-06-01 → 2027-06-04 ·`),
      },
    ]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}`, headers: s.headers })).statusCode).toBe(
      200,
    );
  });

  it('refuses too while the guest stays on someone else’s upcoming booking or is in house', async () => {
    const companion = await guest('Companion');
    const booker = await guest('Booker');
    await book(booker, { guests: [{ guestId: companion }] });
    expect((await del(companion)).json().error.code).toBe('guest_has_upcoming_bookings');
    const inHouse = await guest('Inhouse');
    const b = await book(inHouse);
    await t.database.system
      .updateTable('booking')
      .set({ checkIn: '2024-02-01', checkOut: '2024-02-03', status: 'in_house' })
      .where('id', '=', b.id)
      .execute();
    expect((await del(inHouse)).statusCode).toBe(409);
  });

  it('deletes a past-only guest and keeps their bookings without them (shown as *****)', async () => {
    const id = await guest('Pasado');
    const companion = await guest('Acompanante');
    const past = await book(id, { guests: [{ guestId: companion }] });
    await endInThePast(past.id);
    const stale = await book(id);
    await endInThePast(stale.id, 'confirmed');
    const cancelled = await book(id);
    await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${cancelled.id}/cancel`, headers: s.headers });
    const before = await getBooking(past.id);

    const res = await del(id);
    expect(res.statusCode, res.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}`, headers: s.headers })).statusCode).toBe(
      404,
    );
    const after = await getBooking(past.id);
    expect(after).toMatchObject({
      reference: before.reference,
      checkIn: '2024-02-01',
      checkOut: '2024-02-03',
      total: before.total,
      currency: before.currency,
      roomTypeId: before.roomTypeId,
      source: 'ota',
      externalRef: before.externalRef,
      customerId: null,
      customerName: '*****',
      notes: null,
    });
    expect(after.guests).toEqual([expect.objectContaining({ guestId: companion })]);
    expect(JSON.stringify([after, await getBooking(stale.id), await getBooking(cancelled.id)])).not.toMatch(
      /Pasado|pasado@|Allergic/,
    );
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/bookings?limit=200', headers: s.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.filter((b: { customerName: string }) => b.customerName === '*****')).toHaveLength(3);
  });
});
