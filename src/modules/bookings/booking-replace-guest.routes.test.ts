import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

/** Issue 12 point 1: "Replace guest" on a booking, so the guest leaving it can be erased. */
describe(`replacing a guest on a booking (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let roomTypeId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    ({ roomTypeId } = await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 20 }));
  });
  afterAll(() => t.close());

  const guest = async (firstName: string, headers = s.headers) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers,
      payload: { firstName, lastName: 'Sustituto', email: `${firstName.toLowerCase()}@example.org` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const book = async (customerId: string, extra: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: s.headers,
      payload: {
        checkIn: '2027-06-01',
        checkOut: '2027-06-04',
        roomTypeId,
        customer: { guestId: customerId },
        ...extra,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; reference: string; total: number }>();
  };
  const replace = (bookingId: string, payload: Record<string, unknown>, headers = s.headers) =>
    t.app.inject({ method: 'POST', url: `/api/v1/bookings/${bookingId}/replace-guest`, headers, payload });
  const profile = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}`, headers: s.headers })).json<{
      bookingCount: number;
      revenue: number;
      groupIds: string[];
    }>();
  const groupNamed = async (name: string) =>
    (
      await t.database.system
        .selectFrom('guestGroup')
        .select('id')
        .where('orgId', '=', t.orgId)
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;

  it('moves the customer to an existing profile: booking, party, contact e-mail, counts and default groups', async () => {
    const from = await guest('Leaving');
    const to = await guest('Taking');
    const b = await book(from);
    expect((await profile(from)).bookingCount).toBe(1);
    const res = await replace(b.id, { from, to: { guestId: to } });
    expect(res.statusCode, res.body).toBe(200);
    const booking = res.json<{ customerId: string; guests: { guestId: string; role: string }[]; checkIn: string }>();
    expect(booking.customerId).toBe(to);
    expect(booking.guests).toEqual([expect.objectContaining({ guestId: to, role: 'customer' })]);
    expect(booking.checkIn).toBe('2027-06-01');
    const row = await t.database.system
      .selectFrom('booking')
      .selectAll()
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    expect(row.contactEmail).toBe('taking@example.org');
    const [fromNow, toNow] = [await profile(from), await profile(to)];
    expect(fromNow.bookingCount).toBe(0);
    expect(fromNow.revenue).toBe(0);
    expect(toNow.bookingCount).toBe(1);
    expect(toNow.revenue).toBe(b.total);
    expect(fromNow.groupIds).toContain(await groupNamed('Visitor'));
    expect(toNow.groupIds).toContain(await groupNamed('Guest'));
    const audit = await t.database.system
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'booking.guest_replaced')
      .where('entityId', '=', b.id)
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ fromGuestId: from, toGuestId: to, customer: true });
    // The guest who left can now be deleted; the booking stays with the replacement.
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${from}`, headers: s.headers })).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/bookings/${b.id}`, headers: s.headers })).json(),
    ).toMatchObject({
      customerId: to,
    });
  });

  it('replaces a stay guest with a new person found or created through the resolver', async () => {
    const booker = await guest('Booker');
    const companion = await guest('Companion');
    const b = await book(booker, { guests: [{ guestId: companion }] });
    const res = await replace(b.id, {
      from: companion,
      to: { firstName: 'Nueva', lastName: 'Persona', email: 'nueva@example.org' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const booking = res.json<{ customerId: string; guests: { guestId: string; role: string; name: string }[] }>();
    expect(booking.customerId).toBe(booker);
    const stay = booking.guests.find((g) => g.role === 'stay');
    expect(stay?.name).toBe('Nueva Persona');
    expect(stay?.guestId).not.toBe(companion);
    // The same details again find that profile instead of creating another.
    const other = await book(booker, { guests: [{ guestId: companion }] });
    const again = await replace(other.id, {
      from: companion,
      to: { firstName: 'Nueva', lastName: 'Persona', email: 'nueva@example.org' },
    });
    expect(again.json<{ guests: { guestId: string }[] }>().guests.map((g) => g.guestId)).toContain(stay?.guestId);
  });

  it('keeps one row when the replacement is already on the booking, with the customer role', async () => {
    const booker = await guest('Customer');
    const companion = await guest('Stayer');
    const b = await book(booker, { guests: [{ guestId: companion }] });
    const res = await replace(b.id, { from: booker, to: { guestId: companion } });
    expect(res.statusCode, res.body).toBe(200);
    const booking = res.json<{ customerId: string; guests: { guestId: string; role: string }[] }>();
    expect(booking.customerId).toBe(companion);
    expect(booking.guests).toEqual([expect.objectContaining({ guestId: companion, role: 'customer' })]);
    expect((await profile(companion)).bookingCount).toBe(1);
  });

  it('refuses clearly: not on the booking, the same guest, a cancelled booking, no name', async () => {
    const a = await guest('Alpha');
    const c = await guest('Gamma');
    const b = await book(a);
    const notOn = await replace(b.id, { from: c, to: { guestId: a } });
    expect(notOn.statusCode).toBe(400);
    expect(notOn.json().error.code).toBe('guest_not_on_booking');
    const same = await replace(b.id, { from: a, to: { guestId: a } });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.code).toBe('same_guest');
    const noName = await replace(b.id, { from: a, to: { email: 'x@example.org' } });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details[0].field).toBe('to.lastName');
    const cancelled = await book(a);
    await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${cancelled.id}/cancel`, headers: s.headers });
    const res = await replace(cancelled.id, { from: a, to: { guestId: c } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('booking_cancelled');
  });

  it('answers 401 without credentials, 403 without bookings:write, 404 for another organisation’s ids, 4xx for hostile input', async () => {
    const a = await guest('Owner');
    const b = await book(a);
    const c = await guest('Replacement');
    expect((await replace(b.id, { from: a, to: { guestId: c } }, {})).statusCode).toBe(401);
    const reader = await t.addStaff('read_only');
    const rs = await t.login(reader.email, reader.password);
    const forbidden = await replace(b.id, { from: a, to: { guestId: c } }, rs.headers);
    expect(forbidden.statusCode).toBe(403);
    const other = await t.createOrg('Other hotel');
    const os = await t.login(other.email, other.password);
    const theirGuest = await guest('Foreign', os.headers);
    expect((await replace(b.id, { from: a, to: { guestId: theirGuest } })).statusCode).toBe(404);
    const theirs = await replace(b.id, { from: a, to: { guestId: c } }, os.headers);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('booking_not_found');
    for (const payload of [
      { from: 'x\u0000y', to: { guestId: c } },
      { from: a, to: { guestId: 'g'.repeat(5000) } },
      { from: a, to: { firstName: 'x'.repeat(100_000) } },
      { from: a, to: { guestId: c }, extra: 1 },
      { from: a },
    ]) {
      const res = await replace(b.id, payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
    expect((await replace('bkg_nope', { from: a, to: { guestId: c } })).statusCode).toBe(404);
    // Nothing moved.
    expect((await profile(a)).bookingCount).toBe(1);
  });
});

describe(`erasure preview (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let roomTypeId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    ({ roomTypeId } = await t.addRoomType(s, { name: 'Twin', capacity: 2, nightlyPrice: 80, roomCount: 5 }));
  });
  afterAll(() => t.close());

  it('counts what goes and what stays, lists the upcoming bookings, and is not another organisation’s', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers: s.headers,
      payload: {
        firstName: 'Vista',
        lastName: 'Previa',
        emails: [{ email: 'vista@example.org' }, { email: 'previa@example.org' }],
        phones: [{ number: '+34600111333' }],
        document: { type: 'passport', number: 'X1234567Z' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/guests/${id}/notes`,
      headers: s.headers,
      payload: { body: 'VIP' },
    });
    const make = async () =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          headers: s.headers,
          payload: { checkIn: '2027-07-01', checkOut: '2027-07-03', roomTypeId, customer: { guestId: id } },
        })
      ).json<{ id: string; reference: string }>();
    const past = await make();
    await t.database.system
      .updateTable('booking')
      .set({ checkIn: '2024-01-01', checkOut: '2024-01-03', status: 'checked_out' })
      .where('id', '=', past.id)
      .execute();
    const upcoming = await make();
    const preview = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guests/${id}/erasure-preview`,
      headers: s.headers,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      guestId: id,
      emails: 2,
      phones: 1,
      documents: 1,
      notes: 1,
      bookingsKept: 1,
      customerAccount: false,
      merges: 0,
      upcomingBookings: [expect.objectContaining({ id: upcoming.id, reference: upcoming.reference })],
    });
    expect(preview.body).not.toContain('vista@example.org');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}/erasure-preview` })).statusCode).toBe(401);
    const other = await t.createOrg('Elsewhere');
    const os = await t.login(other.email, other.password);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}/erasure-preview`, headers: os.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/guests/%00/erasure-preview`, headers: s.headers })).statusCode,
    ).toBe(400);
  });
});
