import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCustomer, type CustomerLogin } from '../../../test/support/accounts.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { PDF, upload } from '../../../test/support/attachments.ts';
import { engineName } from '../../../test/support/db.ts';

interface Thread {
  id: string;
  subject: string;
  writtenBy: string;
  bookingId: string | null;
  waitingForHotel: boolean;
  messageCount: number;
  messages: { direction: string; body: string; authorName: string }[];
}

/**
 * Issue 15, C-3: support contacts see the company's threads — about its bookings, or opened for it
 * from the company area — never a colleague's own threads, never staff notes, never another
 * company's.
 */
describe(`customer area: the company's threads (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let reservations: string;
  let acme: string;
  let borealis: string;
  let acmeBooking: string;
  let borealisBooking: string;
  const c: Record<string, CustomerLogin> = {};
  const threads: Record<string, string> = {};

  const as = (who: CustomerLogin | null) => ({
    get: (url: string) => t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} }),
    post: (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: who ? who.headers : {}, payload }),
  });
  const staff = async (method: 'POST' | 'GET', url: string, payload?: object, status = 201) => {
    const r = await t.app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
    expect(r.statusCode, r.body).toBe(status);
    return r.json<Record<string, string>>();
  };
  const company = (id: string) => `/api/v1/account/company/${id}/threads`;
  const subjects = async (who: CustomerLogin, id: string) => {
    const r = await as(who).get(`${company(id)}?lang=fr`);
    expect(r.statusCode, r.body).toBe(200);
    return r
      .json<{ items: Thread[] }>()
      .items.map((x) => x.subject)
      .sort();
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    await t.addRoomType(owner, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 20 });
    reservations = (
      await staff('POST', '/api/v1/hotel-contacts', {
        name: { en: 'Reservations', es: 'Reservas', fr: 'Réservations' },
        email: 'res@hotel.test',
      })
    ).id!;
    acme = (await staff('POST', '/api/v1/companies', { name: 'Acme Travel' })).id!;
    borealis = (await staff('POST', '/api/v1/companies', { name: 'Borealis Corp' })).id!;
    for (const [key, first] of [
      ['support', 'Sam'],
      ['billing', 'Bruno'],
      ['traveller', 'Tomas'],
      ['other', 'Olga'],
    ] as const)
      c[key] = await signedInCustomer(t, `${first.toLowerCase()}@contacts.example`, {
        firstName: first,
        lastName: 'Contact',
      });
    const link = (companyId: string, guestId: string, roles: string[]) =>
      staff('POST', `/api/v1/companies/${companyId}/contacts`, { guestId, roles, invite: false });
    await link(acme, c.support!.guestId, ['support']);
    await link(acme, c.billing!.guestId, ['billing']);
    await link(borealis, c.other!.guestId, ['support', 'billing']);
    const book = async (companyId: string, email: string, ref: string) =>
      (
        await staff('POST', '/api/v1/bookings', {
          source: 'api',
          externalRef: ref,
          checkIn: '2027-05-01',
          checkOut: '2027-05-03',
          roomTypeName: 'double',
          companyId,
          customer: { firstName: 'Tomas', lastName: 'Contact', email },
        })
      ).id!;
    acmeBooking = await book(acme, 'tomas@contacts.example', 'TH-1');
    borealisBooking = await book(borealis, 'olga@contacts.example', 'TH-2');
    // The traveller asks about the company booking from his own account: the company's thread.
    const write = async (who: CustomerLogin, url: string, subject: string, bookingId?: string) => {
      const r = await as(who).post(url, {
        hotelContactId: reservations,
        subject,
        message: `${subject}: message`,
        ...(bookingId ? { bookingId } : {}),
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<Thread>().id;
    };
    threads.traveller = await write(c.traveller!, '/api/v1/account/threads', 'Late arrival', acmeBooking);
    // The billing colleague's private thread (no company booking): never the company's.
    threads.private = await write(c.billing!, '/api/v1/account/threads', 'My own holidays');
    // Another company's thread, about its booking.
    threads.borealis = await write(c.other!, company(borealis), 'Borealis question', borealisBooking);
    await staff('POST', `/api/v1/threads/${threads.traveller}/messages`, { body: 'Internal: VIP', internal: true });
    await staff('POST', `/api/v1/threads/${threads.traveller}/messages`, { body: 'The night desk is open.' });
  });
  afterAll(() => t.close());

  it('support writes for the company; the list has the company’s threads only', async () => {
    const r = await as(c.support!).post(company(acme), {
      hotelContactId: reservations,
      subject: 'Invoices address',
      message: 'Please send invoices to finance@acme.example',
    });
    expect(r.statusCode, r.body).toBe(201);
    threads.support = r.json<Thread>().id;
    expect(r.json<Thread>()).toMatchObject({ writtenBy: 'Sam Contact', waitingForHotel: true, messageCount: 1 });
    expect(await subjects(c.support!, acme)).toEqual(['Invoices address', 'Late arrival']);
    expect(await subjects(c.other!, borealis)).toEqual(['Borealis question']);
    // A booking of another company cannot be named.
    const cross = await as(c.support!).post(company(acme), {
      hotelContactId: reservations,
      subject: 'x',
      message: 'y',
      bookingId: borealisBooking,
    });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().error.code).toBe('unknown_booking');
    // The staff see it as an account thread.
    const staffView = await staff('GET', `/api/v1/threads/${threads.support}`, undefined, 200);
    expect(staffView.origin).toBe('account');
  });

  it('reads a company thread without staff notes, and answers it', async () => {
    const r = await as(c.support!).get(`${company(acme)}/${threads.traveller}?lang=fr`);
    expect(r.statusCode, r.body).toBe(200);
    const thread = r.json<Thread>();
    expect(thread.writtenBy).toBe('Tomas Contact');
    expect(thread.bookingId).toBe(acmeBooking);
    expect(thread.messages.map((m) => m.body)).toEqual(['Late arrival: message', 'The night desk is open.']);
    expect(r.body).not.toContain('Internal');
    const a = await as(c.support!).post(`${company(acme)}/${threads.traveller}/messages`, { body: 'Thanks!' });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ direction: 'in', body: 'Thanks!', authorName: 'Sam Contact' });
    const staffView = await staff('GET', `/api/v1/threads/${threads.traveller}`, undefined, 200);
    expect(staffView.waitingForReply).toBe(true);
  });

  it('never a colleague’s private thread nor another company’s: 404, and 403 without the support role', async () => {
    for (const id of [threads.private!, threads.borealis!, 'thr_nope']) {
      const get = await as(c.support!).get(`${company(acme)}/${id}`);
      expect(get.statusCode, id).toBe(404);
      expect(get.body).not.toMatch(/holidays|Borealis question/);
      const post = await as(c.support!).post(`${company(acme)}/${id}/messages`, { body: 'hi' });
      expect(post.statusCode, id).toBe(404);
    }
    // Borealis' contact on Acme's path, and on Borealis' path for an Acme thread.
    expect((await as(c.other!).get(company(acme))).statusCode).toBe(404);
    expect((await as(c.other!).get(`${company(borealis)}/${threads.traveller}`)).statusCode).toBe(404);
    expect(
      (await as(c.other!).post(`${company(borealis)}/${threads.traveller}/messages`, { body: 'x' })).statusCode,
    ).toBe(404);
    // The traveller is no contact at all; the billing contact has not the support role.
    expect((await as(c.traveller!).get(company(acme))).statusCode).toBe(404);
    for (const [method, url] of [
      ['get', company(acme)],
      ['get', `${company(acme)}/${threads.traveller}`],
      ['post', company(acme)],
      ['post', `${company(acme)}/${threads.traveller}/messages`],
    ] as const) {
      const r =
        method === 'get'
          ? await as(c.billing!).get(url)
          : await as(c.billing!).post(
              url,
              url === company(acme) ? { hotelContactId: reservations, subject: 's', message: 'm' } : { body: 'x' },
            );
      expect(r.statusCode, url).toBe(403);
      expect(r.json().error.code).toBe('company_role_required');
      // Unauthenticated: 401 everywhere.
      const anon = method === 'get' ? await as(null).get(url) : await as(null).post(url, {});
      expect(anon.statusCode, url).toBe(401);
    }
  });

  it('support downloads the files of the company’s threads; nobody else does', async () => {
    const sent = await as(c.traveller!).post(`/api/v1/account/threads/${threads.traveller}/messages`, {
      body: 'The rooming list',
      attachments: [upload('rooming.pdf', PDF)],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const read = await as(c.support!).get(`${company(acme)}/${threads.traveller}`);
    const file = read
      .json<{ messages: { attachments?: { id: string; fileName: string }[] }[] }>()
      .messages.flatMap((m) => m.attachments ?? [])
      .find((a) => a.fileName === 'rooming.pdf');
    expect(file).toBeDefined();
    const url = `${company(acme)}/${threads.traveller}/attachments/${file!.id}`;
    const got = await as(c.support!).get(url);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.headers['content-disposition']).toMatch(/^attachment/);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    // Not the support contact's own thread: their own-threads address does not serve it.
    expect(
      (await as(c.support!).get(`/api/v1/account/threads/${threads.traveller}/attachments/${file!.id}`)).statusCode,
    ).toBe(404);
    expect((await as(c.billing!).get(url)).statusCode).toBe(403);
    expect((await as(c.other!).get(url)).statusCode).toBe(404);
    expect(
      (await as(c.other!).get(`${company(borealis)}/${threads.traveller}/attachments/${file!.id}`)).statusCode,
    ).toBe(404);
    expect((await as(null).get(url)).statusCode).toBe(401);
    expect((await as(c.support!).get(`${company(acme)}/${threads.private}/attachments/${file!.id}`)).statusCode).toBe(
      404,
    );
  });

  it('refuses hostile input with a 4xx in the error shape', async () => {
    const bad = [
      as(c.support!).get(`${company(acme)}?lang=xx`),
      as(c.support!).get(`${company(acme)}/${'x'.repeat(65)}`),
      as(c.support!).get(`${company(encodeURIComponent('a\u0000b'))}`),
      as(c.support!).post(`${company(acme)}/${threads.traveller}/messages`, { body: 'a\u0000b' }),
      as(c.support!).post(`${company(acme)}/${threads.traveller}/messages`, { body: 'x'.repeat(100_001) }),
      as(c.support!).post(company(acme), { hotelContactId: reservations, subject: 's', message: 'm', extra: 1 }),
      as(c.support!).post(company(acme), { hotelContactId: 'hc_nope', subject: 's', message: 'm' }),
    ];
    for (const r of await Promise.all(bad)) {
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, r.body).toBeLessThan(500);
      expect(r.json().error.code).toEqual(expect.any(String));
    }
  });
});
