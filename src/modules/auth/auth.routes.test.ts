import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, OWNER, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

describe(`staff sign-in (${engineName})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs the owner from the environment in with an HttpOnly SameSite cookie and a CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: OWNER.email.toUpperCase(), password: OWNER.password },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ email: OWNER.email, role: 'owner', permissions: ['admin'] });
    expect(body.user.passwordHash).toBeUndefined();
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/clientela_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('sets a Secure cookie behind TLS', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: OWNER,
      headers: { 'x-forwarded-proto': 'https' },
    });
    // Without TRUST_PROXY the forwarded header is ignored; COOKIE_SECURE=always forces it.
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
    const secure = await createTestApp({ env: { COOKIE_SECURE: 'always' } });
    try {
      const r2 = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: OWNER });
      expect(String(r2.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await secure.close();
    }
  });

  it('refuses a cookie write without the CSRF token (403) and accepts it with the token', async () => {
    const s = await t.login();
    const without = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: s.cookie },
      payload: { language: 'es' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_token_invalid');
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: s.cookie, 'x-csrf-token': 'nope' },
      payload: { language: 'es' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: s.headers,
      payload: { language: 'es' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.language).toBe('es');
  });

  it('answers 401 with the X-4 shape for a wrong password, and the session works until logout', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: OWNER.email, password: 'wrong-password' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toMatchObject({ code: 'invalid_credentials', details: [] });
    const s = await t.login();
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers })).statusCode).toBe(
      204,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(401);
  });

  it('lets staff change their own password, signing out their other sessions', async () => {
    const staff = await t.addStaff('reception');
    const a = await t.login(staff.email, staff.password);
    const b = await t.login(staff.email, staff.password);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: a.headers,
      payload: { currentPassword: 'nope-nope-nope', newPassword: 'a-brand-new-password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('currentPassword');
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: a.headers,
      payload: { currentPassword: staff.password, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].field).toBe('newPassword');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: a.headers,
      payload: { currentPassword: staff.password, newPassword: 'a-brand-new-password' },
    });
    expect(ok.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: a.cookie } })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: b.cookie } })).statusCode,
    ).toBe(401);
    await t.login(staff.email, 'a-brand-new-password');
  });

  it('slows unknown sources of an account attacked from rotating addresses, even with the right password', async () => {
    const staff = await t.addStaff('marketing');
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: staff.email, password: `wrong-${i}` },
        remoteAddress: `10.0.0.${i}`,
      });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: staff });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('too_many_attempts');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('blocks one address that sprays passwords across accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `nobody${i}@x.test`, password: 'guess-guess' },
        remoteAddress: '203.0.113.9',
      });
      statuses.push(r.statusCode);
    }
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: OWNER,
      remoteAddress: '203.0.113.10',
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe(`first run (${engineName})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CLIENTELA_ADMIN_EMAIL: undefined, CLIENTELA_ADMIN_PASSWORD: undefined } });
  });
  afterAll(() => t.close());

  it('asks for the owner when no staff exists, creates it once, then refuses', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json()).toEqual({ needsOwner: true });
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup/owner',
      payload: { name: 'Ana', email: 'ana@hotel.test', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup/owner',
      payload: {
        organisationName: 'Hotel Ana',
        name: 'Ana',
        email: 'Ana@Hotel.test',
        password: 'a-long-enough-password',
        language: 'es',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({
      email: 'ana@hotel.test',
      role: 'owner',
      language: 'es',
      organisation: { name: 'Hotel Ana' },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json()).toEqual({ needsOwner: false });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup/owner',
      payload: { name: 'Eve', email: 'eve@x.test', password: 'a-long-enough-password' },
    });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('setup_done');
  });
});
