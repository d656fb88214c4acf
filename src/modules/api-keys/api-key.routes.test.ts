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

describe(`API key scopes follow the grant rule (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
  });
  afterAll(() => t.close());

  const create = async (scopes: string[], headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers, payload: { name: 'k', scopes } });
  const keyWith = async (scopes: string[]) => {
    const res = await create(scopes, owner.headers);
    expect(res.statusCode).toBe(201);
    const { id, secret } = res.json<{ id: string; secret: string }>();
    return { id, headers: { authorization: `Bearer ${secret}` } };
  };

  it('refuses every scope beyond the holder with 403 scope_not_held, and allows those it holds', async () => {
    const reader = await keyWith(['api-keys:write', 'guests:read']);
    const writer = await keyWith(['api-keys:write', 'guests:write', 'personal-data:read']);
    const cases: [{ headers: Record<string, string> }, string[], number][] = [
      [reader, ['guests:read'], 201],
      [reader, ['api-keys:write'], 201],
      [reader, ['api-keys:read', 'guests:read'], 201],
      [reader, ['guests:write'], 403],
      [reader, ['personal-data:read'], 403],
      [reader, ['guests:read', 'bookings:read'], 403],
      [reader, ['admin'], 403],
      [writer, ['guests:read', 'personal-data:read'], 201],
      [writer, ['bookings:write'], 403],
      [writer, ['admin'], 403],
      [{ headers: owner.headers }, ['admin'], 201],
    ];
    for (const [who, scopes, status] of cases) {
      const res = await create(scopes, who.headers);
      expect.soft(res.statusCode, scopes.join(',')).toBe(status);
      if (status === 403)
        expect.soft(res.json().error, scopes.join(',')).toMatchObject({
          code: 'scope_not_held',
          details: [{ field: 'scopes' }],
        });
    }
    expect((await create(['guests:write'], reader.headers)).json().error.message).toContain('guests:write');
  });

  it('lets a key revoke only keys whose scopes it holds', async () => {
    const small = await keyWith(['api-keys:write', 'guests:read']);
    const admin = await keyWith(['admin']);
    const peer = await keyWith(['guests:read']);
    const revoke = (id: string, headers: Record<string, string>) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, headers });
    const denied = await revoke(admin.id, small.headers);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('scope_not_held');
    expect((await revoke(peer.id, small.headers)).statusCode).toBe(204);
    expect((await revoke(admin.id, owner.headers)).statusCode).toBe(204);
  });
});
