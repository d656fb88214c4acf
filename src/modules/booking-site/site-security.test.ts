import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { signedInCustomer } from '../../../test/support/accounts.ts';
import { engineName } from '../../../test/support/db.ts';

/** A date `days` from today, YYYY-MM-DD. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Issue 11: checkout replay across visitors (#3), checkout abuse (#15), hidden prices (#20), one
 * organisation per site (#23), the account message at checkout (#24).
 */
describe(`booking site security (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let propertyId: string;
  let double: string;
  let ip = 0;

  beforeAll(async () => {
    t = await createTestApp({
      env: { CLIENTELA_SITE_CHECKOUTS_PER_IP_HOUR: '3', CLIENTELA_SITE_CHECKOUTS_PER_EMAIL_HOUR: '2' },
    });
    s = await t.login();
    ({ propertyId, roomTypeId: double } = await t.addRoomType(s, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 100,
      roomCount: 200,
    }));
  });
  afterAll(() => t.close());

  /** A fresh client address per call unless one is given (the per-IP limit is tested on its own). */
  const nextIp = () => `10.2.${Math.floor(++ip / 250)}.${ip % 250}`;
  const stay = (from: number, to = from + 1) => ({
    roomTypeId: double,
    checkIn: day(from),
    checkOut: day(to),
    adults: 1,
  });
  const person = (n: string) => ({ firstName: 'Guest', lastName: `N${n}`, email: `guest.${n}@example.com` });
  const checkout = (payload: object, headers: Record<string, string> = {}, remoteAddress = nextIp()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/checkout',
      headers,
      payload: { propertyId, ...payload },
      remoteAddress,
    });
  const addItem = (cookie: string | undefined, from: number, host?: string, property = propertyId, room = double) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/public/properties/${property}/cart/items`,
      headers: { ...(cookie ? { cookie } : {}), ...(host ? { host } : {}) },
      payload: { roomTypeId: room, checkIn: day(from), checkOut: day(from + 1), adults: 1 },
    });
  const visitorCookie = async (from: number) => {
    const res = await addItem(undefined, from);
    expect(res.statusCode, res.body).toBe(200);
    const raw = res.headers['set-cookie'];
    const c = (Array.isArray(raw) ? raw : [raw]).find((x) => typeof x === 'string' && x.startsWith('clientela_cart='));
    return (c ?? '').split(';')[0] ?? '';
  };
  const confirmations = async (to: string) =>
    Number(
      (
        await t.database.system
          .selectFrom('emailMessage')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event', '=', 'booking.confirmation')
          .where('toAddress', '=', to)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const errorOf = (res: LightMyRequestResponse) => {
    const { code, message, details } = res.json<{ error: { code: string; message: string; details: unknown } }>().error;
    return { status: res.statusCode, code, message, details, retryAfter: res.headers['retry-after'] };
  };

  describe('#3 Idempotency-Key per visitor and body', () => {
    it('replays the same visitor’s same body, refuses another body, and books another visitor anew', async () => {
      const key = { 'idempotency-key': 'shared-key-0001' };
      const annaCookie = await visitorCookie(5);
      const anna = { items: [stay(100)], customer: person('anna') };
      const first = await checkout(anna, { ...key, cookie: annaCookie });
      expect(first.statusCode, first.body).toBe(201);
      const annaBooking = first.json().bookings[0];

      const again = await checkout(anna, { ...key, cookie: annaCookie });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ replayed: true, bookings: [{ id: annaBooking.id }] });

      const changed = await checkout({ ...anna, items: [stay(101)] }, { ...key, cookie: annaCookie });
      expect(changed.statusCode, changed.body).toBe(409);
      expect(changed.json().error.code).toBe('idempotency_key_reused');

      // Ben reuses Anna's key (another cookie): his own booking, nothing of Anna's.
      const benCookie = await visitorCookie(6);
      const ben = await checkout({ items: [stay(102, 104)], customer: person('ben') }, { ...key, cookie: benCookie });
      expect(ben.statusCode, ben.body).toBe(201);
      expect(ben.json()).toMatchObject({ replayed: false, email: 'guest.ben@example.com' });
      expect(ben.json().bookings[0]).toMatchObject({ checkIn: day(102), nights: 2 });
      expect(ben.body).not.toContain(annaBooking.id);
      expect(ben.body).not.toContain(annaBooking.reference);

      // Even the very same body from a visitor without Anna's cookie is a new booking, not Anna's.
      const copycat = await checkout(anna, key);
      expect(copycat.statusCode, copycat.body).toBe(201);
      expect(copycat.json().bookings[0].id).not.toBe(annaBooking.id);
      const booked = await t.database.system
        .selectFrom('booking')
        .select('id')
        .where('checkIn', 'in', [day(100), day(102)])
        .execute();
      expect(booked).toHaveLength(3);
    });
  });

  describe('#15 checkout abuse', () => {
    it('limits checkouts per client IP (429 with Retry-After); other addresses go on', async () => {
      const from = '192.0.2.77';
      for (let i = 0; i < 3; i++) {
        const ok = await checkout({ items: [stay(110 + i)], customer: person(`ip${i}`) }, {}, from);
        expect(ok.statusCode, ok.body).toBe(201);
      }
      const over = await checkout({ items: [stay(115)], customer: person('ip3') }, {}, from);
      expect(over.statusCode, over.body).toBe(429);
      expect(over.json().error.code).toBe('too_many_checkouts');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      const elsewhere = await checkout({ items: [stay(115)], customer: person('ip3') }, {}, '192.0.2.78');
      expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    });

    it('sends at most one confirmation per address per window; the later booking is still made', async () => {
      const first = await checkout({ items: [stay(120)], customer: person('mail') });
      const second = await checkout({ items: [stay(121)], customer: person('mail') });
      expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
      expect(await confirmations('guest.mail@example.com')).toBe(1);
      const booking = await t.app.inject({
        method: 'GET',
        url: `/api/v1/bookings/${second.json().bookings[0].id}`,
        headers: { cookie: s.cookie },
      });
      expect(booking.statusCode).toBe(200);
    });

    it('answers an e-mail over its limit exactly as a blocked guest: nothing tells them apart', async () => {
      for (const n of [130, 131]) {
        const ok = await checkout({ items: [stay(n)], customer: person('limit') });
        expect(ok.statusCode, ok.body).toBe(201);
      }
      const overLimit = await checkout({ items: [stay(132)], customer: person('limit') });

      const victor = { firstName: 'Victor', lastName: 'Kane', email: 'victor.kane@example.com' };
      const made = await checkout({ items: [stay(133)], customer: victor });
      const guestId = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/bookings/${made.json().bookings[0].id}`,
          headers: { cookie: s.cookie },
        })
      ).json().customerId;
      const block = await t.app.inject({
        method: 'POST',
        url: `/api/v1/guests/${guestId}/block`,
        headers: s.headers,
        payload: { reason: 'Damaged the room' },
      });
      expect(block.statusCode, block.body).toBe(200);
      const blocked = await checkout({ items: [stay(134)], customer: victor });

      expect(errorOf(blocked)).toEqual(errorOf(overLimit));
      expect(errorOf(blocked)).toMatchObject({ status: 403, code: 'booking_refused', retryAfter: undefined });
      expect(blocked.body).not.toMatch(/block|limit/i);
      // What the visitor can look at afterwards is alike too: their cart, still active, with the room.
      const cartAfter = async (res: LightMyRequestResponse) => {
        const raw = res.headers['set-cookie'];
        const cookie = ((Array.isArray(raw) ? raw[0] : raw) ?? '').split(';')[0] ?? '';
        const cart = await t.app.inject({
          method: 'GET',
          url: `/api/v1/public/properties/${propertyId}/cart`,
          headers: { cookie },
        });
        const { status, itemCount } = cart.json<{ status: string; itemCount: number }>();
        return { status, itemCount };
      };
      expect(await cartAfter(blocked)).toEqual(await cartAfter(overLimit));
      expect(await cartAfter(blocked)).toEqual({ status: 'active', itemCount: 1 });
    });

    it('caps the rooms of one checkout and one cart (Settings → Booking site)', async () => {
      const six = Array.from({ length: 6 }, (_, i) => stay(140 + i));
      const tooMany = await checkout({ items: six, customer: person('six') });
      expect(tooMany.statusCode, tooMany.body).toBe(400);
      expect(tooMany.json().error.code).toBe('too_many_rooms');

      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/booking-site',
        headers: s.headers,
        payload: { hosts: [], maxRoomsPerCheckout: 2 },
      });
      expect(put.statusCode, put.body).toBe(200);
      const cookie = await visitorCookie(150);
      expect((await addItem(cookie, 151)).statusCode).toBe(200);
      const third = await addItem(cookie, 152);
      expect(third.statusCode, third.body).toBe(400);
      expect(third.json().error.code).toBe('cart_full');
      const three = await checkout({ items: six.slice(0, 3), customer: person('three') });
      expect(three.json().error.code).toBe('too_many_rooms');
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/booking-site',
        headers: s.headers,
        payload: { hosts: [], maxRoomsPerCheckout: 5 },
      });
    });
  });

  describe('#20 hidden prices', () => {
    it('refuses adding to the cart and checking out when the visitor may not see prices; signed in, it books', async () => {
      const groups = (
        await t.app.inject({ method: 'GET', url: '/api/v1/groups', headers: { cookie: s.cookie } })
      ).json<{ items: { id: string; systemKind: string | null }[] }>().items;
      const visitorGroup = groups.find((g) => g.systemKind === 'visitor')?.id ?? '';
      const setDisplay = (priceDisplay: string) =>
        t.app.inject({
          method: 'PATCH',
          url: `/api/v1/groups/${visitorGroup}`,
          headers: s.headers,
          payload: { priceDisplay },
        });
      const cookie = await visitorCookie(160); // a cart made while prices were shown
      const cartId = (
        await t.app.inject({ method: 'GET', url: `/api/v1/public/properties/${propertyId}/cart`, headers: { cookie } })
      ).json().id;
      expect((await setDisplay('logged_in')).statusCode).toBe(200);
      try {
        const add = await addItem(cookie, 161);
        expect(add.statusCode, add.body).toBe(401);
        expect(add.json().error.code).toBe('sign_in_to_book');
        const direct = await checkout({ items: [stay(162)], customer: person('hidden') });
        expect(direct.statusCode, direct.body).toBe(401);
        expect(direct.json().error.code).toBe('sign_in_to_book');
        const withCart = await checkout({ cartId, customer: person('hidden') }, { cookie });
        expect(withCart.json().error.code).toBe('sign_in_to_book');

        const maria = await signedInCustomer(t, 'maria.sol@example.com', { firstName: 'Maria', lastName: 'Sol' });
        const booked = await checkout({ items: [stay(163)], customer: person('maria') }, { cookie: maria.cookie });
        expect(booked.statusCode, booked.body).toBe(201);
      } finally {
        await setDisplay('everyone');
      }
    });
  });

  describe('#24 account created at checkout', () => {
    it('says the account waits for validation when registration needs staff validation', async () => {
      const setMode = (registrationMode: string) =>
        t.app.inject({
          method: 'PUT',
          url: '/api/v1/settings/accounts',
          headers: s.headers,
          payload: { registrationMode },
        });
      const direct = await checkout({ items: [stay(170)], customer: person('direct'), createAccount: true });
      expect(direct.json()).toMatchObject({ accountCreated: true, accountPendingValidation: false });
      expect((await setMode('validation')).statusCode).toBe(200);
      try {
        const pending = await checkout({ items: [stay(171)], customer: person('pending'), createAccount: true });
        expect(pending.statusCode, pending.body).toBe(201);
        expect(pending.json()).toMatchObject({ accountCreated: true, accountPendingValidation: true });
      } finally {
        await setMode('direct');
      }
    });
  });

  describe('#23 one organisation per site', () => {
    it('serves the only organisation on any host name, then each organisation on its own host names only', async () => {
      const alone = await t.app.inject({
        method: 'GET',
        url: '/api/v1/public/properties',
        headers: { host: 'localhost' },
      });
      expect(alone.json().items.map((p: { id: string }) => p.id)).toEqual([propertyId]);

      const orgB = await t.createOrg('Hotel B');
      const b = await t.login(orgB.email, orgB.password);
      const bProperty = await t.addRoomType(b, { name: 'B room', capacity: 2, nightlyPrice: 90, roomCount: 5 });
      const setHosts = (session: Session, hosts: string[]) =>
        t.app.inject({
          method: 'PUT',
          url: '/api/v1/settings/booking-site',
          headers: session.headers,
          payload: { hosts, maxRoomsPerCheckout: 5 },
        });
      expect((await setHosts(s, ['book.hotel-a.test'])).statusCode).toBe(200);
      const bSet = await setHosts(b, ['Book.Hotel-B.test', 'rooms.hotel-b.test']);
      expect(bSet.json()).toEqual({ hosts: ['book.hotel-b.test', 'rooms.hotel-b.test'], maxRoomsPerCheckout: 5 });
      const steal = await setHosts(b, ['book.hotel-a.test']);
      expect(steal.statusCode, steal.body).toBe(409);
      expect(steal.json().error.code).toBe('site_host_taken');

      const list = (host: string) =>
        t.app.inject({ method: 'GET', url: '/api/v1/public/properties', headers: { host } });
      expect((await list('book.hotel-a.test')).json().items.map((p: { id: string }) => p.id)).toEqual([propertyId]);
      expect((await list('rooms.hotel-b.test:8080')).json().items.map((p: { id: string }) => p.id)).toEqual([
        bProperty.propertyId,
      ]);
      const unknown = await list('localhost');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('site_not_found');

      // Hotel A's property, cart and checkout are not found on Hotel B's site.
      const onB = { host: 'book.hotel-b.test' };
      const info = await t.app.inject({ method: 'GET', url: `/api/v1/public/properties/${propertyId}`, headers: onB });
      expect(info.statusCode).toBe(404);
      const aCart = await addItem(undefined, 180, 'book.hotel-a.test');
      expect(aCart.statusCode, aCart.body).toBe(200);
      const raw = aCart.headers['set-cookie'];
      const cookie = ((Array.isArray(raw) ? raw[0] : raw) ?? '').split(';')[0] ?? '';
      expect((await addItem(cookie, 181, onB.host)).statusCode).toBe(404);
      const cartOnB = await t.app.inject({
        method: 'GET',
        url: `/api/v1/public/properties/${bProperty.propertyId}/cart`,
        headers: { ...onB, cookie },
      });
      expect(cartOnB.json()).toMatchObject({ id: null, itemCount: 0 });
      const stolen = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/checkout',
        headers: { ...onB, cookie },
        payload: { propertyId, cartId: aCart.json().id, customer: person('cross') },
        remoteAddress: nextIp(),
      });
      expect(stolen.statusCode, stolen.body).toBe(404);
      const crossB = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/checkout',
        headers: { ...onB, cookie },
        payload: { propertyId: bProperty.propertyId, cartId: aCart.json().id, customer: person('cross') },
        remoteAddress: nextIp(),
      });
      expect(crossB.statusCode, crossB.body).toBe(404);

      // Hotel B's own site books Hotel B's rooms.
      const bBooking = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/checkout',
        headers: onB,
        payload: {
          propertyId: bProperty.propertyId,
          items: [{ roomTypeId: bProperty.roomTypeId, checkIn: day(182), checkOut: day(183), adults: 1 }],
          customer: person('hotelb'),
        },
        remoteAddress: nextIp(),
      });
      expect(bBooking.statusCode, bBooking.body).toBe(201);
      const row = await t.database.system
        .selectFrom('booking')
        .select('orgId')
        .where('id', '=', bBooking.json().bookings[0].id)
        .executeTakeFirstOrThrow();
      expect(row.orgId).toBe(orgB.orgId);
    });
  });
});
