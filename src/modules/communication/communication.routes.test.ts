import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { issueFormToken } from './form-token.ts';
import { tokenOfAddress } from './reply-address.ts';

interface Thread {
  id: string;
  subject: string;
  status: string;
  waitingForReply: boolean;
  guestId: string | null;
  bookingId: string | null;
  hotelContactId: string | null;
  assigneeId: string | null;
  contactEmail: string | null;
  messageCount: number;
  messages: { id: string; direction: string; body: string; emailMessageId: string | null }[];
}

const SITE = 'book.hotel.test';

/** Issue 16 (M-2, M-3): hotel contacts, the public contact form, the inbox and replies. */
describe(`hotel contacts, contact form and threads (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let reception: Session;
  let receptionId: string;
  let reservations: string;
  let events: string;
  let ip = 0;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    // The site's host name: the organisation of an anonymous request (other organisations are added below).
    await t.database.system.insertInto('siteHost').values({ orgId: t.orgId, host: SITE }).execute();
    const r = await t.addStaff('reception');
    reception = await t.login(r.email, r.password);
    const staff = await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: { cookie: owner.cookie } });
    receptionId = staff.json<{ items: { id: string; email: string }[] }>().items.find((s) => s.email === r.email)!.id;
    reservations = (
      await createContact({
        name: { en: 'Reservations', es: 'Reservas', fr: 'Réservations' },
        email: 'reservations@hotel.test',
        staffIds: [receptionId],
      })
    ).id;
    events = (await createContact({ name: 'Events', email: 'events@hotel.test' })).id;
  });
  afterAll(() => t.close());

  async function createContact(payload: Record<string, unknown>) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/hotel-contacts', headers: owner.headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; name: string; names: Record<string, string> }>();
  }
  const write = (payload: Record<string, unknown>, remoteAddress = `198.51.100.${++ip % 250}`) =>
    t.app.inject({ method: 'POST', url: '/api/v1/public/contact', headers: { host: SITE }, payload, remoteAddress });
  let n = 0;
  const form = (extra: Record<string, unknown> = {}) => ({
    hotelContactId: reservations,
    firstName: 'Lucía',
    lastName: `Fernández${++n}`,
    email: `lucia${n}@example.org`,
    subject: 'Late arrival',
    message: 'We will arrive around midnight. Is that all right?',
    ...extra,
  });
  const get = async <T>(url: string, session: Session = owner) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const threadsOf = (query: string, session: Session = owner) =>
    get<{ items: Thread[]; total: number; nextCursor: string | null }>(`/api/v1/threads?${query}`, session);

  describe('hotel contacts', () => {
    it('names a contact per language and lists it in the order given', async () => {
      const es = await get<{ items: { id: string; name: string }[] }>('/api/v1/hotel-contacts?lang=es');
      expect(es.items.map((c) => c.name)).toEqual(['Reservas', 'Events']);
      const fr = await get<{ id: string; name: string; staffIds: string[] }>(
        `/api/v1/hotel-contacts/${reservations}?lang=fr`,
      );
      expect(fr).toMatchObject({ name: 'Réservations', staffIds: [receptionId] });
    });

    it('edits and deletes a contact; refuses one with threads, unknown staff or another org’s property', async () => {
      const c = await createContact({ name: 'Manager', email: 'manager@hotel.test', description: 'For complaints' });
      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/hotel-contacts/${c.id}`,
        headers: owner.headers,
        payload: { name: { en: 'General manager', es: 'Dirección' } },
      });
      expect(patched.json()).toMatchObject({
        names: { en: 'General manager', es: 'Dirección', fr: 'General manager' },
      });
      const badStaff = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/hotel-contacts/${c.id}`,
        headers: owner.headers,
        payload: { staffIds: ['stf_nobody'] },
      });
      expect(badStaff.statusCode).toBe(400);
      expect(badStaff.json().error).toMatchObject({ code: 'unknown_staff', details: [{ field: 'staffIds.0' }] });
      const other = await t.createOrg('Other hotel');
      const otherProperty = await t.database.system
        .selectFrom('property')
        .select('id')
        .where('orgId', '=', other.orgId)
        .executeTakeFirstOrThrow();
      const foreign = await t.app.inject({
        method: 'POST',
        url: '/api/v1/hotel-contacts',
        headers: owner.headers,
        payload: { name: 'X', email: 'x@hotel.test', propertyId: otherProperty.id },
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().error.code).toBe('unknown_property');
      const del = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/hotel-contacts/${c.id}`,
        headers: owner.headers,
      });
      expect(del.statusCode).toBe(204);

      expect((await write(form({ hotelContactId: events }))).statusCode).toBe(201);
      const inUse = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/hotel-contacts/${events}`,
        headers: owner.headers,
      });
      expect(inUse.statusCode).toBe(409);
      expect(inUse.json().error.code).toBe('hotel_contact_in_use');
    });

    it('needs settings:write to manage contacts and threads:read to list them; other orgs see none', async () => {
      const denied = await t.app.inject({
        method: 'POST',
        url: '/api/v1/hotel-contacts',
        headers: reception.headers,
        payload: { name: 'Sneaky', email: 's@hotel.test' },
      });
      expect(denied.statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/hotel-contacts' })).statusCode).toBe(401);
      const other = await t.createOrg('Third hotel');
      const otherOwner = await t.login(other.email, other.password);
      expect((await get<{ items: unknown[] }>('/api/v1/hotel-contacts', otherOwner)).items).toEqual([]);
      const peek = await t.app.inject({
        method: 'GET',
        url: `/api/v1/hotel-contacts/${reservations}`,
        headers: { cookie: otherOwner.cookie },
      });
      expect(peek.statusCode).toBe(404);
      const edit = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/hotel-contacts/${reservations}`,
        headers: otherOwner.headers,
        payload: { name: 'Mine now' },
      });
      expect(edit.statusCode).toBe(404);
    });

    it('refuses hostile input with 4xx', async () => {
      for (const payload of [
        { name: '', email: 'a@hotel.test' },
        { name: 'A', email: 'not-an-email' },
        { name: 'x'.repeat(101), email: 'a@hotel.test' },
        { name: 'Line\nbreak', email: 'a@hotel.test' },
        { name: { es: 'Sin inglés' }, email: 'a@hotel.test' },
        { name: 'A', email: 'a@hotel.test', staffIds: Array(201).fill('stf_x') },
        { name: 'A', email: 'a@hotel.test', extra: true },
        { name: 'A\u0000', email: 'a@hotel.test' },
      ]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/hotel-contacts',
          headers: owner.headers,
          payload,
        });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      }
      const longId = await t.app.inject({
        method: 'GET',
        url: `/api/v1/hotel-contacts/${'x'.repeat(500)}`,
        headers: { cookie: owner.cookie },
      });
      expect(longId.statusCode).toBeGreaterThanOrEqual(400);
      expect(longId.statusCode).toBeLessThan(500);
    });
  });

  describe('public contact form', () => {
    it('opens a thread waiting for a reply, with the sender resolved to a profile', async () => {
      const res = await write(form({ email: 'marc.dupont@example.org', firstName: 'Marc', lastName: 'Dupont' }));
      expect(res.statusCode, res.body).toBe(201);
      const { threadId } = res.json<{ threadId: string }>();
      const thread = await get<Thread>(`/api/v1/threads/${threadId}`);
      expect(thread).toMatchObject({
        subject: 'Late arrival',
        status: 'open',
        waitingForReply: true,
        hotelContactId: reservations,
        contactEmail: 'marc.dupont@example.org',
        messageCount: 1,
      });
      expect(thread.messages).toMatchObject([{ direction: 'in', body: form().message }]);
      // The contact's notification address is told, with a link to the thread.
      const alert = await t.database.system
        .selectFrom('emailMessage')
        .selectAll()
        .where('event', '=', 'thread.staff_alert')
        .where('bodyText', 'like', `%${threadId}%`)
        .executeTakeFirstOrThrow();
      expect(alert).toMatchObject({
        toAddress: 'reservations@hotel.test',
        subject: 'New message for Reservations: Late arrival',
      });
      expect(alert.bodyText).toContain('Marc Dupont wrote to Reservations');
      const guest = await get<{ firstName: string; email: string }>(`/api/v1/guests/${thread.guestId}`);
      expect(guest).toMatchObject({ firstName: 'Marc', email: 'marc.dupont@example.org' });

      // The same person writing again lands on the same profile (identity resolver, I-1).
      const again = await write(form({ email: 'MARC.DUPONT@example.org', firstName: 'Marc', lastName: 'Dupont' }));
      const second = await get<Thread>(`/api/v1/threads/${again.json().threadId}`);
      expect(second.guestId).toBe(thread.guestId);
    });

    it('links a booking only when it is the sender’s own', async () => {
      const { roomTypeId } = await t.addRoomType(owner, {
        name: 'Form room',
        capacity: 2,
        nightlyPrice: 90,
        roomCount: 5,
      });
      const booking = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: owner.headers,
        payload: {
          roomTypeId,
          checkIn: '2028-03-01',
          checkOut: '2028-03-03',
          customer: { firstName: 'Ana', lastName: 'Booker', email: 'ana.booker@example.org' },
        },
      });
      const reference = booking.json<{ reference: string }>().reference;
      const own = await write(
        form({ firstName: 'Ana', lastName: 'Booker', email: 'ana.booker@example.org', bookingReference: reference }),
      );
      expect((await get<Thread>(`/api/v1/threads/${own.json().threadId}`)).bookingId).toBe(booking.json().id);
      const stranger = await write(form({ bookingReference: reference }));
      const strangers = await get<Thread>(`/api/v1/threads/${stranger.json().threadId}`);
      expect(strangers.bookingId).toBeNull();
      expect(strangers.messages[0]?.body).toContain(`[Booking reference: ${reference}]`);
      // Searching the inbox by booking reference finds the linked thread (and the message naming it).
      const found = await threadsOf(`q=${reference}`);
      expect(found.items.map((x) => x.id).sort()).toEqual([own.json().threadId, stranger.json().threadId].sort());
    });

    it('answers robots like a success and stores nothing: honeypot, form sent too fast', async () => {
      const count = async () =>
        Number(
          (
            await t.database.system
              .selectFrom('thread')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const bot = await write(form({ website: 'http://spam.example' }));
      expect(bot.statusCode).toBe(201);
      expect(bot.json().threadId).toMatch(/^thr_/);
      const fast = await write(form({ formToken: issueFormToken(t.orgId) }));
      expect(fast.statusCode).toBe(201);
      expect(await count()).toBe(before);
      const missing = await t.app.inject({
        method: 'GET',
        url: `/api/v1/threads/${bot.json().threadId}`,
        headers: { cookie: owner.cookie },
      });
      expect(missing.statusCode).toBe(404);
      // A person who took their time passes.
      const human = await write(form({ formToken: issueFormToken(t.orgId, Date.now() - 10_000) }));
      expect(human.statusCode).toBe(201);
      expect(await count()).toBe(before + 1);
      // A forged or foreign token is refused.
      const forged = await write(form({ formToken: `${Date.now() - 10_000}.${'A'.repeat(43)}` }));
      expect(forged.statusCode).toBe(400);
      expect(forged.json().error.code).toBe('form_expired');
      const foreign = await write(form({ formToken: issueFormToken('org_other', Date.now() - 10_000) }));
      expect(foreign.statusCode).toBe(400);
    });

    it('serves the form: contacts in the language asked and a token', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/public/contact/form?lang=es',
        headers: { host: SITE },
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ formToken: string; contacts: Record<string, unknown>[] }>();
      expect(body.contacts.map((c) => c.name)).toContain('Reservas');
      expect(body.contacts[0]).not.toHaveProperty('email');
      expect(body.contacts[0]).not.toHaveProperty('staffIds');
      expect(body.formToken).toMatch(/^\d{13}\./);
    });

    it('limits messages per IP and per e-mail (429)', async () => {
      const address = '203.0.113.77';
      const answers = [];
      for (let i = 0; i < 11; i++) answers.push((await write(form(), address)).statusCode);
      expect(answers.slice(0, 10).every((s) => s === 201)).toBe(true);
      expect(answers[10]).toBe(429);
      const email = 'often@example.org';
      const byEmail = [];
      for (let i = 0; i < 6; i++) byEmail.push((await write(form({ email }))).statusCode);
      expect(byEmail).toEqual([201, 201, 201, 201, 201, 429]);
      const limited = await write(form({ email }));
      expect(limited.json().error.code).toBe('too_many_messages');
      expect(limited.headers['retry-after']).toBeDefined();
    });

    it('refuses hostile input with 4xx and never 5xx', async () => {
      for (const extra of [
        { hotelContactId: 'hct_unknown' },
        { hotelContactId: 'x'.repeat(65) },
        { email: 'nope' },
        { firstName: '' },
        { message: '   ' },
        { message: 'x'.repeat(20_001) },
        { subject: 'two\nlines' },
        { message: 'bell\u0007' },
        { phone: 'abc' },
        { phone: '1'.repeat(41) },
        { unknownField: 1 },
        { formToken: 'garbage' },
        { message: 'nul\u0000' },
      ]) {
        const res = await write(form(extra));
        expect(res.statusCode, JSON.stringify(extra)).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, JSON.stringify(extra)).toBeLessThan(500);
      }
      const other = await t.createOrg('Fourth hotel');
      const theirs = await t.database
        .forOrg(other.orgId)
        .insertInto('hotelContact')
        .values({
          orgId: other.orgId,
          id: 'hct_theirs',
          names: JSON.stringify({ en: 'Theirs' }),
          email: 'x@other.test',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const foreign = await write(form({ hotelContactId: theirs.id }));
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().error.code).toBe('unknown_hotel_contact');
    });
  });

  describe('threads', () => {
    let threadId: string;
    beforeAll(async () => {
      const res = await write(
        form({ firstName: 'Greta', lastName: 'Lindqvist', email: 'greta@example.org', language: 'es' }),
      );
      threadId = res.json().threadId;
    });

    it('e-mails a reply to the guest with the thread’s reply address; a note is never e-mailed', async () => {
      const reply = await t.app.inject({
        method: 'POST',
        url: `/api/v1/threads/${threadId}/messages`,
        headers: reception.headers,
        payload: { body: 'Of course, the night desk will have your key.' },
      });
      expect(reply.statusCode, reply.body).toBe(201);
      expect(reply.json()).toMatchObject({ direction: 'out', emailMessageId: expect.stringMatching(/^eml_/) });
      const email = await t.database.system
        .selectFrom('emailMessage')
        .selectAll()
        .where('id', '=', reply.json().emailMessageId)
        .executeTakeFirstOrThrow();
      expect(email).toMatchObject({ event: 'thread.reply', toAddress: 'greta@example.org', language: 'es' });
      expect(email.subject).toBe('Re: Late arrival');
      expect(email.bodyText).toContain('Of course, the night desk will have your key.');
      expect(email.bodyText).toContain('Reservas');
      const stored = await t.database.system
        .selectFrom('thread')
        .select('replyToken')
        .where('id', '=', threadId)
        .executeTakeFirstOrThrow();
      expect(tokenOfAddress(email.replyTo ?? '')).toBe(stored.replyToken);

      const note = await t.app.inject({
        method: 'POST',
        url: `/api/v1/threads/${threadId}/messages`,
        headers: reception.headers,
        payload: { body: 'Guest sounded tired on the phone.', internal: true },
      });
      expect(note.json()).toMatchObject({ direction: 'note', emailMessageId: null });
      const mails = await t.database.system
        .selectFrom('emailMessage')
        .select('bodyText')
        .where('toAddress', '=', 'greta@example.org')
        .execute();
      expect(mails).toHaveLength(1);

      const thread = await get<Thread>(`/api/v1/threads/${threadId}`);
      expect(thread).toMatchObject({ status: 'waiting_for_guest', waitingForReply: false, messageCount: 3 });
      expect(thread.messages.map((m) => m.direction)).toEqual(['in', 'out', 'note']);
    });

    it('assigns, tags, prioritises and closes; filters the inbox', async () => {
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/threads/${threadId}`,
        headers: reception.headers,
        payload: { assigneeId: receptionId, tags: ['vip', 'late'], priority: 'high', status: 'closed' },
      });
      expect(patch.statusCode, patch.body).toBe(200);
      expect(patch.json()).toMatchObject({ assigneeId: receptionId, tags: ['vip', 'late'], status: 'closed' });
      expect((await threadsOf(`assigneeId=${receptionId}`)).items.map((x) => x.id)).toEqual([threadId]);
      expect((await threadsOf('status=closed')).items.map((x) => x.id)).toEqual([threadId]);
      expect((await threadsOf('assigneeId=none')).items.map((x) => x.id)).not.toContain(threadId);
      expect((await threadsOf('q=greta')).items.map((x) => x.id)).toContain(threadId);
      expect((await threadsOf('q=night%20desk')).items.map((x) => x.id)).toEqual([threadId]);
      const guestId = (await get<Thread>(`/api/v1/threads/${threadId}`)).guestId;
      expect((await threadsOf(`guestId=${guestId}`)).items.map((x) => x.id)).toEqual([threadId]);
      for (const payload of [
        { assigneeId: 'stf_nobody' },
        { bookingId: 'bkg_nobody' },
        { status: 'deleted' },
        {},
        { tags: Array(21).fill('x') },
      ]) {
        const bad = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/threads/${threadId}`,
          headers: reception.headers,
          payload,
        });
        expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      }
    });

    it('pages the inbox with a cursor and counts the total', async () => {
      const first = await threadsOf('limit=2');
      expect(first.items).toHaveLength(2);
      expect(first.total).toBeGreaterThan(3);
      const seen = new Set(first.items.map((x) => x.id));
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await threadsOf(`limit=2&cursor=${encodeURIComponent(cursor)}`);
        for (const x of page.items) {
          expect(seen.has(x.id)).toBe(false);
          seen.add(x.id);
        }
        cursor = page.nextCursor;
      }
      expect(seen.size).toBe(first.total);
      const bad = await t.app.inject({
        method: 'GET',
        url: '/api/v1/threads?cursor=notacursor',
        headers: { cookie: owner.cookie },
      });
      expect(bad.statusCode).toBe(400);
    });

    it('shows staff only the threads of the contacts that list them; owners see all', async () => {
      const eventsThread = (await write(form({ hotelContactId: events }))).json().threadId as string;
      const mine = await threadsOf('limit=200', reception);
      expect(mine.items.every((x) => x.hotelContactId === reservations)).toBe(true);
      expect(mine.items.map((x) => x.id)).not.toContain(eventsThread);
      expect((await threadsOf(`hotelContactId=${events}`, reception)).total).toBe(0);
      for (const [method, url, payload] of [
        ['GET', `/api/v1/threads/${eventsThread}`, undefined],
        ['PATCH', `/api/v1/threads/${eventsThread}`, { status: 'closed' }],
        ['POST', `/api/v1/threads/${eventsThread}/messages`, { body: 'peek', internal: true }],
      ] as const) {
        const res = await t.app.inject({ method, url, headers: reception.headers, ...(payload ? { payload } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
      expect((await threadsOf(`hotelContactId=${events}`)).items.map((x) => x.id)).toContain(eventsThread);
    });

    it('keeps other organisations’ threads out of reach, and needs the threads scopes', async () => {
      const other = await t.createOrg('Fifth hotel');
      const otherOwner = await t.login(other.email, other.password);
      expect((await threadsOf('', otherOwner)).total).toBe(0);
      for (const [method, url, payload] of [
        ['GET', `/api/v1/threads/${threadId}`, undefined],
        ['PATCH', `/api/v1/threads/${threadId}`, { status: 'open' }],
        ['POST', `/api/v1/threads/${threadId}/messages`, { body: 'hello' }],
      ] as const) {
        const res = await t.app.inject({ method, url, headers: otherOwner.headers, ...(payload ? { payload } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
      const key = async (scopes: string[]) =>
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/api-keys',
            headers: owner.headers,
            payload: { name: 'Helpdesk', scopes },
          })
        ).json<{ secret: string }>().secret;
      const guestsOnly = { authorization: `Bearer ${await key(['guests:read'])}` };
      const readOnly = { authorization: `Bearer ${await key(['threads:read'])}` };
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/threads', headers: guestsOnly })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/threads', headers: readOnly })).statusCode).toBe(200);
      const write403 = await t.app.inject({
        method: 'POST',
        url: `/api/v1/threads/${threadId}/messages`,
        headers: readOnly,
        payload: { body: 'hi' },
      });
      expect(write403.statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/threads' })).statusCode).toBe(401);
    });

    it('refuses hostile replies and filters with 4xx', async () => {
      for (const payload of [
        { body: '' },
        { body: ' \n ' },
        { body: 'x'.repeat(20_001) },
        { body: 'a', internal: 'yes' },
      ]) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/v1/threads/${threadId}/messages`,
          headers: owner.headers,
          payload,
        });
        expect(res.statusCode, JSON.stringify(payload).slice(0, 50)).toBe(400);
      }
      for (const query of ['status=gone', 'waitingForReply=maybe', 'limit=0', 'limit=9999', `q=${'x'.repeat(201)}`]) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/v1/threads?${query}`,
          headers: { cookie: owner.cookie },
        });
        expect(res.statusCode, query).toBe(400);
      }
      // Searching by e-mail needs personal-data:read (reception has it not).
      const byEmail = await t.app.inject({
        method: 'GET',
        url: '/api/v1/threads?q=greta@example.org',
        headers: { cookie: reception.cookie },
      });
      expect(byEmail.statusCode).toBe(403);
      const masked = await threadsOf('limit=1', reception);
      expect(masked.items[0]?.contactEmail).toMatch(/•/);
      // A thread without any e-mail address cannot be replied to by e-mail (409), only noted.
      const silent = (await write(form())).json().threadId as string;
      await t.database.system
        .updateTable('thread')
        .set({ contactEmail: null, guestId: null })
        .where('id', '=', silent)
        .execute();
      const noEmail = await t.app.inject({
        method: 'POST',
        url: `/api/v1/threads/${silent}/messages`,
        headers: owner.headers,
        payload: { body: 'hello' },
      });
      expect(noEmail.statusCode).toBe(409);
      expect(noEmail.json().error.code).toBe('thread_without_email');
    });
  });
  describe('merges', () => {
    it('moves the merged profile’s threads to the survivor, and back on undo', async () => {
      const first = await write(form({ firstName: 'Pau', lastName: 'Serra', email: 'pau.one@example.org' }));
      const second = await write(form({ firstName: 'Joan', lastName: 'Vidal', email: 'joan.two@example.org' }));
      const [a, b] = await Promise.all(
        [first, second].map(async (r) => (await get<Thread>(`/api/v1/threads/${r.json().threadId}`)).guestId!),
      );
      const merged = await t.app.inject({
        method: 'POST',
        url: '/api/v1/guests/merge',
        headers: owner.headers,
        payload: { guestIds: [a, b], survivorId: a },
      });
      expect(merged.statusCode, merged.body).toBe(201);
      expect((await threadsOf(`guestId=${a}`)).total).toBe(2);
      expect((await threadsOf(`guestId=${b}`)).total).toBe(0);
      const undo = await t.app.inject({
        method: 'POST',
        url: `/api/v1/merges/${merged.json().merge.id}/undo`,
        headers: owner.headers,
      });
      expect(undo.statusCode, undo.body).toBe(200);
      expect((await threadsOf(`guestId=${a}`)).items.map((x) => x.id)).toEqual([first.json().threadId]);
      expect((await threadsOf(`guestId=${b}`)).items.map((x) => x.id)).toEqual([second.json().threadId]);
    });
  });

  describe('privacy', () => {
    it('puts the guest’s threads in their subject-access document and erases them with the guest', async () => {
      const sent = await write(
        form({
          firstName: 'Ingrid',
          lastName: 'Solberg',
          email: 'ingrid.solberg@example.org',
          message: 'Allergic to nuts',
        }),
      );
      const thread = await get<Thread>(`/api/v1/threads/${sent.json().threadId}`);
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/threads/${thread.id}/messages`,
        headers: owner.headers,
        payload: { body: 'Noted, Ingrid.', internal: true },
      });
      const doc = await get<{ sections: { threads: { id: string; messages: { body: string }[] }[] } }>(
        `/api/v1/guests/${thread.guestId}/personal-data`,
      );
      expect(doc.sections.threads.map((x) => x.id)).toEqual([thread.id]);
      expect(doc.sections.threads[0]?.messages.map((m) => m.body)).toEqual(['Allergic to nuts', 'Noted, Ingrid.']);

      const erased = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/guests/${thread.guestId}`,
        headers: owner.headers,
      });
      expect(erased.statusCode, erased.body).toBe(204);
      const gone = await t.app.inject({
        method: 'GET',
        url: `/api/v1/threads/${thread.id}`,
        headers: { cookie: owner.cookie },
      });
      expect(gone.statusCode).toBe(404);
      const left = await t.database.system
        .selectFrom('threadMessage')
        .select('id')
        .where('threadId', '=', thread.id)
        .execute();
      expect(left).toEqual([]);
    });
  });
});
