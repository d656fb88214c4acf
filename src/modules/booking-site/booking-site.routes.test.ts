import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { lastEmail, signedInCustomer, type CustomerLogin } from '../../../test/support/accounts.ts';
import { engineName } from '../../../test/support/db.ts';

/** A date `days` from today, YYYY-MM-DD. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe(`booking site: availability, carts, checkout (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let propertyId: string;
  let double: string;
  let last: string;
  let visitorGroupId: string;
  let anna: CustomerLogin;

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    propertyId = (
      await t.app.inject({ method: 'GET', url: '/api/v1/properties', headers: { cookie: s.cookie } })
    ).json().items[0].id;
    const roomType = async (name: string, nightlyPrice: number, roomCount: number) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/properties/${propertyId}/room-types`,
        headers: s.headers,
        payload: { name, capacity: 2, nightlyPrice, roomCount },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    double = await roomType('Double', 100, 50);
    last = await roomType('Attic suite', 80, 3);
    const groups = (await t.app.inject({ method: 'GET', url: '/api/v1/groups', headers: { cookie: s.cookie } })).json<{
      items: { id: string; systemKind: string | null }[];
    }>().items;
    visitorGroupId = groups.find((g) => g.systemKind === 'visitor')?.id ?? '';
    anna = await signedInCustomer(t, 'anna.lind@example.com', { firstName: 'Anna', lastName: 'Lind' });
  });
  afterAll(() => t.close());

  const setVisitorGroup = (payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/groups/${visitorGroupId}`, headers: s.headers, payload });
  const availability = (cookie?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/public/properties/${propertyId}/availability?checkIn=${day(10)}&checkOut=${day(12)}&adults=2`,
      headers: cookie ? { cookie } : {},
    });
  const addItem = (cookie: string | undefined, roomTypeId = double, from = 10, to = 12) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/public/properties/${propertyId}/cart/items`,
      headers: cookie ? { cookie } : {},
      payload: { roomTypeId, checkIn: day(from), checkOut: day(to), adults: 2 },
    });
  const cartCookie = (res: { headers: Record<string, unknown> }) => {
    const raw = res.headers['set-cookie'];
    const all = Array.isArray(raw) ? raw : [raw];
    const c = all.find((x): x is string => typeof x === 'string' && x.startsWith('clientela_cart='));
    if (!c) throw new Error('no cart cookie');
    expect(c).toMatch(/HttpOnly/i);
    return c.split(';')[0] ?? '';
  };
  const customer = (n: string | number, extra: object = {}) => ({
    firstName: 'Visitor',
    lastName: `Number${n}`,
    email: `visitor${n}@example.com`,
    ...extra,
  });
  // Each checkout from its own address: these tests are about carts and races, not the per-IP limit.
  let ip = 0;
  const checkout = (payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/checkout',
      headers,
      payload: { propertyId, ...payload },
      remoteAddress: `10.1.${Math.floor(++ip / 250)}.${ip % 250}`,
    });
  const staffGet = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

  it('lists the properties and room types with prices, the visitor group discount applied (B-4)', async () => {
    const props = await t.app.inject({ method: 'GET', url: '/api/v1/public/properties' });
    expect(props.statusCode, props.body).toBe(200);
    expect(props.json().items.map((p: { id: string }) => p.id)).toContain(propertyId);

    let res = await availability();
    expect(res.statusCode, res.body).toBe(200);
    let double2 = res.json().roomTypes.find((r: { roomTypeId: string }) => r.roomTypeId === double);
    expect(res.json()).toMatchObject({ nights: 2, prices: { visible: true, discountPercent: 0 } });
    expect(double2).toMatchObject({ available: 50, fits: true, nightlyPrice: 100, total: 200 });

    expect((await setVisitorGroup({ discountPercent: 10 })).statusCode).toBe(200);
    res = await availability();
    double2 = res.json().roomTypes.find((r: { roomTypeId: string }) => r.roomTypeId === double);
    expect(double2).toMatchObject({ totalBeforeDiscount: 200, total: 180 });
    expect((await setVisitorGroup({ discountPercent: 0 })).statusCode).toBe(200);
  });

  it('hides prices per the group price display (A-5): "log in to see prices" for visitors only', async () => {
    expect((await setVisitorGroup({ priceDisplay: 'logged_in' })).statusCode).toBe(200);
    const visitor = await availability();
    expect(visitor.json().prices).toMatchObject({ visible: false, hiddenReason: 'log_in' });
    expect(visitor.json().roomTypes[0]).toMatchObject({ nightlyPrice: null, total: null });
    const signedIn = await availability(anna.cookie);
    expect(signedIn.json().prices).toMatchObject({ visible: true, hiddenReason: null });
    expect(signedIn.json().roomTypes.find((r: { roomTypeId: string }) => r.roomTypeId === double).total).toBe(200);
    // The site info pre-fills the signed-in customer's details.
    const info = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/properties/${propertyId}`,
      headers: { cookie: anna.cookie },
    });
    expect(info.json().customer).toMatchObject({ firstName: 'Anna', lastName: 'Lind', email: 'anna.lind@example.com' });
    expect((await setVisitorGroup({ priceDisplay: 'everyone' })).statusCode).toBe(200);
  });

  it('keeps a visitor cart server-side by cookie; active → abandoned after the idle time; KPIs', async () => {
    const first = await addItem(undefined);
    expect(first.statusCode, first.body).toBe(200);
    const cookie = cartCookie(first);
    expect(first.json()).toMatchObject({ itemCount: 1, value: 200, status: 'active' });
    const second = await addItem(cookie, double, 20, 21);
    expect(second.json()).toMatchObject({ itemCount: 2, value: 300 });
    const cartId = second.json().id as string;
    // Another visitor does not see it.
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/public/properties/${propertyId}/cart` });
    expect(other.json()).toMatchObject({ id: null, itemCount: 0 });
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/public/properties/${propertyId}/cart/items/${second.json().items[1].id}`,
      headers: { cookie },
    });
    expect(removed.json()).toMatchObject({ id: cartId, itemCount: 1, value: 200 });

    let list = await staffGet('/api/v1/carts?status=active');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.find((c: { id: string }) => c.id === cartId)).toMatchObject({
      status: 'active',
      customer: null,
      value: 200,
      items: [{ roomTypeName: 'Double', nights: 2 }],
    });

    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/carts/settings',
      headers: s.headers,
      payload: { abandonAfterMinutes: 30 },
    });
    expect(put.json()).toEqual({ abandonAfterMinutes: 30 });
    await sql`update cart set last_activity_at = now() - interval '31 minutes' where id = ${cartId}`.execute(
      t.database.system,
    );
    list = await staffGet('/api/v1/carts?status=abandoned');
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([cartId]);
    const kpis = (await staffGet('/api/v1/carts/kpis')).json();
    expect(kpis).toMatchObject({ cartsNow: 0, counts: { active: 0, abandoned: 1, converted: 0 }, abandonmentRate: 1 });
    expect(kpis.averageCartValue).toBe(200);

    // Activity brings an abandoned cart back; checking it out converts it.
    const back = await addItem(cookie, double, 30, 31);
    expect(back.json()).toMatchObject({ id: cartId, status: 'active', itemCount: 2 });
    const done = await checkout({ cartId, customer: customer('cart') }, { cookie });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().bookings).toHaveLength(2);
    const after = (await staffGet('/api/v1/carts/kpis')).json();
    expect(after).toMatchObject({ counts: { converted: 1, abandoned: 0 }, conversionRate: 1, abandonmentRate: 0 });
    expect((await staffGet('/api/v1/carts?status=converted')).json().items[0]).toMatchObject({
      id: cartId,
      status: 'converted',
      customer: { name: 'Visitor Numbercart' },
    });
  });

  it('streams cart changes to staff over server-sent events (real HTTP)', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/carts/stream`, {
      headers: { cookie: s.cookie },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      const deadline = Date.now() + 5000;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`stream never matched ${pattern}: ${text}`);
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value);
      }
    };
    await readUntil(/event: ready/);
    const added = await addItem(undefined);
    const cartId = added.json().id as string;
    await readUntil(new RegExp(`event: cart\\ndata: \\{"cartId":"${cartId}","status":"active","reason":"item_added"`));
    controller.abort();
    // Unauthenticated callers get no stream.
    const anon = await fetch(`http://127.0.0.1:${port}/api/v1/carts/stream`);
    expect(anon.status).toBe(401);
  });

  it('checks out a visitor: booking, account created when ticked, confirmation e-mail, reference', async () => {
    const res = await checkout({
      items: [{ roomTypeId: double, checkIn: day(40), checkOut: day(43), adults: 2 }],
      customer: customer('happy', { phone: '+34 600 111 222' }),
      additionalGuests: [{ firstName: 'Lola', lastName: 'Happy' }],
      createAccount: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ accountCreated: true, replayed: false, email: 'visitorhappy@example.com' });
    expect(body.bookings).toEqual([
      expect.objectContaining({ roomTypeName: 'Double', nights: 3, total: 300, checkIn: day(40) }),
    ]);
    const booking = (await staffGet(`/api/v1/bookings/${body.bookings[0].id}`)).json();
    expect(booking).toMatchObject({ reference: body.bookings[0].reference, source: 'site', total: 300 });
    expect(booking.guests.map((g: { name: string }) => g.name)).toEqual(
      expect.arrayContaining(['Visitor Numberhappy', 'Lola Happy']),
    );
    const mail = await lastEmail(t, 'booking.confirmation', 'visitorhappy@example.com');
    expect(mail?.bodyText).toContain(body.bookings[0].reference);
    expect(await lastEmail(t, 'account.created', 'visitorhappy@example.com')).toBeTruthy();
  });

  it('does not create an account unless ticked (offer setting) and validates per field', async () => {
    const res = await checkout({
      items: [{ roomTypeId: double, checkIn: day(44), checkOut: day(45), adults: 1 }],
      customer: customer('noacc'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().accountCreated).toBe(false);
    expect(await lastEmail(t, 'account.created', 'visitornoacc@example.com')).toBeUndefined();

    const bad = await checkout({
      items: [{ roomTypeId: double, checkIn: day(44), checkOut: day(45), adults: 1 }],
      customer: { firstName: '', lastName: 'X', email: 'not-an-email' },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['customer.firstName', 'customer.email']));
  });

  it('makes one booking from a double submit (same Idempotency-Key, at the same time)', async () => {
    const payload = {
      items: [{ roomTypeId: double, checkIn: day(50), checkOut: day(51), adults: 1 }],
      customer: customer('double'),
    };
    // The key is the visitor's: their two submits carry the same cart cookie.
    const cookie = cartCookie(await addItem(undefined, double, 90, 91));
    const headers = { 'idempotency-key': 'double-submit-key-1', cookie };
    const [a, b] = await Promise.all([checkout(payload, headers), checkout(payload, headers)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().bookings[0].id).toBe(b.json().bookings[0].id);
    const again = await checkout(payload, headers);
    expect(again.json()).toMatchObject({ replayed: true });
    const count = await t.database.system
      .selectFrom('booking')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('checkIn', '=', day(50))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('sells the last 3 rooms exactly once to 200 concurrent checkouts', { timeout: 120_000 }, async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        checkout(
          {
            items: [{ roomTypeId: last, checkIn: day(60), checkOut: day(62), adults: 2 }],
            customer: customer(`race${i}`),
          },
          { 'idempotency-key': `race-key-${i}` },
        ),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((c) => c === 201)).toHaveLength(3);
    expect(statuses.filter((c) => c !== 201 && c !== 409)).toEqual([]);
    expect(results.find((r) => r.statusCode === 409)?.json().error.code).toBe('sold_out');
    const count = await t.database.system
      .selectFrom('booking')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('roomTypeId', '=', last)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });

  it('refuses a blocked guest politely: no booking, the cart is flagged for staff (G-11)', async () => {
    const first = await checkout({
      items: [{ roomTypeId: double, checkIn: day(70), checkOut: day(71), adults: 1 }],
      customer: { firstName: 'Victor', lastName: 'Kane', email: 'victor.kane@example.com' },
    });
    expect(first.statusCode, first.body).toBe(201);
    const guestId = (await staffGet(`/api/v1/bookings/${first.json().bookings[0].id}`)).json().customerId;
    const block = await t.app.inject({
      method: 'POST',
      url: `/api/v1/guests/${guestId}/block`,
      headers: s.headers,
      payload: { reason: 'Damaged the room' },
    });
    expect(block.statusCode, block.body).toBe(200);
    const before = await t.database.system
      .selectFrom('booking')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await checkout({
      items: [{ roomTypeId: double, checkIn: day(72), checkOut: day(73), adults: 1 }],
      customer: { firstName: 'Victor', lastName: 'Kane', email: 'victor.kane@example.com' },
    });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error.code).toBe('booking_refused');
    expect(refused.json().error.message).toMatch(/contact the hotel/);
    expect(refused.body).not.toMatch(/block/i);
    const after = await t.database.system
      .selectFrom('booking')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const flagged = (await staffGet('/api/v1/carts?status=active'))
      .json()
      .items.find((c: { refused: unknown }) => c.refused !== null);
    expect(flagged.refused).toMatchObject({ guestId });
  });

  it('signed-in Anna books for Ben: Ben is the stay guest, Anna the customer; no new account (I-2, I-3)', async () => {
    const accountsBefore = await t.database.system
      .selectFrom('customerAccount')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await checkout(
      {
        items: [{ roomTypeId: double, checkIn: day(80), checkOut: day(82), adults: 1 }],
        // Whatever names are typed, the signed-in account is the customer.
        customer: { firstName: 'Someone', lastName: 'Else', email: 'anna.lind@example.com' },
        bookingFor: { firstName: 'Ben', lastName: 'Berg', email: 'ben.berg@example.com' },
        createAccount: true,
      },
      { cookie: anna.cookie },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().accountCreated).toBe(false);
    const booking = (await staffGet(`/api/v1/bookings/${res.json().bookings[0].id}`)).json();
    expect(booking.customerId).toBe(anna.guestId);
    const ben = booking.guests.find((g: { role: string }) => g.role === 'stay');
    expect(ben).toMatchObject({ name: 'Ben Berg' });
    expect(ben.guestId).not.toBe(anna.guestId);
    const accountsAfter = await t.database.system
      .selectFrom('customerAccount')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(accountsAfter.n)).toBe(Number(accountsBefore.n));
    const annaGuest = (await staffGet(`/api/v1/guests/${anna.guestId}`)).json();
    expect(annaGuest).toMatchObject({ firstName: 'Anna', lastName: 'Lind' });
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account/bookings',
      headers: { cookie: anna.cookie },
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(JSON.stringify(mine.json())).toContain(res.json().bookings[0].reference);
  });
});
