import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

/**
 * Issue 14 point 6a: a national phone number is read with the guest's own country first, then the
 * property's (the booking's), then the organisation's default (its first property's country, else
 * ES) — on every way a guest arrives.
 */
describe(`phone numbers read with the guest's country first (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let firstProperty: string;
  let ptProperty: string;
  let ptRoom: string;
  let esRoom: string;
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  let n = 0;

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const phonesOf = async (guestId: string) =>
    (await call('GET', `/api/v1/guests/${guestId}`)).json<{ phones: { e164: string }[] }>().phones.map((p) => p.e164);
  const book = (body: object) =>
    call('POST', '/api/v1/bookings', {
      checkIn: day(40 + n),
      checkOut: day(41 + n++),
      externalRef: `phone-${n}`,
      source: 'ota',
      ...body,
    });

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    // The bootstrap property has no country: the organisation's default is ES.
    const es = await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 90, roomCount: 50 });
    firstProperty = es.propertyId;
    esRoom = es.roomTypeId;
    const pt = await call('POST', '/api/v1/properties', { name: 'Porto', country: 'PT' });
    expect(pt.statusCode, pt.body).toBe(201);
    ptProperty = pt.json<{ id: string }>().id;
    const room = await call('POST', `/api/v1/properties/${ptProperty}/room-types`, {
      name: 'Twin',
      capacity: 2,
      nightlyPrice: 80,
      roomCount: 50,
    });
    expect(room.statusCode, room.body).toBe(201);
    ptRoom = room.json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  it("creates a French guest's 06 number in an ES organisation, from the guest's country or address", async () => {
    const byCountry = await call('POST', '/api/v1/guests', {
      firstName: 'Amélie',
      lastName: 'Durand',
      country: 'FR',
      phone: '06 12 34 56 78',
    });
    expect(byCountry.statusCode, byCountry.body).toBe(201);
    expect(await phonesOf(byCountry.json<{ id: string }>().id)).toEqual(['+33612345678']);

    const byAddress = await call('POST', '/api/v1/guests', {
      firstName: 'Louis',
      lastName: 'Martin',
      addresses: [{ city: 'Lyon', country: 'FR' }],
      phones: [{ number: '06 98 76 54 32' }, { number: '+34 612 345 678' }],
    });
    expect(byAddress.statusCode, byAddress.body).toBe(201);
    expect(await phonesOf(byAddress.json<{ id: string }>().id)).toEqual(['+33698765432', '+34612345678']);

    // Without a country of their own, the organisation's default (ES) reads it: not a number there.
    const none = await call('POST', '/api/v1/guests', {
      firstName: 'No',
      lastName: 'Country',
      phone: '06 12 34 56 78',
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'phone', code: 'invalid_phone' })]),
    );
    // A Spanish national number still reads as Spanish for a guest without a country.
    const spanish = await call('POST', '/api/v1/guests', { firstName: 'Ana', lastName: 'Ruiz', phone: '612 345 679' });
    expect(spanish.statusCode, spanish.body).toBe(201);
    expect(await phonesOf(spanish.json<{ id: string }>().id)).toEqual(['+34612345679']);
  });

  it("reads a PATCHed number with the guest's stored country", async () => {
    const g = await call('POST', '/api/v1/guests', { firstName: 'Camille', lastName: 'Petit', country: 'FR' });
    const id = g.json<{ id: string }>().id;
    const patched = await call('PATCH', `/api/v1/guests/${id}`, { phone: '06 44 55 66 77' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await phonesOf(id)).toEqual(['+33644556677']);
  });

  it("reads a booking's number with the guest's country, then the booking property's, then the organisation's", async () => {
    // No country on the person, a Portuguese property: 912 345 678 is a Portuguese mobile (in ES a Madrid line).
    const pt = await book({
      propertyId: ptProperty,
      roomTypeId: ptRoom,
      customer: { firstName: 'João', lastName: 'Silva', phone: '912 345 678' },
    });
    expect(pt.statusCode, pt.body).toBe(201);
    expect(await phonesOf(pt.json<{ customerId: string }>().customerId)).toEqual(['+351912345678']);
    // The same digits at the ES property: the organisation's default.
    const es = await book({
      roomTypeId: esRoom,
      customer: { firstName: 'Pedro', lastName: 'Gómez', phone: '912 345 670' },
    });
    expect(es.statusCode, es.body).toBe(201);
    expect(await phonesOf(es.json<{ customerId: string }>().customerId)).toEqual(['+34912345670']);
    // The guest's own country first, even at the Portuguese property; a stay guest too.
    const fr = await book({
      roomTypeId: ptRoom,
      customer: { firstName: 'Chloé', lastName: 'Bernard', country: 'FR', phone: '06 55 44 33 22' },
      guests: [{ firstName: 'Hugo', lastName: 'Bernard', country: 'FR', phone: '06 55 44 33 21' }],
    });
    expect(fr.statusCode, fr.body).toBe(201);
    const booking = fr.json<{ customerId: string; guests: { guestId: string }[] }>();
    expect(await phonesOf(booking.customerId)).toEqual(['+33655443322']);
    const stay = booking.guests.find((g) => g.guestId !== booking.customerId)!;
    expect(await phonesOf(stay.guestId)).toEqual(['+33655443321']);
    // The same person again (same phone, written nationally) is the same profile.
    const again = await book({
      roomTypeId: ptRoom,
      customer: { firstName: 'Chloé', lastName: 'Bernard', country: 'FR', phone: '0655443322' },
    });
    expect(again.json<{ customerId: string }>().customerId).toBe(booking.customerId);
  });

  it('applies the same order in a batch of bookings, failing only a number no country reads', async () => {
    const res = await call('POST', '/api/v1/bookings/batch', {
      bookings: [
        {
          checkIn: day(80),
          checkOut: day(81),
          source: 'ota',
          externalRef: 'batch-phone-1',
          propertyId: ptProperty,
          roomTypeId: ptRoom,
          customer: { firstName: 'Rita', lastName: 'Costa', phone: '913 222 111' },
        },
        {
          checkIn: day(80),
          checkOut: day(81),
          source: 'ota',
          externalRef: 'batch-phone-2',
          roomTypeId: ptRoom,
          customer: { firstName: 'Manon', lastName: 'Roux', country: 'FR', phone: '06 10 20 30 40' },
        },
        {
          checkIn: day(80),
          checkOut: day(81),
          source: 'ota',
          externalRef: 'batch-phone-3',
          roomTypeId: esRoom,
          customer: { firstName: 'Nadie', lastName: 'Lee', phone: '06 10 20 30 41' },
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      results: { status: string; booking?: { customerId: string }; error?: { code: string } }[];
    }>();
    expect(body.results.map((r) => r.status)).toEqual(['created', 'created', 'failed']);
    expect(body.results[2]!.error!.code).toBe('invalid_phone');
    expect(await phonesOf(body.results[0]!.booking!.customerId)).toEqual(['+351913222111']);
    expect(await phonesOf(body.results[1]!.booking!.customerId)).toEqual(['+33610203040']);
  });

  it("takes the organisation's default from its first property's country", async () => {
    const patched = await call('PATCH', `/api/v1/properties/${firstProperty}`, { country: 'FR' });
    expect(patched.statusCode, patched.body).toBe(200);
    try {
      const g = await call('POST', '/api/v1/guests', {
        firstName: 'Default',
        lastName: 'France',
        phone: '06 01 02 03 04',
      });
      expect(g.statusCode, g.body).toBe(201);
      expect(await phonesOf(g.json<{ id: string }>().id)).toEqual(['+33601020304']);
      const registered = await t.app.inject({
        method: 'POST',
        url: '/api/v1/account/register',
        payload: {
          email: 'default.france@example.org',
          firstName: 'Default',
          lastName: 'France',
          phone: '06 01 02 03 05',
        },
      });
      expect(registered.statusCode, registered.body).toBeLessThan(300);
      const account = await t.database.system
        .selectFrom('customerAccount')
        .select('phone')
        .where('username', '=', 'default.france@example.org')
        .executeTakeFirstOrThrow();
      expect(account.phone).toBe('06 01 02 03 05');
    } finally {
      await call('PATCH', `/api/v1/properties/${firstProperty}`, { country: null });
    }
  });
});
