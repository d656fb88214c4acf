import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { customerLogin, tokenFromEmail } from '../../../test/support/accounts.ts';
import { engineName } from '../../../test/support/db.ts';

/**
 * Issue 12 point 3: the guest's own copy from /account. Identity never grants access: an account that
 * staff (or the resolver) tie to a bigger profile downloads only what it can prove is its own.
 */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe(`subject access: the customer's own copy, GET /account/personal-data (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let propertyId: string;
  let roomTypeId: string;
  let victim: { id: string; bookingId: string; reference: string };
  const VICTIM = {
    firstName: 'Victoria',
    lastName: 'Vance',
    phone: '+34 612 777 888',
    email: 'victoria.vance@example.com',
    birthDate: '1977-11-02',
    document: { type: 'passport', number: 'VV9988776', issuingCountry: 'ES' },
    addresses: [{ street: 'Calle Secreta 7', city: 'Sevilla', postcode: '41001', country: 'ES' }],
  };
  const ATTACKER = 'mallory.download@example.com';

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    ({ propertyId, roomTypeId } = await t.addRoomType(s, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 100,
      roomCount: 100,
    }));
    const g = await post('/api/v1/guests', VICTIM, s.headers);
    expect(g.statusCode, g.body).toBe(201);
    await post(`/api/v1/guests/${g.json().id}/notes`, { body: 'Victoria allergic to feathers' }, s.headers);
    const b = await post(
      '/api/v1/bookings',
      { source: 'phone', checkIn: day(30), checkOut: day(33), roomTypeId, customer: { guestId: g.json().id } },
      s.headers,
    );
    expect(b.statusCode, b.body).toBe(201);
    victim = { id: g.json().id, bookingId: b.json().id, reference: b.json().reference };
  });
  afterAll(() => t.close());

  it('an account made at checkout with the victim’s name and phone downloads none of the victim’s data', async () => {
    const res = await post('/api/v1/public/checkout', {
      propertyId,
      items: [{ roomTypeId, checkIn: day(60), checkOut: day(62), adults: 1 }],
      customer: { firstName: VICTIM.firstName, lastName: VICTIM.lastName, phone: VICTIM.phone, email: ATTACKER },
      createAccount: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const own = res.json().bookings[0].id as string;
    const token = await tokenFromEmail(t, 'account.created', ATTACKER);
    expect((await post('/api/v1/account/set-password', { token, password: 'attacker-password-1' })).statusCode).toBe(
      200,
    );
    const c = await customerLogin(t, ATTACKER, 'attacker-password-1');
    // Worst case: staff link the account to the victim's profile (a wrong merge, a wrong click).
    await t.database.system
      .updateTable('customerAccount')
      .set({ guestId: victim.id })
      .where('id', '=', c.accountId)
      .execute();

    const download = await get('/api/v1/account/personal-data', { cookie: c.cookie });
    expect(download.statusCode, download.body).toBe(200);
    const doc = download.json();
    expect(doc).toMatchObject({ scope: 'own', subject: { type: 'customer_account', id: c.accountId } });
    const body = download.body;
    for (const secret of [
      victim.id,
      victim.bookingId,
      victim.reference,
      VICTIM.email,
      'Calle Secreta',
      'Sevilla',
      '1977-11-02',
      'VV9988776',
      'feathers',
    ])
      expect(body, secret).not.toContain(secret);
    // What is its own is there: what it typed, its booking, the mail to its address.
    expect(doc.sections.emails).toEqual([{ email: ATTACKER, isPrimary: true, label: null, verified: true }]);
    expect(doc.sections.bookings.map((b: { id: string }) => b.id)).toEqual([own]);
    expect(doc.sections.bookings[0].roles).toContain('contact_email');
    expect(doc.sections.emailsSent.map((m: { to: string }) => m.to)).toContain(ATTACKER);
    expect(doc.sections.emailsSent.every((m: { to: string }) => m.to === ATTACKER)).toBe(true);
    expect(body).not.toMatch(/token=(?!••••••)/);
    expect(doc.sections.signIns.sessions.length).toBeGreaterThan(0);
    expect(doc.sections).not.toHaveProperty('notes');
    expect(doc.sections).not.toHaveProperty('documents');
    expect(doc.sections).not.toHaveProperty('identity');
    expect(body).not.toMatch(/argon2|passwordHash|csrf/i);

    const audit = await t.database.system
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'account.personal_data.exported')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actorType: 'customer', actorId: c.accountId, entityId: c.accountId });
    expect(JSON.stringify(audit.data)).not.toContain('@');
  });

  it('needs the customer session: no cookie and a staff session are 401', async () => {
    const none = await get('/api/v1/account/personal-data');
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('customer_session_required');
    expect((await get('/api/v1/account/personal-data', { cookie: s.cookie })).statusCode).toBe(401);
  });
});
