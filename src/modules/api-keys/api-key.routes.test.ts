import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

describe(`API keys (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
  });
  afterAll(() => t.close());

  const createKey = (scopes: string[], headers = owner.headers) =>
    t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers, payload: { name: 'Channel manager', scopes } });

  it('shows the secret once and stores only its hash', async () => {
    const res = await createKey(['guests:read']);
    expect(res.statusCode).toBe(201);
    const key = res.json();
    expect(key).toMatchObject({ name: 'Channel manager', scopes: ['guests:read'], revokedAt: null });
    expect(key.secret).toMatch(/^clk_key_[0-9a-z]+_[\w-]{40,}$/);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: { cookie: owner.cookie } });
    expect(JSON.stringify(list.json())).not.toContain(key.secret.split('_').at(-1));
    const stored = await t.database.system
      .selectFrom('apiKey')
      .select('secretHash')
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();
    expect(stored.secretHash).not.toContain(key.secret);
  });

  it('lets a guests:read key list guests but not create keys', async () => {
    const { secret } = (await createKey(['guests:read'])).json();
    const auth = { authorization: `Bearer ${secret}` };
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/guests', headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ items: [], nextCursor: null, total: 0 });
    const escalate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: auth,
      payload: { name: 'x', scopes: ['admin'] },
    });
    expect(escalate.statusCode).toBe(403);
    expect(escalate.json().error.code).toBe('missing_permission');
    const staff = await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: auth });
    expect(staff.statusCode).toBe(403);
  });

  it('refuses unknown scopes and scopes the creator does not hold', async () => {
    const unknown = await createKey(['guests:fly']);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'unknown_scope', details: [{ field: 'scopes' }] });
    const manager = await t.addStaff('manager');
    const m = await t.login(manager.email, manager.password);
    const denied = await createKey(['guests:read'], m.headers);
    expect(denied.statusCode).toBe(403); // managers hold api-keys:read only
  });

  it('stops a revoked key at once', async () => {
    const key = (await createKey(['guests:read'])).json();
    const auth = { authorization: `Bearer ${key.secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/guests', headers: auth })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${key.id}`, headers: owner.headers })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/guests', headers: auth })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${key.id}`, headers: owner.headers })).statusCode,
    ).toBe(404);
  });

  it('does not need a CSRF token for Bearer writes', async () => {
    const { secret } = (await createKey(['api-keys:write'])).json();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { authorization: `Bearer ${secret}` },
      payload: { name: 'child', scopes: ['api-keys:read'] },
    });
    expect(res.statusCode).toBe(201);
  });
});
