import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFromEmail } from '../../../test/support/accounts.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { backfillGuestSystemGroups } from '../../db/migrations/2026-12-03-0602-guest-system-groups.ts';
import { ensureAccountForGuest } from '../accounts/index.ts';

/** Issue 11 point 22: Visitor / Guest / Customer follow bookings and accounts; a staff choice sticks. */
describe(`default groups (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let roomTypeId: string;
  const group: Record<'visitor' | 'guest' | 'customer', string> = { visitor: '', guest: '', customer: '' };
  let vip: string;

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    ({ roomTypeId } = await t.addRoomType(s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 50 }));
    const groups = (await t.app.inject({ method: 'GET', url: '/api/v1/groups', headers: s.headers })).json().items;
    for (const g of groups as { id: string; systemKind: keyof typeof group | null }[])
      if (g.systemKind) group[g.systemKind] = g.id;
    vip = (
      await t.app.inject({ method: 'POST', url: '/api/v1/groups', headers: s.headers, payload: { name: 'VIP club' } })
    ).json().id;
  });
  afterAll(() => t.close());

  const createGuest = async (payload: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers: s.headers,
      payload: { firstName: 'Grupo', lastName: `Test${Math.random()}`, ...payload },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const read = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}`, headers: s.headers })).json<{
      groupIds: string[];
      systemGroupManual: boolean;
    }>();
  const defaultsOf = async (id: string) => {
    const ids = (await read(id)).groupIds;
    return Object.entries(group)
      .filter(([, gid]) => ids.includes(gid))
      .map(([kind]) => kind);
  };
  const book = async (customer: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: s.headers,
      payload: { checkIn: '2027-09-01', checkOut: '2027-09-03', roomTypeId, source: 'staff', customer },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; customerId: string }>();
  };
  const cancel = (id: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/bookings/${id}/cancel`, headers: s.headers });
  const giveAccount = (guestId: string, email: string) =>
    t.database
      .forOrg(t.orgId)
      .transaction()
      .execute(async (trx) =>
        ensureAccountForGuest(
          {
            db: trx,
            orgId: t.orgId,
            actor: { actorType: 'system', actorId: null },
            requestId: null,
            permissions: 'system' as const,
          },
          trx,
          { guestId, email },
        ),
      );

  it('puts a new guest in Visitor, a booker in Guest, back in Visitor when the booking is cancelled', async () => {
    const id = await createGuest({ groupIds: [vip] });
    expect(await defaultsOf(id)).toEqual(['visitor']);
    expect((await read(id)).groupIds).toContain(vip);
    const b = await book({ guestId: id });
    expect(await defaultsOf(id)).toEqual(['guest']);
    expect((await cancel(b.id)).statusCode).toBe(200);
    expect(await defaultsOf(id)).toEqual(['visitor']);
    expect((await read(id)).groupIds).toContain(vip);
    expect((await read(id)).systemGroupManual).toBe(false);
  });

  it('puts a person first met through a booking (one or a batch) in Guest', async () => {
    const one = await book({ firstName: 'Nueva', lastName: 'Reserva', email: 'nueva.reserva@example.org' });
    expect(await defaultsOf(one.customerId)).toEqual(['guest']);
    const batch = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/batch',
      headers: s.headers,
      payload: {
        bookings: [
          {
            checkIn: '2027-10-01',
            checkOut: '2027-10-02',
            roomTypeId,
            source: 'ota',
            externalRef: 'grp-batch-1',
            customer: { firstName: 'Lote', lastName: 'Uno', email: 'lote.uno@example.org' },
          },
        ],
      },
    });
    expect(batch.statusCode).toBe(200);
    expect(await defaultsOf(batch.json().results[0].booking.customerId)).toEqual(['guest']);
  });

  it('puts an account holder in Customer, and back when the account is cancelled', async () => {
    const id = await createGuest({ email: 'cuenta.cliente@example.org' });
    await book({ guestId: id });
    const { accountId } = await giveAccount(id, 'cuenta.cliente@example.org');
    // The account joins the profile when its e-mail is verified (the set-password link), not before.
    expect(await defaultsOf(id)).toEqual(['guest']);
    const token = await tokenFromEmail(t, 'account.created', 'cuenta.cliente@example.org');
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/set-password',
      payload: { token, password: 'lantern-orchard-73' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(await defaultsOf(id)).toEqual(['customer']);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/cancel`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect(await defaultsOf(id)).toEqual(['guest']);
  });

  it('keeps a default group chosen by hand, shown as manual, until staff go back to automatic', async () => {
    const id = await createGuest();
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/guests/${id}`, headers: s.headers, payload });
    const current = (await read(id)).groupIds.filter((g) => g !== group.visitor);
    expect((await patch({ groupIds: [...current, group.customer] })).statusCode).toBe(200);
    expect(await read(id)).toMatchObject({ systemGroupManual: true });
    const b = await book({ guestId: id });
    await cancel(b.id);
    expect(await defaultsOf(id)).toEqual(['customer']);
    const history = (
      await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}/history`, headers: s.headers })
    ).json().items;
    expect(history.some((h: { field: string }) => h.field === 'systemGroupManual')).toBe(true);
    expect((await patch({ systemGroupManual: false })).statusCode).toBe(200);
    expect(await defaultsOf(id)).toEqual(['visitor']);
    expect((await read(id)).systemGroupManual).toBe(false);
    const two = await patch({ groupIds: [group.guest, group.customer] });
    expect(two.statusCode).toBe(400);
    expect(JSON.stringify(two.json().error.details)).toContain('too_many_default_groups');
  });

  it('makes a bulk default-group choice manual and exclusive', async () => {
    const a = await createGuest();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests/bulk/groups',
      headers: s.headers,
      payload: { guestIds: [a], add: [group.guest] },
    });
    expect(res.statusCode).toBe(200);
    expect(await defaultsOf(a)).toEqual(['guest']);
    expect((await read(a)).systemGroupManual).toBe(true);
  });

  it('gives a merged profile one default group, from what the merged people did', async () => {
    const visitor = await createGuest();
    const booker = await createGuest();
    await book({ guestId: booker });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests/merge',
      headers: s.headers,
      payload: { guestIds: [visitor, booker], survivorId: visitor },
    });
    expect(res.statusCode).toBe(201);
    expect(await defaultsOf(visitor)).toEqual(['guest']);
  });

  it('backfills existing guests (the migration) and leaves manual choices alone', async () => {
    const auto = await createGuest();
    await book({ guestId: auto });
    const manual = await createGuest({ groupIds: [group.customer] });
    expect((await read(manual)).systemGroupManual).toBe(true);
    await t.database.system
      .updateTable('guest')
      .set({ groupIds: sql<string[]>`'{}'::text[]` })
      .where('id', 'in', [auto, manual])
      .execute();
    await backfillGuestSystemGroups(t.database.system as Kysely<unknown>);
    expect(await defaultsOf(auto)).toEqual(['guest']);
    expect(await defaultsOf(manual)).toEqual([]);
  });
});
