import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCustomer } from '../../../test/support/accounts.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

interface Event {
  id: string;
  kind: string;
  event: string;
  at: string;
  title: string | null;
  body: string | null;
  refId: string | null;
  data: Record<string, unknown>;
}
interface Page {
  items: Event[];
  nextCursor: string | null;
}

const SITE = 'timeline.hotel.test';

/** Issue 16 point 5 (M-1): one timeline per guest over bookings, threads, mail, accounts, consent, merges, history. */
describe(`guest timeline (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let reception: Session;
  let guestId: string;
  let threadId: string;
  let hiddenThreadId: string;

  const get = (url: string, session: Session = owner) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  const ok = async <T>(url: string, session: Session = owner) => {
    const res = await get(url, session);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const send = async (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>, code = 0) => {
    const res = await t.app.inject({ method, url, headers: owner.headers, payload });
    if (code) expect(res.statusCode, res.body).toBe(code);
    else expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json<Record<string, unknown> & { id: string }>();
  };
  const all = async (query = '', session: Session = owner, limit = 3) => {
    const out: Event[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await ok<Page>(
        `/api/v1/guests/${guestId}/timeline?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        session,
      );
      expect(page.items.length).toBeLessThanOrEqual(limit);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    await t.database.system.insertInto('siteHost').values({ orgId: t.orgId, host: SITE }).execute();
    const r = await t.addStaff('reception');
    reception = await t.login(r.email, r.password);
    const staff = await ok<{ items: { id: string; email: string }[] }>('/api/v1/staff');
    const receptionId = staff.items.find((s) => s.email === r.email)!.id;
    const desk = (
      await send(
        'POST',
        '/api/v1/hotel-contacts',
        { name: 'Desk', email: 'desk@hotel.test', staffIds: [receptionId] },
        201,
      )
    ).id;
    const manager = (
      await send('POST', '/api/v1/hotel-contacts', { name: 'Manager', email: 'manager@hotel.test' }, 201)
    ).id;

    // Registration: the customer account made on the site, with its CRM profile.
    const customer = await signedInCustomer(t, 'tim.line@example.org', { firstName: 'Tim', lastName: 'Line' });
    guestId = customer.guestId;

    // A booking made, changed and cancelled.
    const { roomTypeId } = await t.addRoomType(owner, {
      name: 'Timeline double',
      capacity: 2,
      nightlyPrice: 80,
      roomCount: 5,
    });
    const booking = await send(
      'POST',
      '/api/v1/bookings',
      { roomTypeId, checkIn: '2028-03-01', checkOut: '2028-03-04', customer: { guestId } },
      201,
    );
    await send('PATCH', `/api/v1/bookings/${booking.id}`, { total: 300 }, 200);
    await send('PATCH', `/api/v1/bookings/${booking.id}`, { status: 'cancelled' }, 200);

    // Consent, a profile change.
    await send(
      'POST',
      `/api/v1/guests/${guestId}/consents`,
      { channel: 'email', purpose: 'marketing', status: 'granted' },
      201,
    );
    await send('PATCH', `/api/v1/guests/${guestId}`, { language: 'fr' }, 200);

    // Form submissions (one to a queue reception may not see), a staff reply (an e-mail) and an internal note.
    const write = async (hotelContactId: string, subject: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/contact',
        headers: { host: SITE },
        remoteAddress: `198.51.100.${subject.length}`,
        payload: {
          hotelContactId,
          firstName: 'Tim',
          lastName: 'Line',
          email: 'tim.line@example.org',
          subject,
          message: `${subject}: call me on +44 20 7946 0958 or tim.line@example.org`,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ threadId: string }>().threadId;
    };
    threadId = await write(desk, 'Late arrival');
    hiddenThreadId = await write(manager, 'Complaint');
    const thread = await ok<{ guestId: string }>(`/api/v1/threads/${threadId}`);
    if (thread.guestId !== guestId) {
      // The resolver made a new profile: bring it into the account's profile (a merge event).
      await send('POST', '/api/v1/guests/merge', { guestIds: [guestId, thread.guestId], survivorId: guestId }, 201);
    }
    await send('POST', `/api/v1/threads/${threadId}/messages`, { body: 'Of course, the night porter will wait.' }, 201);
    await send('POST', `/api/v1/threads/${threadId}/messages`, { body: 'VIP', internal: true }, 201);

    // A merge of a duplicate profile into the guest.
    const dup = await send('POST', '/api/v1/guests', { firstName: 'Tim', lastName: 'Lyne' }, 201);
    await send('POST', '/api/v1/guests/merge', { guestIds: [guestId, dup.id], survivorId: guestId }, 201);
  });
  afterAll(() => t.close());

  it('shows every kind of event, newest first, without gaps or duplicates across pages', async () => {
    const whole = await ok<Page>(`/api/v1/guests/${guestId}/timeline?limit=200`);
    expect(whole.nextCursor).toBeNull();
    const kinds = new Set(whole.items.map((e) => e.kind));
    for (const k of ['booking', 'message', 'email', 'form', 'registration', 'consent', 'merge', 'change'])
      expect(kinds, k).toContain(k);
    const bookingEvents = whole.items.filter((e) => e.kind === 'booking').map((e) => e.event);
    expect(bookingEvents).toEqual(expect.arrayContaining(['made', 'changed', 'cancelled']));
    expect(bookingEvents[bookingEvents.length - 1]).toBe('made');
    const directions = whole.items.filter((e) => e.kind === 'message').map((e) => e.event);
    expect(directions).toEqual(expect.arrayContaining(['in', 'out', 'note']));
    expect(whole.items.some((e) => e.kind === 'form' && e.refId === hiddenThreadId)).toBe(true);
    const reply = whole.items.find((e) => e.kind === 'message' && e.event === 'out');
    expect(reply?.body).toBe('Of course, the night porter will wait.');
    // Newest first.
    for (let i = 1; i < whole.items.length; i++)
      expect(whole.items[i - 1]!.at >= whole.items[i]!.at, JSON.stringify(whole.items.slice(i - 1, i + 1))).toBe(true);
    // Paged: the same events in the same order.
    for (const limit of [1, 2, 3, 7]) {
      const paged = await all('', owner, limit);
      expect(paged.map((e) => `${e.kind}:${e.id}`)).toEqual(whole.items.map((e) => `${e.kind}:${e.id}`));
    }
  });

  it('filters by kind', async () => {
    const only = await all('&kind=booking,consent', owner, 2);
    expect(only.length).toBeGreaterThanOrEqual(4);
    expect(new Set(only.map((e) => e.kind))).toEqual(new Set(['booking', 'consent']));
    const mail = await all('&kind=email');
    expect(mail.length).toBeGreaterThan(0);
    expect(mail.every((e) => e.kind === 'email' && 'opened' in e.data)).toBe(true);
    const bad = await get(`/api/v1/guests/${guestId}/timeline?kind=booking,bogus`);
    expect(bad.statusCode).toBe(400);
  });

  it('masks message text and recipients without personal-data:read and hides queues the staff member may not see', async () => {
    const seen = await all('', reception, 50);
    expect(seen.some((e) => e.refId === hiddenThreadId)).toBe(false);
    expect(seen.some((e) => e.refId === threadId)).toBe(true);
    const incoming = seen.find((e) => e.kind === 'message' && e.event === 'in' && e.refId === threadId);
    expect(incoming?.body).toMatch(/^Late arrival: call me on /);
    expect(incoming?.body).not.toContain('tim.line@example.org');
    expect(incoming?.body).not.toContain('7946 0958');
    const mail = seen.filter((e) => e.kind === 'email');
    expect(mail.length).toBeGreaterThan(0);
    for (const m of mail) expect(m.body).not.toContain('tim.line@example.org');
    const full = await all('&kind=message', owner, 50);
    expect(full.find((e) => e.event === 'in' && e.refId === threadId)?.body).toContain('tim.line@example.org');
  });

  it('refuses bad cursors and other organisations’ guests, and needs to be signed in', async () => {
    for (const cursor of [
      'garbage',
      Buffer.from(JSON.stringify({ k: 'timeline', v: ['2026-02-31T00:00:00.000000Z', 'booking', 'x'] })).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify({ k: 'timeline', v: ['2026-01-01T00:00:00.000000Z', 'nope', 'x'] })).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify({ k: 'timeline', v: ['2026-01-01T00:00:00.000000Z', 'booking', 'x\u0000'] })).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify({ k: 'history', v: ['2026-01-01T00:00:00.000Z', 'x'] })).toString('base64url'),
    ]) {
      const res = await get(`/api/v1/guests/${guestId}/timeline?cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json().error.code).toBe('invalid_cursor');
    }
    const other = await t.createOrg('Other hotel');
    const stranger = await t.login(other.email, other.password);
    expect((await get(`/api/v1/guests/${guestId}/timeline`, stranger)).statusCode).toBe(404);
    expect((await get(`/api/v1/guests/gst_nobody/timeline`)).statusCode).toBe(404);
    expect((await get(`/api/v1/guests/${'x'.repeat(65)}/timeline`)).statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/guests/${guestId}/timeline` });
    expect(anonymous.statusCode).toBe(401);
    expect((await get(`/api/v1/guests/${guestId}/timeline?limit=100000`)).statusCode).toBe(400);
    expect((await get(`/api/v1/guests/${guestId}/timeline?kind=%00`)).statusCode).toBe(400);
    const doc = await ok<{ paths: Record<string, { get?: { operationId?: string } }> }>('/api/v1/openapi.json');
    expect(doc.paths['/api/v1/guests/{id}/timeline']?.get?.operationId).toBe('getGuestTimeline');
  });
});
