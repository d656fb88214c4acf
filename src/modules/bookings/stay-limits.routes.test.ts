import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

// Issue 11, point 7: a stay to 9999-12-31 wrote 2.9 M night rows and a long stay at a high price
// overflowed numeric(12, 2) into a 500. Every entry point now answers 400 with the field.
describe(`stay limits (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let propertyId: string;
  let roomTypeId: string;
  let priceyId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    ({ propertyId, roomTypeId } = await t.addRoomType(s, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 120,
      roomCount: 50,
    }));
    ({ roomTypeId: priceyId } = await t.addRoomType(s, {
      name: 'Palace',
      capacity: 2,
      nightlyPrice: 1_000_000,
      roomCount: 5,
    }));
  });
  afterAll(() => t.close());

  const customer = { firstName: 'Ana', lastName: 'Long', email: 'ana.long@example.com' };
  const book = (payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: s.headers,
      payload: { roomTypeId, source: 'staff', customer, ...payload },
    });
  const nightRows = async () =>
    Number(
      (
        await t.database.system
          .selectFrom('roomNight')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const fieldsOf = (body: { error: { details: { field?: string }[] } }) => body.error.details.map((d) => d.field);

  it('refuses a stay to 9999-12-31 with a 400 naming checkOut, and writes no nights', async () => {
    const before = await nightRows();
    const res = await book({ checkIn: '2030-01-01', checkOut: '9999-12-31' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(fieldsOf(res.json())).toContain('checkOut');
    expect(
      res
        .json()
        .error.details.map((d: { message: string }) => d.message)
        .join(' '),
    ).toMatch(/years ahead/);
    expect(await nightRows()).toBe(before);
  });

  it('allows 365 nights and refuses 366', async () => {
    expect((await book({ checkIn: '2027-01-01', checkOut: '2028-01-01' })).statusCode).toBe(201);
    const res = await book({ checkIn: '2027-01-01', checkOut: '2028-01-02' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual(
      expect.objectContaining({ field: 'checkOut', message: 'at most 365 nights after checkIn' }),
    );
  });

  it('refuses a check-in before 2000-01-01', async () => {
    const res = await book({ checkIn: '1999-12-30', checkOut: '2000-01-02' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toContain('checkIn');
  });

  it('stores the total of the longest stay at the highest price (no numeric overflow)', async () => {
    const res = await book({ roomTypeId: priceyId, checkIn: '2027-02-01', checkOut: '2028-01-31' /* 364 nights */ });
    expect(res.statusCode).toBe(201);
    expect(res.json().total).toBe(364_000_000);
  });

  it('refuses a room price beyond the range', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/room-types/${roomTypeId}`,
      headers: s.headers,
      payload: { nightlyPrice: 1e12 },
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toContain('nightlyPrice');
  });

  it('refuses a batch with a too-long stay, naming the booking', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/batch',
      headers: s.headers,
      payload: {
        bookings: [
          { roomTypeId, customer, checkIn: '2027-03-01', checkOut: '2027-03-02' },
          { roomTypeId, customer, checkIn: '2030-01-01', checkOut: '9999-12-31' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toContain('bookings.1.checkOut');
  });

  it('refuses moving a booking to a stay beyond the limit', async () => {
    const id = (await book({ checkIn: '2027-04-01', checkOut: '2027-04-03' })).json().id as string;
    const far = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/bookings/${id}`,
      headers: s.headers,
      payload: { checkOut: '9999-12-31' },
    });
    expect(far.statusCode).toBe(400);
    expect(fieldsOf(far.json())).toContain('checkOut');
    const long = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/bookings/${id}`,
      headers: s.headers,
      payload: { checkOut: '2029-04-03' },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('stay_out_of_range');
    expect(fieldsOf(long.json())).toContain('checkOut');
  });

  it('refuses availability ranges outside the window', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/properties/${propertyId}/availability?from=2030-01-01&to=9999-12-31`,
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toContain('to');
  });

  it('refuses the same stays on the public site (availability, cart, checkout)', async () => {
    const avail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/properties/${propertyId}/availability?checkIn=2030-01-01&checkOut=9999-12-31`,
    });
    expect(avail.statusCode).toBe(400);
    expect(fieldsOf(avail.json())).toContain('checkOut');
    const checkout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/checkout',
      payload: {
        propertyId,
        items: [{ roomTypeId, checkIn: '2027-01-01', checkOut: '2028-06-01' }],
        customer,
      },
    });
    expect(checkout.statusCode).toBe(400);
    expect(fieldsOf(checkout.json())).toContain('items.0.checkOut');
  });
});

describe(`stay limits from the configuration (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { CLIENTELA_MAX_STAY_NIGHTS: '30', CLIENTELA_MAX_YEARS_AHEAD: '2' } });
    s = await t.login();
  });
  afterAll(() => t.close());

  it('applies CLIENTELA_MAX_STAY_NIGHTS and CLIENTELA_MAX_YEARS_AHEAD', async () => {
    const { roomTypeId } = await t.addRoomType(s, { name: 'Twin', capacity: 2, nightlyPrice: 80, roomCount: 5 });
    const book = (checkIn: string, checkOut: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: s.headers,
        payload: { roomTypeId, customer: { lastName: 'Short' }, checkIn, checkOut },
      });
    const next = new Date().getUTCFullYear() + 1;
    expect((await book(`${next}-01-01`, `${next}-01-31`)).statusCode).toBe(201);
    const long = await book(`${next}-01-01`, `${next}-02-01`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0].message).toBe('at most 30 nights after checkIn');
    const far = await book(`${next + 3}-01-01`, `${next + 3}-01-02`);
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details[0].message).toMatch(/at most 2 years ahead/);
  });
});
