import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

interface Result {
  index: number;
  status: 'created' | 'existing' | 'failed';
  booking: { id: string; reference: string; customerId: string; guestIds: string[]; blockedGuest: boolean } | null;
  error: { code: string; details: { field?: string }[] } | null;
}

describe(`booking batches (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let roomTypeId: string;
  let suiteId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    roomTypeId = (await t.addRoomType(s, { name: 'Batch double', capacity: 2, nightlyPrice: 100, roomCount: 1000 }))
      .roomTypeId;
    suiteId = (await t.addRoomType(s, { name: 'Batch suite', capacity: 2, nightlyPrice: 100, roomCount: 1 }))
      .roomTypeId;
  });
  afterAll(() => t.close());

  let ref = 0;
  const booking = (customer: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    source: 'channel_manager',
    externalRef: `CM-${++ref}`,
    roomTypeId,
    checkIn: '2028-05-01',
    checkOut: '2028-05-03',
    customer,
    ...extra,
  });
  const send = (bookings: unknown[]) =>
    t.app.inject({ method: 'POST', url: '/api/v1/bookings/batch', headers: s.headers, payload: { bookings } });
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } })).json();
  const profilesWith = async (q: string) => (await get(`/api/v1/guests?q=${encodeURIComponent(q)}`)).total as number;
  const bookingTotal = async () => {
    let n = 0;
    let cursor: string | null = null;
    do {
      const page: { items: unknown[]; nextCursor: string | null } = await get(
        `/api/v1/bookings?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return n;
  };

  it('makes each booking as a single POST would, one profile per person, and fails the bad ones alone', async () => {
    const known = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: s.headers,
        payload: booking({ firstName: 'José', lastName: 'García López', phone: '0034612345678' }),
      })
    ).json();
    const before = await bookingTotal();
    const repeated = booking({ firstName: 'Chloé', lastName: 'Martin', email: 'chloe.martin@example.com' });
    const items = [
      repeated,
      // The same new person again, written differently: one profile.
      booking({ firstName: 'CHLOE', lastName: 'MARTIN', email: 'Chloe.Martin@example.com' }),
      // A family sharing one e-mail: two people.
      booking({ firstName: 'Anna', lastName: 'Hemm', email: 'hemm@example.com' }),
      booking({ firstName: 'Ben', lastName: 'Hemm', email: 'hemm@example.com' }),
      // Known before the batch, by phone in another format.
      booking({ firstName: 'JOSE', lastName: 'GARCIA', phone: '+34 612 345 678' }),
      // A repeat of the first booking of the batch (same source + externalRef).
      { ...repeated },
      booking({ firstName: 'Ida', lastName: 'Last' }, { roomTypeId: suiteId }),
      booking({ firstName: 'Ole', lastName: 'Late' }, { roomTypeId: suiteId }),
      booking({ firstName: 'Una', lastName: 'Known' }, { roomTypeId: 'rmt_nope' }),
      booking({ firstName: 'Pia', lastName: 'Phone', phone: '12345' }),
      booking({ guestId: 'gst_missing' }),
      booking({ guestId: known.customerId }, { guests: [{ firstName: 'Lea', lastName: 'Stay' }] }),
    ];
    const res = await send(items);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ created: number; existing: number; failed: number; results: Result[] }>();
    const r = body.results;
    expect(r.map((x) => x.status)).toEqual([
      'created',
      'created',
      'created',
      'created',
      'created',
      'existing',
      'created',
      'failed',
      'failed',
      'failed',
      'failed',
      'created',
    ]);
    expect(body).toMatchObject({ created: 7, existing: 1, failed: 4 });
    expect(r[1]!.booking!.customerId).toBe(r[0]!.booking!.customerId);
    expect(r[5]!.booking!.id).toBe(r[0]!.booking!.id);
    expect(r[2]!.booking!.customerId).not.toBe(r[3]!.booking!.customerId);
    expect(r[4]!.booking!.customerId).toBe(known.customerId);
    expect(r[11]!.booking!.customerId).toBe(known.customerId);
    expect(r[11]!.booking!.guestIds).toHaveLength(2);
    expect(r[7]!.error).toMatchObject({ code: 'sold_out', details: [{ field: 'checkIn' }] });
    expect(r[8]!.error).toMatchObject({ code: 'unknown_room_type', details: [{ field: 'roomTypeId' }] });
    expect(r[9]!.error).toMatchObject({ code: 'invalid_phone', details: [{ field: 'customer.phone' }] });
    expect(r[10]!.error).toMatchObject({ code: 'unknown_guest', details: [{ field: 'customer.guestId' }] });

    // Nothing of the failed ones was written; the counters of the profiles are right.
    expect(await bookingTotal()).toBe(before + 7);
    expect(await profilesWith('Ole Late')).toBe(0);
    expect(await profilesWith('Pia Phone')).toBe(0);
    expect(await profilesWith('chloe.martin@example.com')).toBe(1);
    const chloe = await get(`/api/v1/guests/${r[0]!.booking!.customerId}`);
    expect(chloe).toMatchObject({ bookingCount: 2, revenue: 400, source: 'booking' });
    expect((await get(`/api/v1/guests/${known.customerId}`)).bookingCount).toBe(3);
    const identity = await get(`/api/v1/guests/${r[1]!.booking!.customerId}/identity`);
    expect(identity.decisions.map((d: { outcome: string }) => d.outcome).sort()).toEqual(['created', 'matched']);

    // The same batch again: every booking is already there; nothing new.
    const again = (await send(items)).json<{ existing: number; results: Result[] }>();
    expect(again.existing).toBe(8);
    expect(again.results.map((x) => x.booking?.id ?? x.status)).toEqual(r.map((x) => x.booking?.id ?? 'failed'));
    expect(await bookingTotal()).toBe(before + 7);
  });

  it('refuses a malformed batch whole, naming the booking and field, and writes nothing', async () => {
    const before = await bookingTotal();
    const bad = await send([
      booking({ firstName: 'Nora', lastName: 'Fine' }),
      booking({ firstName: 'Nils', lastName: 'Bad' }, { checkIn: '2028-06-05', checkOut: '2028-06-01' }),
    ]);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('bookings.1.checkOut');
    const negative = await send([booking({ firstName: 'Nils', lastName: 'Bad' }, { total: -5 })]);
    expect(negative.statusCode).toBe(400);
    expect(JSON.stringify(negative.json().error.details)).toContain('bookings.0.total');
    const tooMany = await send(Array.from({ length: 501 }, () => booking({ firstName: 'X', lastName: 'Y' })));
    expect(tooMany.statusCode).toBe(400);
    expect((await send([])).statusCode).toBe(400);
    expect(await bookingTotal()).toBe(before);
    expect(await profilesWith('Nora Fine')).toBe(0);
  });

  it('makes one profile per person when batches naming the same new people arrive at once', async () => {
    const people = Array.from({ length: 10 }, (_, k) => ({
      firstName: `Paral${String.fromCharCode(97 + k)}`,
      lastName: 'Lelo',
      email: `parallel.${k}@example.com`,
    }));
    // Each batch also brings a person of its own whose key sorts first: the batches share the
    // others' identity locks only if every key of a batch is locked, not just its first.
    const batches = Array.from({ length: 5 }, (_, b) => [
      booking({ firstName: 'Own', lastName: `Person${b}`, email: `a.first.${b}@example.com` }),
      ...people.map((p) => booking(p)),
    ]);
    const responses = await Promise.all(batches.map(send));
    for (const res of responses) expect(res.json().created).toBe(11);
    for (const [k] of people.entries()) expect(await profilesWith(`parallel.${k}@example.com`)).toBe(1);
    const ids = new Set(
      responses.flatMap((res) =>
        res
          .json()
          .results.slice(1)
          .map((x: Result) => x.booking!.customerId),
      ),
    );
    expect(ids.size).toBe(10);
    for (const id of ids) expect((await get(`/api/v1/guests/${id}`)).bookingCount).toBe(5);
  });

  it('makes one profile for a new person booked at once under an e-mail + phone and under the phone alone', async () => {
    const both = { firstName: 'Keys', lastName: 'Twice', email: 'keys.twice@example.com', phone: '+34 699 111 222' };
    const phoneOnly = { firstName: 'Keys', lastName: 'Twice', phone: '699111222' };
    const singles = Array.from({ length: 20 }, (_, k) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: s.headers,
        payload: booking(k % 2 ? phoneOnly : both),
      }),
    );
    for (const res of await Promise.all(singles)) expect(res.statusCode).toBe(201);
    expect(await profilesWith('Keys Twice')).toBe(1);
  });

  it('sells the last rooms once to batches and single bookings racing for them, and makes no profile for the rest', async () => {
    const { roomTypeId: lastRooms } = await t.addRoomType(s, {
      name: 'Three left',
      capacity: 2,
      nightlyPrice: 90,
      roomCount: 3,
    });
    const stay = { roomTypeId: lastRooms, checkIn: '2028-09-01', checkOut: '2028-09-03' };
    const racer = (k: number) => ({
      firstName: `Racer${String.fromCharCode(97 + k)}`,
      lastName: 'Lastroom',
      email: `racer.${k}@example.com`,
    });
    const batches = Array.from({ length: 4 }, (_, b) =>
      send([booking(racer(2 * b), stay), booking(racer(2 * b + 1), stay)]),
    );
    const singles = Array.from({ length: 6 }, (_, k) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: s.headers,
        payload: booking(racer(10 + k), stay),
      }),
    );
    const [batchResults, singleResults] = await Promise.all([Promise.all(batches), Promise.all(singles)]);
    for (const res of [...batchResults, ...singleResults]) expect(res.statusCode).toBeLessThan(500);
    const made =
      batchResults.reduce((n, res) => n + (res.json().created as number), 0) +
      singleResults.filter((res) => res.statusCode === 201).length;
    expect(made).toBe(3);
    const soldOut = [
      ...batchResults.flatMap((res) => res.json().results.filter((r: Result) => r.error?.code === 'sold_out')),
      ...singleResults.filter((res) => res.statusCode === 409 && res.json().error.code === 'sold_out'),
    ];
    expect(soldOut).toHaveLength(14 - 3);
    // Only the people who got a room have a profile.
    expect(await profilesWith('Lastroom')).toBe(3);
  });

  it('flags a booking of a blocked guest at once', async () => {
    const first = (await send([booking({ firstName: 'Bea', lastName: 'Blocked', email: 'bea@example.com' })])).json();
    const id = first.results[0].booking.customerId as string;
    const blocked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/guests/${id}/block`,
      headers: s.headers,
      payload: { reason: 'chargebacks' },
    });
    expect(blocked.statusCode).toBeLessThan(300);
    const next = (await send([booking({ firstName: 'Bea', lastName: 'Blocked', email: 'bea@example.com' })])).json();
    expect(next.results[0].booking).toMatchObject({ customerId: id, blockedGuest: true });
    const flagged = await get('/api/v1/bookings/flagged');
    expect(flagged.items.map((b: { id: string }) => b.id)).toContain(next.results[0].booking.id);
  });
});
