import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import type { Ctx } from '../../core/context.ts';
import { CreateBookingBody } from './booking.schemas.ts';
import { createBooking, type PersonResolver } from './booking.service.ts';

describe(`bookings (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let propertyId: string;
  let roomTypeId: string;
  let lastRoomTypeId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    propertyId = (
      await t.app.inject({ method: 'GET', url: '/api/v1/properties', headers: { cookie: s.cookie } })
    ).json().items[0].id;
    const mk = async (name: string, roomCount: number) =>
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/properties/${propertyId}/room-types`,
          headers: s.headers,
          payload: { name, capacity: 2, nightlyPrice: 120, roomCount },
        })
      ).json().id as string;
    roomTypeId = await mk('Double', 100);
    lastRoomTypeId = await mk('Suite', 1);
  });
  afterAll(() => t.close());

  const book = (payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: s.headers,
      payload: { checkIn: '2027-03-01', checkOut: '2027-03-03', roomTypeId, source: 'staff', ...payload },
    });

  it('creates a booking for a walk-in guest without an e-mail and keeps the profile counters right', async () => {
    const res = await book({ customer: { firstName: 'Marta', lastName: 'Ruiz' }, notes: 'Late arrival' });
    expect(res.statusCode).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({
      status: 'confirmed',
      nights: 2,
      total: 240,
      currency: 'EUR',
      notes: 'Late arrival',
      roomTypeName: 'Double',
      createdBy: { type: 'staff' },
    });
    expect(b.reference).toMatch(/^CL-[A-Z0-9]{8}$/);
    const guest = (
      await t.app.inject({ method: 'GET', url: `/api/v1/guests/${b.customerId}`, headers: { cookie: s.cookie } })
    ).json();
    expect(guest).toMatchObject({
      firstName: 'Marta',
      lastName: 'Ruiz',
      bookingCount: 1,
      revenue: 240,
      source: 'booking',
    });
    const list = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/bookings?guestId=${b.customerId}`,
        headers: { cookie: s.cookie },
      })
    ).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${b.id}/cancel`,
      headers: s.headers,
    });
    expect(cancelled.json().status).toBe('cancelled');
    const after = (
      await t.app.inject({ method: 'GET', url: `/api/v1/guests/${b.customerId}`, headers: { cookie: s.cookie } })
    ).json();
    expect(after).toMatchObject({ bookingCount: 0, revenue: 0 });
  });

  it('is idempotent on (source, externalRef)', async () => {
    const payload = {
      source: 'channel_manager',
      externalRef: 'CM-1001',
      customer: { firstName: 'Luc', lastName: 'Martin', email: 'luc@example.fr' },
    };
    const first = await book(payload);
    const again = await book(payload);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
  });

  it('refuses bad input with the field named and saves nothing', async () => {
    const before = (
      await t.app.inject({ method: 'GET', url: '/api/v1/guests?limit=1', headers: { cookie: s.cookie } })
    ).json().total;
    const cases: [Record<string, unknown>, string][] = [
      [{ checkIn: '2027-03-05', checkOut: '2027-03-04', customer: { firstName: 'A', lastName: 'B' } }, 'checkOut'],
      [{ roomTypeId: 'rmt_nope', customer: { firstName: 'A', lastName: 'B' } }, 'roomTypeId'],
      [{ total: -5, customer: { firstName: 'A', lastName: 'B' } }, 'total'],
      [{ customer: { guestId: 'gst_unknown' } }, 'customer.guestId'],
      [{ customer: { firstName: 'A', lastName: 'B', phone: 'not a phone' } }, 'customer.phone'],
    ];
    for (const [payload, field] of cases) {
      const res = await book(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const after = (
      await t.app.inject({ method: 'GET', url: '/api/v1/guests?limit=1', headers: { cookie: s.cookie } })
    ).json().total;
    expect(after).toBe(before);
  });

  it('sells the last room once when 100 requests race for it', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        book({
          roomTypeId: lastRoomTypeId,
          checkIn: '2027-05-10',
          checkOut: '2027-05-12',
          customer: { firstName: `Racer${i}`, lastName: 'Test' },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(99);
    expect(results.find((r) => r.statusCode === 409)?.json().error.code).toBe('sold_out');
    const avail = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/properties/${propertyId}/availability?from=2027-05-10&to=2027-05-12`,
        headers: { cookie: s.cookie },
      })
    ).json();
    expect(avail.roomTypes.find((r: { roomTypeId: string }) => r.roomTypeId === lastRoomTypeId).availableForStay).toBe(
      0,
    );
  });

  it('refuses a stay whose middle night is full, names that night and takes none of the others', async () => {
    const availability = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/properties/${propertyId}/availability?from=2027-07-01&to=2027-07-04`,
          headers: { cookie: s.cookie },
        })
      )
        .json()
        .roomTypes.find((r: { roomTypeId: string }) => r.roomTypeId === lastRoomTypeId)
        .nights.map((n: { available: number }) => n.available);
    const middle = await book({
      roomTypeId: lastRoomTypeId,
      checkIn: '2027-07-02',
      checkOut: '2027-07-03',
      customer: { firstName: 'Ona', lastName: 'Vidal' },
    });
    expect(middle.statusCode).toBe(201);
    expect(await availability()).toEqual([1, 0, 1]);
    const stay = await book({
      roomTypeId: lastRoomTypeId,
      checkIn: '2027-07-01',
      checkOut: '2027-07-04',
      customer: { firstName: 'Pau', lastName: 'Vidal' },
    });
    expect(stay.statusCode).toBe(409);
    expect(stay.json().error).toMatchObject({
      code: 'sold_out',
      details: [{ field: 'checkIn', message: 'sold out on 2027-07-02' }],
    });
    expect(await availability()).toEqual([1, 0, 1]);
  });

  it('answers a repeat delivery with the first booking even once its room is sold out', async () => {
    const payload = {
      source: 'channel_manager',
      externalRef: 'CM-LAST-1',
      roomTypeId: lastRoomTypeId,
      checkIn: '2027-08-01',
      checkOut: '2027-08-02',
      customer: { firstName: 'Nil', lastName: 'Serra', email: 'nil.serra@example.cat' },
    };
    const first = await book(payload);
    expect(first.statusCode).toBe(201);
    const again = await book(payload);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const renamed = await book({ ...payload, roomTypeId: 'rmt_gone' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().id).toBe(first.json().id);
  });

  it('counts both bookings of a guest named by id that arrive while the other is being written', async () => {
    const first = await book({ customer: { firstName: 'Nora', lastName: 'Lindqvist' } });
    const guestId: string = first.json().customerId;
    const ctx: Ctx = {
      db: t.database.forOrg(t.orgId),
      orgId: t.orgId,
      actor: { actorType: 'system', actorId: null },
      requestId: null,
      permissions: 'system' as const,
    };
    const input = (checkIn: string, checkOut: string) =>
      CreateBookingBody.parse({ checkIn, checkOut, roomTypeId, source: 'staff', customer: { guestId } });
    // Both name the guest by id: the resolver is never asked.
    const noResolver: PersonResolver = () => Promise.reject(new Error('not expected'));
    let second: Promise<unknown> = Promise.resolve();
    await ctx.db.transaction().execute(async (trx) => {
      await createBooking(ctx, input('2027-09-01', '2027-09-02'), noResolver, { trx });
      // Starts while this transaction is open (on PostgreSQL it waits on the guest's row lock).
      second = createBooking(ctx, input('2027-09-10', '2027-09-11'), noResolver);
      await new Promise((r) => setTimeout(r, 300));
    });
    await second;
    const guest = (
      await t.app.inject({ method: 'GET', url: `/api/v1/guests/${guestId}`, headers: { cookie: s.cookie } })
    ).json();
    expect(guest.bookingCount).toBe(3);
  });

  it('makes one profile when 50 bookings for the same new person arrive at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        book({
          checkIn: '2027-06-01',
          checkOut: '2027-06-02',
          externalRef: `PAR-${i}`,
          source: 'api',
          customer: {
            firstName: 'Iker',
            lastName: 'Zubizarreta',
            email: 'iker.z@example.es',
            phone: '+34 699 111 222',
          },
        }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const customers = new Set(results.map((r) => r.json().customerId));
    expect(customers.size).toBe(1);
    const guest = (
      await t.app.inject({ method: 'GET', url: `/api/v1/guests/${[...customers][0]}`, headers: { cookie: s.cookie } })
    ).json();
    expect(guest.bookingCount).toBe(50);
  });
});
