import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { customerLogin, lastEmail, runAccountJobs, tokenFromEmail } from '../../../test/support/accounts.ts';
import { engineName } from '../../../test/support/db.ts';

/**
 * Issue 11 regression tests: account takeover through identity resolution (1), user
 * enumeration (13), trying accounts without SMTP (19), newsletter consent at registration (21).
 */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe(`customer accounts: only what the account can prove is its own (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let propertyId: string;
  let roomTypeId: string;
  let victim: { id: string; bookingId: string };
  let n = 0;
  const VICTIM = {
    firstName: 'Victoria',
    lastName: 'Vance',
    phone: '+34 612 777 888',
    email: 'victoria.vance@example.com',
  };
  const VICTIM_ADDRESS = { street: 'Calle Secreta 7', city: 'Sevilla', postcode: '41001', country: 'ES' };

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    ({ propertyId, roomTypeId } = await t.addRoomType(s, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 100,
      roomCount: 200,
    }));
    const g = await post('/api/v1/guests', { ...VICTIM, addresses: [VICTIM_ADDRESS] }, s.headers);
    expect(g.statusCode, g.body).toBe(201);
    const b = await post(
      '/api/v1/bookings',
      { source: 'phone', checkIn: day(30), checkOut: day(33), roomTypeId, customer: { guestId: g.json().id } },
      s.headers,
    );
    expect(b.statusCode, b.body).toBe(201);
    victim = { id: g.json().id, bookingId: b.json().id };
  });
  afterAll(() => t.close());

  function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
    return t.app.inject({ method: 'POST', url, headers, payload: payload as object });
  }
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const staffGet = (url: string) => get(url, { cookie: s.cookie });
  const checkout = (customer: Record<string, unknown>, createAccount: boolean) =>
    post('/api/v1/public/checkout', {
      propertyId,
      items: [{ roomTypeId, checkIn: day(60 + ++n), checkOut: day(61 + n), adults: 1 }],
      customer,
      createAccount,
    });
  const setPassword = async (email: string, password = 'attacker-password-1') => {
    const token = await tokenFromEmail(t, 'account.created', email);
    const res = await post('/api/v1/account/set-password', { token, password });
    expect(res.statusCode, res.body).toBe(200);
    return customerLogin(t, email, password);
  };

  /** What an attacker signed in to `cookie` can learn or change of the victim. */
  async function expectNoAccessToVictim(c: { cookie: string; headers: Record<string, string> }) {
    const details = await get('/api/v1/account/details', { cookie: c.cookie });
    expect(details.statusCode).toBe(200);
    expect(details.body).not.toContain('Calle Secreta');
    expect(details.body).not.toContain('Sevilla');
    expect(details.body).not.toContain(VICTIM.email);
    const bookings = await get('/api/v1/account/bookings', { cookie: c.cookie });
    expect(bookings.json().items.map((b: { id: string }) => b.id)).not.toContain(victim.bookingId);
    expect((await get(`/api/v1/account/bookings/${victim.bookingId}`, { cookie: c.cookie })).statusCode).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account/details',
      headers: c.headers,
      payload: {
        firstName: 'Hacked',
        phone: '+34 600 000 001',
        address: { street: 'Attacker Road 1', city: 'Nowhere' },
      },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const profile = (await staffGet(`/api/v1/guests/${victim.id}`)).json();
    expect(profile).toMatchObject({ firstName: 'Victoria', email: VICTIM.email });
    expect(JSON.stringify(profile.phones)).toContain('612777888'.slice(-6));
    expect(JSON.stringify(profile.phones)).not.toContain('600000001');
    expect(JSON.stringify(profile.addresses)).toContain('Calle Secreta 7');
    expect(JSON.stringify(profile.addresses)).not.toContain('Attacker Road');
  }

  it('(1) registering with the victim’s name and phone and one’s own e-mail grants nothing of the victim', async () => {
    const email = 'mallory.register@example.com';
    const reg = await post('/api/v1/account/register', { ...VICTIM, email });
    expect(reg.statusCode, reg.body).toBe(201);
    const c = await setPassword(email);
    expect(c.guestId).not.toBe(victim.id);
    await expectNoAccessToVictim(c);
    // What it typed itself is what it sees.
    const details = (await get('/api/v1/account/details', { cookie: c.cookie })).json();
    expect(details).toMatchObject({
      firstName: 'Hacked',
      lastName: 'Vance',
      email,
      address: { street: 'Attacker Road 1' },
    });
  });

  it('(1) checking out anonymously with "create an account" as the victim grants nothing of the victim', async () => {
    const email = 'mallory.checkout@example.com';
    const res = await checkout(
      { firstName: VICTIM.firstName, lastName: VICTIM.lastName, phone: VICTIM.phone, email },
      true,
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().accountCreated).toBe(true);
    const own = res.json().bookings[0].id as string;
    const c = await setPassword(email);
    expect(c.guestId).not.toBe(victim.id);
    await expectNoAccessToVictim(c);
    // The booking it made with its own e-mail is its own.
    const items = (await get('/api/v1/account/bookings', { cookie: c.cookie })).json().items;
    expect(items.map((b: { id: string }) => b.id)).toEqual([own]);
  });

  it('(1, A-6) guest checkout, then registration with the same e-mail: the booking appears once the e-mail is verified', async () => {
    const email = 'eve.returning@example.com';
    const res = await checkout({ firstName: 'Eve', lastName: 'Returning', email }, false);
    expect(res.statusCode, res.body).toBe(201);
    const bookingId = res.json().bookings[0].id as string;
    const customerId = (await staffGet(`/api/v1/bookings/${bookingId}`)).json().customerId as string;
    const reg = await post('/api/v1/account/register', {
      email,
      firstName: 'Eve',
      lastName: 'Returning',
      password: 'eve-password-123',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    // Not verified yet: no sign-in (so nothing is shown) until the link is used.
    const early = await post('/api/v1/account/login', { email, password: 'eve-password-123' });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('account_email_not_verified');
    const token = await tokenFromEmail(t, 'account.verify_email', email);
    const verified = await post('/api/v1/account/verify-email', { token });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toEqual({ status: 'validated', canSignIn: true });
    const c = await customerLogin(t, email, 'eve-password-123');
    // Linked to the profile of the earlier booking (for staff and history) on the verified e-mail.
    expect(c.guestId).toBe(customerId);
    const items = (await get('/api/v1/account/bookings', { cookie: c.cookie })).json().items;
    expect(items.map((b: { id: string }) => b.id)).toEqual([bookingId]);
    expect((await post('/api/v1/account/verify-email', { token })).json().error.code).toBe('token_used');
    // Staff add a phone and an address to that profile: the account does not read them (it did not
    // enter them), neither in its details nor in the booking site's pre-filled checkout.
    const staffEdit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${customerId}`,
      headers: s.headers,
      payload: { phone: '+34 699 555 444', addresses: [{ street: 'Staff Street 9', city: 'Bilbao', country: 'ES' }] },
    });
    expect(staffEdit.statusCode, staffEdit.body).toBe(200);
    const details = await get('/api/v1/account/details', { cookie: c.cookie });
    expect(details.json()).toMatchObject({ firstName: 'Eve', phone: null, address: null });
    const site = await get(`/api/v1/public/properties/${propertyId}`, { cookie: c.cookie });
    expect(site.json().customer).toMatchObject({ firstName: 'Eve', email, phone: null });
    expect(site.body).not.toContain('699');
  });

  it('(1) bookings from a connected tool, single or batch, show by their contact e-mail once verified', async () => {
    const email = 'gus.tool@example.com';
    const person = { firstName: 'Gus', lastName: 'Tool', email };
    const single = await post(
      '/api/v1/bookings',
      { source: 'api', externalRef: 'TOOL-1', checkIn: day(90), checkOut: day(91), roomTypeId, customer: person },
      s.headers,
    );
    expect(single.statusCode, single.body).toBe(201);
    const batch = await post(
      '/api/v1/bookings/batch',
      {
        bookings: [
          { source: 'api', externalRef: 'TOOL-2', checkIn: day(92), checkOut: day(93), roomTypeId, customer: person },
          // By profile id: the booking is the account's only with its contact e-mail given.
          {
            source: 'api',
            externalRef: 'TOOL-3',
            checkIn: day(94),
            checkOut: day(95),
            roomTypeId,
            customer: { guestId: victim.id },
            contactEmail: email,
          },
          {
            source: 'api',
            externalRef: 'TOOL-4',
            checkIn: day(96),
            checkOut: day(97),
            roomTypeId,
            customer: { guestId: victim.id },
          },
        ],
      },
      s.headers,
    );
    expect(batch.statusCode, batch.body).toBe(200);
    const ids = batch.json().results.map((r: { booking: { id: string } }) => r.booking.id) as string[];
    await post('/api/v1/account/register', { ...person, password: 'gus-password-123' });
    const token = await tokenFromEmail(t, 'account.verify_email', email);
    expect((await post('/api/v1/account/verify-email', { token })).statusCode).toBe(200);
    const c = await customerLogin(t, email, 'gus-password-123');
    const items = (await get('/api/v1/account/bookings', { cookie: c.cookie })).json().items;
    expect(items.map((b: { id: string }) => b.id).sort()).toEqual([single.json().id, ids[0], ids[1]].sort());
  });

  it('(21) newsletter consent ticked at registration reaches the existing profile', async () => {
    const email = 'fay.consent@example.com';
    const res = await checkout({ firstName: 'Fay', lastName: 'Consent', email }, false);
    const bookingId = res.json().bookings[0].id as string;
    const customerId = (await staffGet(`/api/v1/bookings/${bookingId}`)).json().customerId as string;
    expect((await staffGet(`/api/v1/guests/${customerId}`)).json().marketingConsent).toBe(false);
    const reg = await post('/api/v1/account/register', {
      email,
      firstName: 'Fay',
      lastName: 'Consent',
      marketingConsent: true,
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const c = await setPassword(email, 'fay-password-123');
    expect(c.guestId).toBe(customerId);
    expect((await staffGet(`/api/v1/guests/${customerId}`)).json().marketingConsent).toBe(true);
    expect((await get('/api/v1/account/details', { cookie: c.cookie })).json().marketingConsent).toBe(true);
  });

  it('(13) registering a known e-mail answers exactly like a new one and tells the owner by e-mail', async () => {
    const known = 'known.owner@example.com';
    const first = await post('/api/v1/account/register', { email: known, firstName: 'Kim', lastName: 'Known' });
    expect(first.statusCode).toBe(201);
    const again = await post('/api/v1/account/register', { email: known, firstName: 'Someone', lastName: 'Else' });
    const fresh = await post('/api/v1/account/register', {
      email: 'brand.new@example.com',
      firstName: 'Someone',
      lastName: 'Else',
    });
    expect(again.statusCode).toBe(fresh.statusCode);
    expect(again.body).toBe(fresh.body);
    const withPassword = { firstName: 'Someone', lastName: 'Else', password: 'long-enough-pass' };
    const againPw = await post('/api/v1/account/register', { ...withPassword, email: known });
    const freshPw = await post('/api/v1/account/register', { ...withPassword, email: 'brand.new2@example.com' });
    expect(againPw.statusCode).toBe(freshPw.statusCode);
    expect(againPw.body).toBe(freshPw.body);
    const notice = await lastEmail(t, 'account.exists', known);
    expect(notice?.bodyText).toContain('/account/sign-in');
    expect(notice?.bodyText).toContain('/account/forgot-password');
    const accounts = await t.database.system
      .selectFrom('customerAccount')
      .select(['firstName'])
      .where('username', '=', known)
      .execute();
    expect(accounts).toEqual([{ firstName: 'Kim' }]);
    // One notice an hour, however often the form is sent.
    const notices = await t.database.system
      .selectFrom('emailMessage')
      .select('id')
      .where('event', '=', 'account.exists')
      .where('toAddress', '=', known)
      .execute();
    expect(notices).toHaveLength(1);

    const forgotKnown = await post('/api/v1/account/forgot-password', { email: known });
    const forgotUnknown = await post('/api/v1/account/forgot-password', { email: 'nobody.here@example.com' });
    expect(forgotKnown.statusCode).toBe(202);
    expect(forgotUnknown.statusCode).toBe(forgotKnown.statusCode);
    expect(forgotUnknown.body).toBe(forgotKnown.body);
    // Both became the same kind of job; only the known address gets a link when it runs.
    const jobs = await t.database.system
      .selectFrom('job')
      .select(['name', 'payload'])
      .where('name', '=', 'account.password_reset_request')
      .execute();
    expect(jobs.map((j) => (j.payload as { email: string }).email)).toEqual(
      expect.arrayContaining([known, 'nobody.here@example.com']),
    );
    await runAccountJobs(t);
    expect(await lastEmail(t, 'account.password_reset', known)).toBeTruthy();
    expect(await lastEmail(t, 'account.password_reset', 'nobody.here@example.com')).toBeUndefined();
  });

  it('(19) registers with a password; without SMTP an owner opens the held link from the mail log', async () => {
    const email = 'trial.user@example.com';
    const weak = await post('/api/v1/account/register', { email, firstName: 'Tri', lastName: 'Al', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].field).toBe('password');
    const reg = await post('/api/v1/account/register', {
      email,
      firstName: 'Tri',
      lastName: 'Al',
      password: 'trial-password-1',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json().message).toContain('confirm your e-mail');
    expect(await lastEmail(t, 'account.created', email)).toBeUndefined();
    const mail = await lastEmail(t, 'account.verify_email', email);
    expect(mail).toBeTruthy();
    // The owner's mail log shows the link in clear while no SMTP server is configured.
    const asOwner = await staffGet(`/api/v1/email/messages/${mail!.id}`);
    expect(asOwner.statusCode).toBe(200);
    expect(asOwner.json().linksRevealed).toBe(true);
    const m = /verify-email\?token=([^\s"'<&]+)/.exec(asOwner.json().bodyText as string);
    expect(m?.[1]).toBeTruthy();
    // Another role with the mail log sees it masked.
    const manager = await t.addStaff('manager');
    const ms = await t.login(manager.email, manager.password);
    const asManager = await get(`/api/v1/email/messages/${mail!.id}`, { cookie: ms.cookie });
    expect(asManager.json()).toMatchObject({ linksRevealed: false });
    expect(asManager.json().bodyText).toContain('token=••••••');
    const v = await post('/api/v1/account/verify-email', { token: decodeURIComponent(m![1]!) });
    expect(v.statusCode, v.body).toBe(200);
    await customerLogin(t, email, 'trial-password-1');
    // A used link is no secret any more, but a sent one never shows: only queued/held messages.
    expect((await staffGet(`/api/v1/email/messages/${mail!.id}`)).json().linksRevealed).toBe(true);
  });

  it('(19) with SMTP configured the owner sees the link masked', async () => {
    const other = await createTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
    try {
      const owner = await other.login();
      const email = 'masked.link@example.com';
      const reg = await other.app.inject({
        method: 'POST',
        url: '/api/v1/account/register',
        payload: { email, firstName: 'Mask', lastName: 'Ed', password: 'masked-password-1' },
      });
      expect(reg.statusCode, reg.body).toBe(201);
      const mail = await lastEmail(other, 'account.verify_email', email);
      const res = await other.app.inject({
        method: 'GET',
        url: `/api/v1/email/messages/${mail!.id}`,
        headers: { cookie: owner.cookie },
      });
      expect(res.json().linksRevealed).toBe(false);
      expect(res.json().bodyText).toContain('verify-email?token=••••••');
    } finally {
      await other.close();
    }
  });
});
