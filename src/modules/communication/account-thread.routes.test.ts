import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCustomer, type CustomerLogin } from '../../../test/support/accounts.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

interface AccountThread {
  id: string;
  subject: string;
  status: string;
  hotelContactName: string | null;
  bookingId: string | null;
  bookingReference: string | null;
  waitingForHotel: boolean;
  messageCount: number;
  messages: { id: string; direction: string; body: string; authorName: string }[];
}
interface StaffThread {
  id: string;
  origin: string;
  guestId: string | null;
  bookingId: string | null;
  status: string;
  waitingForReply: boolean;
  contactEmail: string | null;
  messages: { direction: string; body: string }[];
}

const SITE = 'book.hotel.test';

/** Issue 16 point 4: the customer area's threads — own threads only, never staff notes. */
describe(`customer area threads (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let ana: CustomerLogin;
  let ben: CustomerLogin;
  let reservations: string;
  let anaThread: AccountThread;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    await t.database.system.insertInto('siteHost').values({ orgId: t.orgId, host: SITE }).execute();
    await t.addRoomType(owner, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 20 });
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotel-contacts',
      headers: owner.headers,
      payload: { name: { en: 'Reservations', es: 'Reservas', fr: 'Réservations' }, email: 'res@hotel.test' },
    });
    expect(c.statusCode, c.body).toBe(201);
    reservations = c.json<{ id: string }>().id;
    ana = await signedInCustomer(t, 'ana@example.org', { firstName: 'Ana', lastName: 'Ruiz' });
    ben = await signedInCustomer(t, 'ben@example.org', { firstName: 'Ben', lastName: 'Okafor' });
  });
  afterAll(() => t.close());

  const as = (who: CustomerLogin) => ({
    get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } }),
    post: (url: string, payload: unknown) =>
      t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object }),
  });
  const staffThread = async (id: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/threads/${id}`, headers: { cookie: owner.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<StaffThread>();
  };
  const staffWrite = async (id: string, payload: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/threads/${id}/messages`,
      headers: owner.headers,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const book = async (email: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: owner.headers,
      payload: {
        source: 'api',
        externalRef: `ACT-${email}`,
        checkIn: '2027-05-01',
        checkOut: '2027-05-03',
        roomTypeName: 'double',
        customer: { firstName: 'X', lastName: 'Y', email },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; reference: string }>();
  };

  it('lists the hotel contacts in the guest’s language', async () => {
    const res = await as(ana).get('/api/v1/account/hotel-contacts?lang=es');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: { id: string; name: string }[] }>().items).toEqual([
      expect.objectContaining({ id: reservations, name: 'Reservas' }),
    ]);
  });

  it('writes to the hotel: a thread of the account’s own profile and e-mail, waiting for a reply', async () => {
    const booking = await book('ana@example.org');
    const res = await as(ana).post('/api/v1/account/threads', {
      hotelContactId: reservations,
      subject: 'Late arrival',
      message: 'We arrive at midnight.',
      bookingId: booking.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    anaThread = res.json<AccountThread>();
    expect(anaThread).toMatchObject({
      subject: 'Late arrival',
      status: 'open',
      waitingForHotel: true,
      hotelContactName: 'Reservations',
      bookingId: booking.id,
      bookingReference: booking.reference,
      messageCount: 1,
    });
    expect(anaThread.messages).toEqual([
      expect.objectContaining({ direction: 'in', body: 'We arrive at midnight.', authorName: 'Ana Ruiz' }),
    ]);
    const staff = await staffThread(anaThread.id);
    expect(staff).toMatchObject({
      origin: 'account',
      guestId: ana.guestId,
      contactEmail: 'ana@example.org',
      waitingForReply: true,
    });
    const alert = await t.database.system
      .selectFrom('emailMessage')
      .select('id')
      .where('event', '=', 'thread.staff_alert')
      .where('toAddress', '=', 'res@hotel.test')
      .execute();
    expect(alert.length).toBe(1);
  });

  it('shows the hotel’s reply but never a staff note, and the guest’s answer waits for a reply again', async () => {
    await staffWrite(anaThread.id, { body: 'Internal: VIP, upgrade quietly', internal: true });
    await staffWrite(anaThread.id, { body: 'No problem, the night desk is open.' });
    expect(await staffThread(anaThread.id)).toMatchObject({ status: 'waiting_for_guest', waitingForReply: false });

    const res = await as(ana).get(`/api/v1/account/threads/${anaThread.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const seen = res.json<AccountThread>();
    expect(seen.messages.map((m) => [m.direction, m.body])).toEqual([
      ['in', 'We arrive at midnight.'],
      ['out', 'No problem, the night desk is open.'],
    ]);
    expect(res.body).not.toContain('VIP');
    expect(seen).toMatchObject({ messageCount: 2, waitingForHotel: false, status: 'waiting_for_guest' });

    const answer = await as(ana).post(`/api/v1/account/threads/${anaThread.id}/messages`, { body: 'Thank you!' });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json()).toMatchObject({ direction: 'in', body: 'Thank you!' });
    const staff = await staffThread(anaThread.id);
    expect(staff).toMatchObject({ status: 'open', waitingForReply: true });
    expect(staff.messages.map((m) => m.direction)).toEqual(['in', 'note', 'out', 'in']);

    const list = await as(ana).get('/api/v1/account/threads');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ items: AccountThread[] }>().items).toEqual([
      expect.objectContaining({ id: anaThread.id, messageCount: 3, waitingForHotel: true }),
    ]);
    expect(list.body).not.toContain('VIP');
  });

  it('answers 404 for another customer’s thread, to read or to answer', async () => {
    expect((await as(ben).get(`/api/v1/account/threads/${anaThread.id}`)).statusCode).toBe(404);
    const answer = await as(ben).post(`/api/v1/account/threads/${anaThread.id}/messages`, { body: 'Hijack' });
    expect(answer.statusCode, answer.body).toBe(404);
    expect(answer.json().error.code).toBe('thread_not_found');
    expect((await as(ben).get('/api/v1/account/threads')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await staffThread(anaThread.id)).messages.map((m) => m.body)).not.toContain('Hijack');
  });

  it('counts a thread sent from the verified e-mail, never one tied to the profile by identity resolution', async () => {
    const site = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/public/contact',
        headers: { host: SITE },
        payload: { hotelContactId: reservations, subject: 'Parking', message: 'Is there parking?', ...payload },
      });
    const fromEmail = await site({ firstName: 'Ben', lastName: 'Okafor', email: 'BEN@example.org' });
    expect(fromEmail.statusCode, fromEmail.body).toBe(201);
    const stranger = await site({ firstName: 'Ben', lastName: 'Okafor', email: 'someone.else@example.org' });
    expect(stranger.statusCode, stranger.body).toBe(201);
    const strangerId = stranger.json<{ threadId: string }>().threadId;
    // Staff (or the resolver) ties the stranger's thread to Ben's profile: still not Ben's to read.
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/threads/${strangerId}`,
      headers: owner.headers,
      payload: { guestId: ben.guestId },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const list = await as(ben).get('/api/v1/account/threads');
    expect(list.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([
      fromEmail.json<{ threadId: string }>().threadId,
    ]);
    expect((await as(ben).get(`/api/v1/account/threads/${strangerId}`)).statusCode).toBe(404);
  });

  it('refuses hostile and wrong input with 4xx', async () => {
    const ok = { hotelContactId: reservations, subject: 'Hi', message: 'Hello' };
    const cases: [unknown, string, number][] = [
      [{ ...ok, message: 'a\u0000b' }, '/api/v1/account/threads', 400],
      [{ ...ok, subject: 'x'.repeat(10_000) }, '/api/v1/account/threads', 400],
      [{ ...ok, message: 'x'.repeat(20_001) }, '/api/v1/account/threads', 400],
      [{ ...ok, message: '   ' }, '/api/v1/account/threads', 400],
      [{ ...ok, extra: 1 }, '/api/v1/account/threads', 400],
      [{ ...ok, hotelContactId: 'hc_nope' }, '/api/v1/account/threads', 400],
      [{ ...ok, hotelContactId: 'x'.repeat(500) }, '/api/v1/account/threads', 400],
      [{ ...ok, bookingId: 'bkg_\u0000' }, '/api/v1/account/threads', 400],
      [{ body: 'a\u0000' }, `/api/v1/account/threads/${anaThread.id}/messages`, 400],
      [{ body: 'fine' }, `/api/v1/account/threads/${'x'.repeat(65)}/messages`, 400],
      [{ body: 'fine' }, '/api/v1/account/threads/thr_unknown/messages', 404],
      [[1, 2], `/api/v1/account/threads/${anaThread.id}/messages`, 400],
    ];
    for (const [payload, url, status] of cases) {
      const res = await as(ana).post(url, payload);
      expect(res.statusCode, `${url} ${JSON.stringify(payload).slice(0, 80)}: ${res.body}`).toBe(status);
      expect(res.json().error.code).toBeTruthy();
    }
    // Someone else's booking cannot be linked.
    const bens = await book('ben@example.org');
    const other = await as(ana).post('/api/v1/account/threads', { ...ok, bookingId: bens.id });
    expect(other.statusCode, other.body).toBe(400);
    expect(other.json().error.code).toBe('unknown_booking');
    expect((await as(ana).get('/api/v1/account/threads/%00')).statusCode).toBeLessThan(500);
    expect((await as(ana).get('/api/v1/account/threads?lang=xx')).statusCode).toBe(400);
  });

  it('requires a customer session (and its CSRF token to write)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account/threads' })).statusCode).toBe(401);
    const staff = await t.app.inject({ method: 'GET', url: '/api/v1/account/threads', headers: owner.headers });
    expect(staff.statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/v1/account/threads/${anaThread.id}/messages`,
      headers: { cookie: ana.cookie },
      payload: { body: 'no token' },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});
