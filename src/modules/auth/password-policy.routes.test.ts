import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { registerCustomer, signedInCustomer, tokenFromEmail } from '../../../test/support/accounts.ts';
import { engineName } from '../../../test/support/db.ts';

// Issue 11 point 14: one policy for staff and customer passwords, answered as 400 weak_password.
describe(`the password policy on every password route (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
  });
  afterAll(() => t.close());

  const expectWeak = (res: { statusCode: number; json: () => unknown }, field: string, code: string) => {
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'weak_password', details: [{ field, code }] } });
  };

  it('refuses weak passwords for a new staff member and for a staff member’s own change', async () => {
    const create = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/staff',
        headers: owner.headers,
        payload: { name: 'Rita Reyes', email: 'rita@hotel.test', role: 'reception', password },
      });
    expectWeak(await create('password1234'), 'password', 'password_too_common');
    expectWeak(await create('0000000000'), 'password', 'password_same_character');
    expectWeak(await create('5551234987'), 'password', 'password_only_digits');
    expectWeak(await create('short'), 'password', 'password_too_short');
    expectWeak(await create('rita@hotel.test'), 'password', 'password_too_common');
    expect((await create('staff-password-river-91')).statusCode).toBe(201);

    const rita = await t.login('rita@hotel.test', 'staff-password-river-91');
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: rita.headers,
      payload: { currentPassword: 'staff-password-river-91', newPassword: 'qwertyuiop' },
    });
    expectWeak(change, 'newPassword', 'password_too_common');
  });

  it('refuses a weak first-run owner password', async () => {
    const fresh = await createTestApp({
      env: { CLIENTELA_ADMIN_EMAIL: undefined, CLIENTELA_ADMIN_PASSWORD: undefined },
    });
    try {
      const res = await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/setup/owner',
        payload: { name: 'Ana', email: 'ana@hotel.test', password: 'iloveyou123' },
      });
      expectWeak(res, 'password', 'password_too_common');
    } finally {
      await fresh.close();
    }
  });

  it('refuses weak customer passwords through the same policy', async () => {
    await registerCustomer(t, { email: 'weak.customer@example.com' });
    const token = await tokenFromEmail(t, 'account.created', 'weak.customer@example.com');
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/set-password',
      payload: { token, password: '1234567890' },
    });
    expectWeak(set, 'password', 'password_only_digits');
    const c = await signedInCustomer(t, 'strong.customer@example.com');
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/change-password',
      headers: c.headers,
      payload: { current: 'customer-password-1', new: 'Password123!' },
    });
    expectWeak(change, 'new', 'password_too_common');
  });
});
