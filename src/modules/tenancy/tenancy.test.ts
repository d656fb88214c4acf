import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

describe(`tenant isolation (${engineName})`, () => {
  let t: TestApp;
  let orgB: { orgId: string; email: string; password: string };
  beforeAll(async () => {
    t = await createTestApp();
    orgB = await t.createOrg('Hotel B');
    await t.database
      .forOrg(t.orgId)
      .insertInto('guest')
      .values({ id: 'gst_a1', firstName: 'Ana', email: 'ana@a.test' } as never)
      .execute();
    await t.database
      .forOrg(orgB.orgId)
      .insertInto('guest')
      .values({ id: 'gst_b1', firstName: 'Bea', email: 'bea@b.test' } as never)
      .execute();
  });
  afterAll(() => t.close());

  it("never shows organisation A's rows to organisation B, by session or by API key", async () => {
    const a = await t.login();
    const b = await t.login(orgB.email, orgB.password);
    const guestsA = (
      await t.app.inject({ method: 'GET', url: '/api/v1/guests', headers: { cookie: a.cookie } })
    ).json();
    const guestsB = (
      await t.app.inject({ method: 'GET', url: '/api/v1/guests', headers: { cookie: b.cookie } })
    ).json();
    expect(guestsA.items.map((g: { id: string }) => g.id)).toEqual(['gst_a1']);
    expect(guestsB.items.map((g: { id: string }) => g.id)).toEqual(['gst_b1']);
    expect(guestsB.total).toBe(1);

    const staffB = (await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: { cookie: b.cookie } })).json();
    expect(staffB.items.map((u: { email: string }) => u.email)).toEqual([orgB.email]);

    const keyA = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: a.headers,
        payload: { name: 'A tool', scopes: ['guests:read'] },
      })
    ).json();
    const viaKey = (
      await t.app.inject({ method: 'GET', url: '/api/v1/guests', headers: { authorization: `Bearer ${keyA.secret}` } })
    ).json();
    expect(viaKey.items.map((g: { id: string }) => g.id)).toEqual(['gst_a1']);
    const keysB = (
      await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: { cookie: b.cookie } })
    ).json();
    expect(keysB.items).toEqual([]);
  });

  it("cannot change or revoke another organisation's records by id", async () => {
    const a = await t.login();
    const b = await t.login(orgB.email, orgB.password);
    const staffA = (await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: { cookie: a.cookie } })).json()
      .items[0];
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${staffA.id}`,
      headers: b.headers,
      payload: { name: 'Hijacked' },
    });
    expect(patch.statusCode).toBe(404);
    const keyA = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: a.headers,
        payload: { name: 'A tool', scopes: ['guests:read'] },
      })
    ).json();
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${keyA.id}`, headers: b.headers });
    expect(revoke.statusCode).toBe(404);
    const stillA = (await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: { cookie: a.cookie } })).json()
      .items[0];
    expect(stillA.name).toBe(staffA.name);
  });
});
