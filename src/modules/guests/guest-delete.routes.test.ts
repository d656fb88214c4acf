import { describe, expect, it } from 'vitest';
import { useAppWithRoomType } from '../../../test/support/app-setup.ts';
import { engineName } from '../../../test/support/db.ts';

/** Issue 11 point 18: deleting a guest who ever booked. */
describe(`deleting a guest who booked (${engineName})`, () => {
  const setup = useAppWithRoomType(20);

  const guest = async (firstName: string) =>
    (
      await setup.t.app.inject({
        method: 'POST',
        url: '/api/v1/guests',
        headers: setup.s.headers,
        payload: {
          firstName,
          lastName: 'Borrado',
          email: `${firstName.toLowerCase()}@example.org`,
          phone: '+34600111222',
        },
      })
    ).json<{ id: string }>().id;
  const book = async (customerId: string, extra: Record<string, unknown> = {}) => {
    const res = await setup.t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: setup.s.headers,
      payload: {
        checkIn: '2027-06-01',
        checkOut: '2027-06-04',
        roomTypeId: setup.roomTypeId,
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
    setup.t.database.system
      .updateTable('booking')
      .set({ checkIn: '2024-02-01', checkOut: '2024-02-03', status })
      .where('id', '=', id)
      .execute();
  const del = (id: string) =>
    setup.t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${id}`, headers: setup.s.headers });
  const getBooking = async (id: string) =>
    (await setup.t.app.inject({ method: 'GET', url: `/api/v1/bookings/${id}`, headers: setup.s.headers })).json();

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
    expect(
      (await setup.t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}`, headers: setup.s.headers })).statusCode,
    ).toBe(200);
  });

  it('refuses too while the guest stays on someone else’s upcoming booking or is in house', async () => {
    const companion = await guest('Companion');
    const booker = await guest('Booker');
    await book(booker, { guests: [{ guestId: companion }] });
    expect((await del(companion)).json().error.code).toBe('guest_has_upcoming_bookings');
    const inHouse = await guest('Inhouse');
    const b = await book(inHouse);
    await setup.t.database.system
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
    await setup.t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${cancelled.id}/cancel`,
      headers: setup.s.headers,
    });
    const before = await getBooking(past.id);

    const res = await del(id);
    expect(res.statusCode, res.body).toBe(204);
    expect(
      (await setup.t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}`, headers: setup.s.headers })).statusCode,
    ).toBe(404);
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
    const list = await setup.t.app.inject({
      method: 'GET',
      url: '/api/v1/bookings?limit=200',
      headers: setup.s.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.filter((b: { customerName: string }) => b.customerName === '*****')).toHaveLength(3);
  });
});
