import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import type { StaffRole } from '../../db/schema.ts';
import { ROLE_PERMISSIONS } from '../auth/permissions.ts';

// Issue 11 point 2: nobody grants a role they do not hold; only owners give or touch the owner role.
const ROLES: StaffRole[] = ['owner', 'manager', 'reception', 'marketing', 'read_only'];
const NON_OWNER: StaffRole[] = ['manager', 'reception', 'marketing', 'read_only'];

interface Actor {
  name: string;
  headers: Record<string, string>;
  /** The roles this actor may give and change; undefined = refused at the door (no staff:write). */
  grantable?: StaffRole[];
}

describe(`the grant rule for staff roles (${engineName})`, () => {
  let t: TestApp;
  const actors: Actor[] = [];
  const pool = new Map<StaffRole, string[]>();

  const newKey = async (scopes: string[]) => {
    const owner = await t.login();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: owner.headers,
      payload: { name: scopes.join(' ').slice(0, 90), scopes },
    });
    expect(res.statusCode).toBe(201);
    return { authorization: `Bearer ${res.json<{ secret: string }>().secret}` };
  };
  const staffIdOf = async (email: string) =>
    (await t.database.system.selectFrom('staffUser').select('id').where('email', '=', email).executeTakeFirstOrThrow())
      .id;

  beforeAll(async () => {
    t = await createTestApp();
    actors.push({ name: 'owner session', headers: (await t.login()).headers, grantable: ROLES });
    for (const role of NON_OWNER) {
      const s = await t.addStaff(role);
      actors.push({ name: `${role} session`, headers: (await t.login(s.email, s.password)).headers });
    }
    actors.push({ name: 'key staff:write', headers: await newKey(['staff:write']), grantable: [] });
    actors.push({
      name: 'key staff:write + reception',
      headers: await newKey(['staff:write', ...ROLE_PERMISSIONS.reception]),
      grantable: ['reception'],
    });
    actors.push({
      name: 'key staff:write + manager',
      headers: await newKey(['staff:write', ...ROLE_PERMISSIONS.manager]),
      grantable: NON_OWNER,
    });
    actors.push({ name: 'key admin', headers: await newKey(['admin']), grantable: NON_OWNER });
    for (const role of ROLES) {
      const s = await t.addStaff(role);
      pool.set(role, [await staffIdOf(s.email)]);
    }
  });
  afterAll(() => t.close());

  // The code of the first refusal, checking the current role then the new one (as the service does).
  const expectedCode = (actor: Actor, roles: StaffRole[]) => {
    if (!actor.grantable) return 'missing_permission';
    for (const r of roles) {
      if (r === 'owner' && !actor.name.startsWith('owner')) return 'owner_role_required';
      if (!actor.grantable.includes(r)) return 'role_not_held';
    }
    return undefined;
  };

  let n = 0;
  it('lets each actor create exactly the roles it holds', async () => {
    const outcomes: string[] = [];
    for (const actor of actors) {
      for (const role of ROLES) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/staff',
          headers: actor.headers,
          payload: { name: 'New', email: `new${++n}@hotel.test`, role, password: 'staff-password-river-91' },
        });
        const code = expectedCode(actor, [role]);
        outcomes.push(
          `${actor.name} → ${role}: ${res.statusCode} ${res.statusCode === 201 ? 'created' : res.json().error.code}`,
        );
        expect.soft(res.statusCode, `${actor.name} creates ${role}`).toBe(code ? 403 : 201);
        if (code) expect.soft(res.json().error.code, `${actor.name} creates ${role}`).toBe(code);
      }
    }
    expect(outcomes.filter((o) => o.includes('created')).length).toBe(5 + 1 + 4 + 4);
  });

  it('lets each actor change a role only from and to roles it holds', async () => {
    for (const actor of actors) {
      for (const from of ROLES) {
        for (const to of ROLES) {
          const id = pool.get(from)?.[0];
          if (!id) throw new Error(`no ${from} left`);
          const res = await t.app.inject({
            method: 'PATCH',
            url: `/api/v1/staff/${id}`,
            headers: actor.headers,
            payload: { role: to },
          });
          const code = expectedCode(actor, [from, to]);
          expect.soft(res.statusCode, `${actor.name} changes ${from} → ${to}`).toBe(code ? 403 : 200);
          if (code) expect.soft(res.json().error.code, `${actor.name} changes ${from} → ${to}`).toBe(code);
          const row = await t.database.system
            .selectFrom('staffUser')
            .select('role')
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          expect.soft(row.role).toBe(code ? from : to);
          if (!code && from !== to) {
            pool.set(from, pool.get(from)!.slice(1));
            pool.set(to, [...(pool.get(to) ?? []), id]);
            if (!pool.get(from)!.length) {
              const s = await t.addStaff(from);
              pool.set(from, [await staffIdOf(s.email)]);
            }
          }
        }
      }
    }
  });

  it('lets only an owner deactivate an owner, and keys only the roles they hold', async () => {
    const owner = actors[0]!;
    const admin = actors.find((a) => a.name === 'key admin')!;
    const reception = actors.find((a) => a.name === 'key staff:write + reception')!;
    const otherOwner = await staffIdOf((await t.addStaff('owner')).email);
    const manager = await staffIdOf((await t.addStaff('manager')).email);
    const patch = (a: Actor, id: string) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/staff/${id}`, headers: a.headers, payload: { active: false } });
    expect((await patch(admin, otherOwner)).json().error.code).toBe('owner_role_required');
    expect((await patch(reception, manager)).json().error.code).toBe('role_not_held');
    expect((await patch(reception, manager)).statusCode).toBe(403);
    expect((await patch(admin, manager)).statusCode).toBe(200);
    expect((await patch(owner, otherOwner)).statusCode).toBe(200);
  });

  it('closes the reported path: a staff:write key cannot make an owner, so it cannot mint an admin key', async () => {
    const key = actors.find((a) => a.name === 'key staff:write')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: key.headers,
      payload: { name: 'Mallory', email: 'mallory@evil.test', role: 'owner', password: 'staff-password-river-91' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'owner_role_required', details: [{ field: 'role' }] });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'mallory@evil.test', password: 'staff-password-river-91' },
    });
    expect(login.statusCode).toBe(401);
    const mint = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: key.headers,
      payload: { name: 'x', scopes: ['admin'] },
    });
    expect(mint.statusCode).toBe(403);
  });
});
