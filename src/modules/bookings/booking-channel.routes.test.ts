import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

/** Issue 14 point 6b: the channel of a connected tool's booking, and idempotency per (source, channel, externalRef). */
describe(`booking channel (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let roomTypeId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    roomTypeId = (await t.addRoomType(s, { name: 'Channel double', capacity: 2, nightlyPrice: 80, roomCount: 500 }))
      .roomTypeId;
  });
  afterAll(() => t.close());

  let n = 0;
  const booking = (extra: Record<string, unknown>) => ({
    source: 'channel_manager',
    roomTypeId,
    checkIn: '2028-06-01',
    checkOut: '2028-06-03',
    customer: { firstName: 'Guest', lastName: `Number${++n}`, email: `guest${n}@example.org` },
    ...extra,
  });
  const post = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/bookings', headers: s.headers, payload });
  const batch = (bookings: unknown[]) =>
    t.app.inject({ method: 'POST', url: '/api/v1/bookings/batch', headers: s.headers, payload: { bookings } });
  const list = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/bookings?${query}`, headers: { cookie: s.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { id: string; channel: string | null; externalRef: string | null }[] }>().items;
  };

  it('keeps two OTAs that reuse one reference apart, and answers a repeat with the first booking', async () => {
    const booking1 = await post(booking({ channel: 'booking.com', externalRef: 'R-1001' }));
    const expedia = await post(booking({ channel: 'expedia', externalRef: 'R-1001' }));
    expect(booking1.statusCode, booking1.body).toBe(201);
    expect(expedia.statusCode, expedia.body).toBe(201);
    expect(expedia.json().id).not.toBe(booking1.json().id);
    expect(booking1.json()).toMatchObject({ channel: 'booking.com', externalRef: 'R-1001' });

    const again = await post(booking({ channel: 'booking.com', externalRef: 'R-1001' }));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(booking1.json().id);
    // The channel is compared without case, after trimming.
    const cased = await post(booking({ channel: '  Booking.com ', externalRef: 'R-1001' }));
    expect(cased.statusCode).toBe(200);
    expect(cased.json().id).toBe(booking1.json().id);
  });

  it('treats a missing channel as one channel of its own', async () => {
    const first = await post(booking({ externalRef: 'R-2002' }));
    const second = await post(booking({ externalRef: 'R-2002' }));
    const withChannel = await post(booking({ externalRef: 'R-2002', channel: 'airbnb' }));
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(first.json().channel).toBeNull();
    expect(withChannel.statusCode).toBe(201);
  });

  it('keeps the same rule in a batch, against earlier bookings and within the batch', async () => {
    const res = await batch([
      booking({ channel: 'booking.com', externalRef: 'R-1001' }), // made before
      booking({ channel: 'hotels.com', externalRef: 'R-1001' }), // new channel
      booking({ channel: 'HOTELS.COM', externalRef: 'R-1001' }), // repeat within the batch
      booking({ channel: 'vrbo', externalRef: 'R-3003' }),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ results: { status: string; booking: { id: string; channel: string | null } | null }[] }>();
    expect(body.results.map((r) => r.status)).toEqual(['existing', 'created', 'existing', 'created']);
    expect(body.results[1]?.booking?.channel).toBe('hotels.com');
    expect(body.results[2]?.booking?.id).toBe(body.results[1]?.booking?.id);
  });

  it('two deliveries of one booking at the same moment make one', async () => {
    const payload = booking({ channel: 'expedia', externalRef: 'R-RACE' });
    const answers = await Promise.all([post(payload), post(payload), post(payload)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
  });

  it('filters the list by channel, without case', async () => {
    const expedia = await list('channel=EXPEDIA');
    expect(expedia.length).toBe(2);
    expect(expedia.every((b) => b.channel === 'expedia')).toBe(true);
    expect(await list('channel=nobody')).toEqual([]);
    const all = await list('limit=200');
    expect(all.filter((b) => b.channel === 'booking.com').length).toBe(1);
  });

  it('refuses hostile channels with the field named', async () => {
    for (const channel of ['', '   ', 'x'.repeat(61), 'bell\u0007here', 42]) {
      const res = await post(booking({ channel, externalRef: 'R-BAD' }));
      expect(res.statusCode, JSON.stringify(channel)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain('channel');
    }
    const nul = await post(booking({ channel: 'a\u0000b', externalRef: 'R-BAD' }));
    expect(nul.statusCode).toBe(400);
    const longFilter = await t.app.inject({
      method: 'GET',
      url: `/api/v1/bookings?channel=${'y'.repeat(500)}`,
      headers: { cookie: s.cookie },
    });
    expect(longFilter.statusCode).toBe(400);
  });
});
