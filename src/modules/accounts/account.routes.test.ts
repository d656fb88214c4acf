import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, OWNER, type Session, type TestApp } from '../../../test/support/app.ts';
import {
  customerLogin,
  lastEmail,
  registerCustomer,
  runAccountJobs,
  signedInCustomer,
  tokenFromEmail,
  type CustomerLogin,
} from '../../../test/support/accounts.ts';
import { engineName } from '../../../test/support/db.ts';
import { ensureAccountForGuest } from './index.ts';

describe(`customer accounts (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 500 });
  });
  afterAll(() => t.close());

  const setMode = async (registrationMode: 'direct' | 'validation') => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/accounts',
      headers: s.headers,
      payload: { registrationMode },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const book = async (customer: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: s.headers,
      payload: {
        source: 'api',
        externalRef: `ACC-${++n}`,
        checkIn: '2027-05-01',
        checkOut: '2027-05-04',
        roomTypeName: 'double',
        customer,
        ...extra,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; reference: string; customerId: string }>();
  };
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers, payload: payload as object });
  const countEmails = async (event: string, to: string) =>
    (
      await t.database.system
        .selectFrom('emailMessage')
        .select('id')
        .where('event', '=', event)
        .where('toAddress', '=', to)
        .execute()
    ).length;

  it('registers (direct), e-mails a one-time set-password link, signs in; the link works once', async () => {
    const email = 'direct.one@example.com';
    expect(
      (await registerCustomer(t, { email: 'Direct.One@Example.com', firstName: 'Dora', lastName: 'Direct' })).status,
    ).toBe('validated');
    const mail = await lastEmail(t, 'account.created', email);
    expect(mail?.bodyText).toContain(email);
    expect(mail?.bodyText).toMatch(/\/account\/set-password\?token=/);
    expect(mail?.bodyText).not.toMatch(/password:\s*\S/i);
    // No password yet: signing in fails like a wrong password.
    expect((await post('/api/v1/account/login', { email, password: 'whatever-password' })).statusCode).toBe(401);
    const token = await tokenFromEmail(t, 'account.created', email);
    const set = await post('/api/v1/account/set-password', { token, password: 'dora-password-1' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ status: 'validated', canSignIn: true });
    const again = await post('/api/v1/account/set-password', { token, password: 'dora-password-2' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('token_used');
    expect(again.json().error.details[0].field).toBe('token');
    const c = await customerLogin(t, email.toUpperCase(), 'dora-password-1');
    const me = await get('/api/v1/account/me', { cookie: c.cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().customer).toMatchObject({
      username: email,
      status: 'validated',
      firstName: 'Dora',
      lastName: 'Direct',
    });
    expect(me.json().csrfToken).toBe(c.csrfToken);
    // The profile carries the account (A-6: the profile IS the customer).
    const guest = await get(`/api/v1/guests/${c.guestId}`, { cookie: s.cookie });
    expect(guest.json()).toMatchObject({ userId: c.accountId, username: email, source: 'registration' });
    // Registering the same e-mail again answers like a new registration (issue 11, 13).
    const dup = await post('/api/v1/account/register', { email, firstName: 'Dora', lastName: 'Again' });
    expect(dup.statusCode).toBe(201);
    expect(await lastEmail(t, 'account.exists', email)).toBeTruthy();
  });

  it('refuses expired and unknown links and weak passwords with clear per-field 400s', async () => {
    const email = 'expired.link@example.com';
    await registerCustomer(t, { email });
    const token = await tokenFromEmail(t, 'account.created', email);
    await t.database.system
      .updateTable('customerToken')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('usedAt', 'is', null)
      .execute();
    const expired = await post('/api/v1/account/set-password', { token, password: 'long-enough-password' });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('token_expired');
    const unknown = await post('/api/v1/account/set-password', {
      token: 'x'.repeat(40),
      password: 'long-enough-password',
    });
    expect(unknown.json().error.code).toBe('token_invalid');
    const weak = await post('/api/v1/account/set-password', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.map((d: { field: string }) => d.field)).toContain('password');
    const missing = await post('/api/v1/account/register', { email: 'not-an-email' });
    expect(missing.statusCode).toBe(400);
    const fields = missing.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'firstName', 'lastName']));
    const noLogin = await post('/api/v1/account/login', {});
    expect(noLogin.statusCode).toBe(400);
    expect(noLogin.json().error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
  });

  it('wrong passwords → 401; forgotten password → always 202, one-time reset link', async () => {
    const c = await signedInCustomer(t, 'forgetful@example.com', { firstName: 'Fred' });
    const wrong = await post('/api/v1/account/login', { email: c.email, password: 'not-my-password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    const unknown = await post('/api/v1/account/forgot-password', { email: 'nobody@example.com' });
    expect(unknown.statusCode).toBe(202);
    const known = await post('/api/v1/account/forgot-password', { email: c.email });
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    // The worker sends the link to the account, and nothing to an unknown address.
    await runAccountJobs(t);
    expect(await countEmails('account.password_reset', 'nobody@example.com')).toBe(0);
    const mail = await lastEmail(t, 'account.password_reset', c.email);
    expect(mail?.bodyText).toMatch(/\/account\/reset-password\?token=/);
    const token = await tokenFromEmail(t, 'account.password_reset', c.email);
    const reset = await post('/api/v1/account/reset-password', { token, password: 'fresh-password-22' });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(
      (await post('/api/v1/account/reset-password', { token, password: 'fresh-password-33' })).json().error.code,
    ).toBe('token_used');
    // The reset signed the old session out; the old password no longer works, the new one does.
    expect((await get('/api/v1/account/me', { cookie: c.cookie })).statusCode).toBe(401);
    expect((await post('/api/v1/account/login', { email: c.email, password: 'customer-password-1' })).statusCode).toBe(
      401,
    );
    await customerLogin(t, c.email, 'fresh-password-22');
  });

  it('changes the password (current checked, CSRF required) and signs out', async () => {
    const c = await signedInCustomer(t, 'changer@example.com');
    const noCsrf = await post(
      '/api/v1/account/change-password',
      { current: 'customer-password-1', new: 'another-password-1' },
      {
        cookie: c.cookie,
      },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_token_invalid');
    const wrong = await post(
      '/api/v1/account/change-password',
      { current: 'nope-nope-nope', new: 'another-password-1' },
      c.headers,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0]).toMatchObject({ field: 'current', code: 'wrong_password' });
    const missing = await post('/api/v1/account/change-password', {}, c.headers);
    expect(missing.json().error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['current', 'new']),
    );
    const ok = await post(
      '/api/v1/account/change-password',
      { current: 'customer-password-1', new: 'another-password-1' },
      c.headers,
    );
    expect(ok.statusCode, ok.body).toBe(204);
    const c2 = await customerLogin(t, c.email, 'another-password-1');
    const out = await post('/api/v1/account/logout', undefined, c2.headers);
    expect(out.statusCode).toBe(204);
    expect((await get('/api/v1/account/me', { cookie: c2.cookie })).statusCode).toBe(401);
  });

  it('reads and changes its own details; they reach the profile made from them, history records the customer', async () => {
    const c = await signedInCustomer(t, 'details@example.com', { firstName: 'Dina', lastName: 'Tail' });
    const before = await get('/api/v1/account/details', { cookie: c.cookie });
    expect(before.json()).toMatchObject({
      firstName: 'Dina',
      lastName: 'Tail',
      email: c.email,
      address: null,
      marketingConsent: false,
    });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account/details',
      headers: c.headers,
      payload: {
        firstName: 'Diana',
        phone: '+34 612 345 678',
        language: 'es',
        marketingConsent: true,
        address: { street: 'Calle Mayor 1', city: 'Madrid', postcode: '28013', country: 'es' },
      },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({
      firstName: 'Diana',
      language: 'es',
      marketingConsent: true,
      address: { street: 'Calle Mayor 1', city: 'Madrid', country: 'ES' },
    });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account/details',
      headers: c.headers,
      payload: { phone: 'call me maybe', firstName: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toContain('firstName');
    const badPhone = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account/details',
      headers: c.headers,
      payload: { phone: '12' },
    });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.details[0].field).toBe('phone');
    const history = await get(`/api/v1/guests/${c.guestId}/history`, { cookie: s.cookie });
    const entries = history.json().items as { field: string; actor?: { type: string }; actorType?: string }[];
    const firstName = entries.find((e) => e.field === 'firstName');
    expect(JSON.stringify(firstName)).toContain('customer');
    expect(JSON.stringify(firstName)).toContain(c.email);
  });

  it('lists and shows only the customer’s own bookings (customer role); A-6 keeps earlier bookings', async () => {
    // Booked without an account, registers later with the same e-mail → the same profile.
    const earlier = await book({ firstName: 'Eva', lastName: 'Early', email: 'eva.early@example.com' });
    const guestsBefore = (await get('/api/v1/guests?limit=1', { cookie: s.cookie })).json().total;
    const eva = await signedInCustomer(t, 'EVA.early@example.com', { firstName: 'Eva', lastName: 'Early' });
    expect(eva.guestId).toBe(earlier.customerId);
    expect((await get('/api/v1/guests?limit=1', { cookie: s.cookie })).json().total).toBe(guestsBefore);
    // Staff book for her profile with her e-mail as the booking's contact e-mail.
    const later = await book({ guestId: eva.guestId }, { contactEmail: 'eva.early@example.com' });
    const list = await get('/api/v1/account/bookings', { cookie: eva.cookie });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((b: { id: string }) => b.id)
        .sort(),
    ).toEqual([earlier.id, later.id].sort());
    const one = await get(`/api/v1/account/bookings/${earlier.id}`, { cookie: eva.cookie });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ reference: earlier.reference, nights: 3, roomTypeName: 'Double' });
    expect(one.json()).not.toHaveProperty('notes');
    // Another customer: 404, and their own list does not show Eva's.
    const other = await signedInCustomer(t, 'other.customer@example.com', { firstName: 'Otto' });
    expect((await get(`/api/v1/account/bookings/${earlier.id}`, { cookie: other.cookie })).statusCode).toBe(404);
    expect((await get('/api/v1/account/bookings', { cookie: other.cookie })).json().items).toEqual([]);
    expect((await get('/api/v1/account/bookings/bkg_nonexistent', { cookie: eva.cookie })).statusCode).toBe(404);
  });

  it('a family member registering with a shared e-mail gets their own profile and details, only the bookings made with that e-mail', async () => {
    const annas = await book({
      firstName: 'Anna',
      lastName: 'Berg',
      email: 'berg.family@example.com',
      phone: '+34 611 222 333',
    });
    const annasOwn = await book({ firstName: 'Anna', lastName: 'Berg', phone: '+34 611 222 333' });
    const ben = await signedInCustomer(t, 'berg.family@example.com', { firstName: 'Ben', lastName: 'Berg' });
    expect(ben.guestId).not.toBe(annas.customerId);
    // The confirmation of the booking made with the shared e-mail reached that inbox: it is the account's.
    const items = (await get('/api/v1/account/bookings', { cookie: ben.cookie })).json().items;
    expect(items.map((b: { id: string }) => b.id)).toEqual([annas.id]);
    expect((await get(`/api/v1/account/bookings/${annasOwn.id}`, { cookie: ben.cookie })).statusCode).toBe(404);
    const details = (await get('/api/v1/account/details', { cookie: ben.cookie })).json();
    expect(details).toMatchObject({ firstName: 'Ben', phone: null });
  });

  it('validation mode: New → staff alert → cannot sign in → staff validate → e-mail → signs in; cancel ends it', async () => {
    await setMode('validation');
    try {
      const email = 'newbie@example.com';
      const r = await registerCustomer(t, { email, firstName: 'Nina', lastName: 'New' });
      expect(r.status).toBe('new');
      const alert = await lastEmail(t, 'registration.staff_alert', OWNER.email);
      expect(alert?.bodyText).toContain(email);
      expect(alert?.bodyText).toContain('/admin/settings/accounts');
      const token = await tokenFromEmail(t, 'account.created', email);
      const set = await post('/api/v1/account/set-password', { token, password: 'nina-password-1' });
      expect(set.json()).toEqual({ status: 'new', canSignIn: false });
      const pending = await post('/api/v1/account/login', { email, password: 'nina-password-1' });
      expect(pending.statusCode).toBe(403);
      expect(pending.json().error.code).toBe('account_pending_validation');
      // A wrong password on a New account says nothing about its state.
      expect((await post('/api/v1/account/login', { email, password: 'wrong-password-x' })).statusCode).toBe(401);

      const list = await get('/api/v1/accounts?status=new', { cookie: s.cookie });
      expect(list.statusCode).toBe(200);
      const item = list.json().items.find((a: { username: string }) => a.username === email);
      expect(item).toMatchObject({ status: 'new', firstName: 'Nina', hasPassword: true });
      expect(list.json().counts.new).toBeGreaterThanOrEqual(1);
      expect((await post(`/api/v1/accounts/${item.id}/validate`, undefined, { cookie: s.cookie })).statusCode).toBe(
        403,
      ); // CSRF
      const v = await post(`/api/v1/accounts/${item.id}/validate`, undefined, s.headers);
      expect(v.statusCode, v.body).toBe(200);
      expect(v.json().status).toBe('validated');
      const validated = await lastEmail(t, 'registration.validated', email);
      expect(validated?.bodyText).toContain('/account/sign-in');
      const c = await customerLogin(t, email, 'nina-password-1');

      const cancel = await post(`/api/v1/accounts/${item.id}/cancel`, undefined, s.headers);
      expect(cancel.json().status).toBe('cancelled');
      expect((await get('/api/v1/account/me', { cookie: c.cookie })).statusCode).toBe(401);
      const refused = await post('/api/v1/account/login', { email, password: 'nina-password-1' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('account_cancelled');
      expect((await post('/api/v1/accounts/cus_nope/validate', undefined, s.headers)).statusCode).toBe(404);
    } finally {
      await setMode('direct');
    }
  });

  it('keeps staff and customer sessions apart', async () => {
    const c = await signedInCustomer(t, 'apart@example.com');
    expect((await get('/api/v1/account/me', { cookie: s.cookie })).statusCode).toBe(401);
    expect((await get('/api/v1/guests', { cookie: c.cookie })).statusCode).toBe(401);
    expect((await get('/api/v1/accounts', { cookie: c.cookie })).statusCode).toBe(401);
    const reception = await t.addStaff('reception');
    const rs = await t.login(reception.email, reception.password);
    expect((await get('/api/v1/settings/accounts', { cookie: rs.cookie })).statusCode).toBe(403);
    // Both cookies at once: a customer route still sees only the customer; a staff route only the staff member.
    const both = `${s.cookie}; ${c.cookie}`;
    expect((await get('/api/v1/account/me', { cookie: both })).json().customer.accountId).toBe(c.accountId);
    expect((await get('/api/v1/auth/me', { cookie: both })).statusCode).toBe(200);
  });

  it('keeps organisations apart: the same e-mail is a different account on another hotel’s site', async () => {
    const other = await t.createOrg('Other Hotel');
    const property = await t.database.system
      .selectFrom('property')
      .select('id')
      .where('orgId', '=', other.orgId)
      .executeTakeFirstOrThrow();
    // With two hotels on the server, each customer area answers on its hotel's own host names (#23).
    const otherSession = await t.login(other.email, other.password);
    const setHosts = (headers: Record<string, string>, hosts: string[]) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/booking-site',
        headers,
        payload: { hosts, maxRoomsPerCheckout: 5 },
      });
    expect((await setHosts(s.headers, ['localhost'])).statusCode).toBe(200);
    expect((await setHosts(otherSession.headers, ['book.other.test'])).statusCode).toBe(200);
    const onOther = { host: 'book.other.test' };
    const email = 'two.hotels@example.com';
    const mine = await signedInCustomer(t, email, { firstName: 'Tina' });
    const reg = await post(
      '/api/v1/account/register',
      { email, firstName: 'Tina', lastName: 'Lind', propertyId: property.id },
      onOther,
    );
    expect(reg.statusCode, reg.body).toBe(201);
    const token = await tokenFromEmail(t, 'account.created', email);
    expect(
      (await post('/api/v1/account/set-password', { token, password: 'other-hotel-pass' }, onOther)).statusCode,
    ).toBe(200);
    // The other hotel's password does not open this hotel's account, and the reverse.
    expect((await post('/api/v1/account/login', { email, password: 'other-hotel-pass' })).statusCode).toBe(401);
    const there = await post('/api/v1/account/login', { email, password: 'other-hotel-pass' }, onOther);
    expect(there.statusCode, there.body).toBe(200);
    expect(there.json().customer.accountId).not.toBe(mine.accountId);
    expect(there.json().customer.guestId).not.toBe(mine.guestId);
    const site = await get(`/api/v1/account/site?propertyId=${property.id}`, onOther);
    expect(site.json().hotelName).toBe('Other Hotel');
    // The other hotel's property is not this hotel's.
    const cross = await post('/api/v1/account/login', { email, password: 'other-hotel-pass', propertyId: property.id });
    expect(cross.statusCode).toBe(400);
    const unknown = await post('/api/v1/account/login', { email, password: 'x', propertyId: 'prp_nope' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('propertyId');
  });

  it('settings: defaults, partial PUT, validation errors', async () => {
    const res = await get('/api/v1/settings/accounts', { cookie: s.cookie });
    expect(res.json()).toEqual({
      autoCreateAtCheckout: false,
      offerCreateAtCheckout: true,
      loginAtCheckout: true,
      registrationMode: 'direct',
      loginPage: 'public',
      stayGuestProfile: true,
    });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/accounts',
      headers: s.headers,
      payload: { loginPage: 'hidden' },
    });
    expect(put.json()).toMatchObject({ loginPage: 'hidden', registrationMode: 'direct' });
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/accounts',
      headers: s.headers,
      payload: { loginPage: 'secret' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('loginPage');
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/accounts',
      headers: s.headers,
      payload: { loginPage: 'public' },
    });
  });

  it('ensureAccountForGuest gives a guest one account and the A-2 e-mail, once', async () => {
    const b = await book({ firstName: 'Carl', lastName: 'Checkout', email: 'carl.checkout@example.com' });
    const ctx = {
      db: t.database.forOrg(t.orgId),
      orgId: t.orgId,
      actor: { actorType: 'system', actorId: null },
      requestId: null,
      permissions: 'system' as const,
    };
    const first = await ctx.db
      .transaction()
      .execute((trx) =>
        ensureAccountForGuest(ctx, trx, { guestId: b.customerId, email: 'carl.checkout@example.com', language: 'fr' }),
      );
    expect(first.created).toBe(true);
    const second = await ctx.db
      .transaction()
      .execute((trx) => ensureAccountForGuest(ctx, trx, { guestId: b.customerId, email: 'carl.checkout@example.com' }));
    expect(second).toEqual({ accountId: first.accountId, created: false });
    expect(await countEmails('account.created', 'carl.checkout@example.com')).toBe(1);
    expect((await lastEmail(t, 'account.created', 'carl.checkout@example.com'))?.language).toBe('fr');
    const token = await tokenFromEmail(t, 'account.created', 'carl.checkout@example.com');
    await post('/api/v1/account/set-password', { token, password: 'carl-password-1' });
    const carl = await customerLogin(t, 'carl.checkout@example.com', 'carl-password-1');
    expect(carl.guestId).toBe(b.customerId);
    expect((await get('/api/v1/account/bookings', { cookie: carl.cookie })).json().items[0].id).toBe(b.id);
  });

  describe('isolation: every /api/v1/account endpoint, walked from the OpenAPI document', () => {
    let a: CustomerLogin;
    let b: CustomerLogin;
    let aBooking: { id: string; reference: string };
    let secrets: string[];

    beforeAll(async () => {
      a = await signedInCustomer(t, 'alice.walk@example.com', { firstName: 'Alicewalk', lastName: 'Secretson' });
      b = await signedInCustomer(t, 'bob.walk@example.com', { firstName: 'Bobwalk', lastName: 'Other' });
      aBooking = await book({ guestId: a.guestId }, { contactEmail: a.email });
      await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/account/details',
        headers: a.headers,
        payload: { phone: '+34 699 111 222' },
      });
      secrets = [
        a.accountId,
        a.guestId,
        a.email,
        'Alicewalk',
        'Secretson',
        aBooking.id,
        aBooking.reference,
        '699111222',
        a.csrfToken,
      ];
    });

    type Schema = {
      $ref?: string;
      type?: string | string[];
      properties?: Record<string, Schema>;
      required?: string[];
      format?: string;
      enum?: unknown[];
      anyOf?: Schema[];
      minLength?: number;
    };

    /** A body with every required field, filled with A's ids and e-mail where the name says so. */
    function sampleBody(
      schema: Schema | undefined,
      doc: { components?: { schemas?: Record<string, Schema> } },
    ): unknown {
      const resolve = (s: Schema): Schema => (s.$ref ? (doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {}) : s);
      if (!schema) return undefined;
      const s = resolve(schema);
      const out: Record<string, unknown> = {};
      for (const [key, raw] of Object.entries(s.properties ?? {})) {
        const p = resolve(raw.anyOf?.[0] ?? raw);
        // Optional fields are left out, except ids that could point at A's records.
        if (!(s.required ?? []).includes(key) && !/^(guest|account|booking)Id$/.test(key)) continue;
        if (/email|username/i.test(key)) out[key] = a.email;
        else if (key === 'guestId') out[key] = a.guestId;
        else if (key === 'accountId') out[key] = a.accountId;
        else if (/id$/i.test(key)) out[key] = aBooking.id;
        else if (/password|current|new/i.test(key)) out[key] = 'wrong-password-for-walk';
        else if (key === 'token') out[key] = 'not-a-real-token-but-long-enough';
        else if (p.enum) out[key] = p.enum[0];
        else if (p.type === 'boolean') out[key] = false;
        else if (p.type === 'integer' || p.type === 'number') out[key] = 1;
        else out[key] = 'Walker';
      }
      return out;
    }

    it('as customer B with customer A’s ids: 403/404 for anything of A, and nothing of A in any answer', async () => {
      const doc = (await get('/api/v1/openapi.json')).json();
      const ops: {
        method: string;
        path: string;
        op: {
          parameters?: { in: string; name: string }[];
          requestBody?: { content: Record<string, { schema: Schema }> };
        };
      }[] = [];
      for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
        if (!path.startsWith('/api/v1/account/') && path !== '/api/v1/account') continue;
        for (const [method, op] of Object.entries(item)) {
          if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) ops.push({ method, path, op: op as never });
        }
      }
      // Signing out is walked last so B stays signed in for the others.
      ops.sort((x, y) => Number(x.path.endsWith('/logout')) - Number(y.path.endsWith('/logout')));
      expect(ops.length).toBeGreaterThanOrEqual(11);
      const walked: string[] = [];
      for (const { method, path, op } of ops) {
        const params = (op.parameters ?? []).filter((p) => p.in === 'path');
        let url = path;
        for (const p of params) {
          const value = /guest/i.test(p.name) ? a.guestId : /account/i.test(p.name) ? a.accountId : aBooking.id;
          url = url.replace(`{${p.name}}`, encodeURIComponent(value));
        }
        const body = sampleBody(op.requestBody?.content['application/json']?.schema, doc);
        const res = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: method === 'get' ? { cookie: b.cookie } : b.headers,
          ...(body === undefined ? {} : { payload: body as object }),
        });
        walked.push(`${method.toUpperCase()} ${path} → ${res.statusCode}`);
        if (process.env.SHOW_WALK) console.log(walked.at(-1), res.body.slice(0, 200));
        if (params.length) expect([403, 404], `${method} ${url}: ${res.body}`).toContain(res.statusCode);
        expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
        const text = res.body.replace(new RegExp(`Walker|wrong-password-for-walk`, 'g'), '');
        for (const secret of secrets) {
          expect(text, `${method} ${url} leaks ${secret}: ${res.body}`).not.toContain(secret);
        }
      }
      expect(walked.some((w) => w.includes('{id}'))).toBe(true);
      // Nothing B did touched A: A still signs in with the same password and sees the same data.
      const aAgain = await customerLogin(t, a.email, 'customer-password-1');
      const details = await get('/api/v1/account/details', { cookie: aAgain.cookie });
      expect(details.json()).toMatchObject({ firstName: 'Alicewalk', lastName: 'Secretson' });
      expect((await get(`/api/v1/account/bookings/${aBooking.id}`, { cookie: aAgain.cookie })).statusCode).toBe(200);
    });

    it('every non-public /api/v1/account endpoint refuses no session, a staff session and an API key', async () => {
      const doc = (await get('/api/v1/openapi.json')).json();
      const key = await post('/api/v1/api-keys', { name: 'walk', scopes: ['admin'] }, s.headers);
      expect(key.statusCode, key.body).toBe(201);
      const bearer = `Bearer ${key.json().secret}`;
      // The only public ones; a new account endpoint is customer-only unless added here on purpose.
      const publicOps = new Set([
        'getAccountSite',
        'customerLogin',
        'customerRegister',
        'customerForgotPassword',
        'customerSetPassword',
        'customerResetPassword',
        'customerVerifyEmail',
      ]);
      let checked = 0;
      for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>)) {
        if (!path.startsWith('/api/v1/account/')) continue;
        for (const [method, op] of Object.entries(item)) {
          if (publicOps.has(op.operationId)) continue;
          const url = path.replace(/\{[^}]+\}/g, aBooking.id);
          for (const headers of [{}, s.headers, { authorization: bearer }]) {
            const res = await t.app.inject({
              method: method.toUpperCase() as 'GET',
              url,
              headers,
              payload: method === 'get' ? undefined : {},
            });
            expect([401, 403], `${method} ${url} with ${Object.keys(headers).join(',') || 'nothing'}`).toContain(
              res.statusCode,
            );
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(7);
    });
  });
});
