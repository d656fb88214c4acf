import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { queueEmail } from '../email/index.ts';

type Json = Record<string, unknown>;

describe(`guest merges under concurrency, chains and linked records (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: method === 'GET' ? { cookie: s.cookie } : s.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const guest = async (firstName: string, lastName = 'Quinn') => {
    const res = await call('POST', '/api/v1/guests', { firstName, lastName });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const merge = (guestIds: string[], survivorId: string) =>
    call('POST', '/api/v1/guests/merge', { guestIds, survivorId });
  const db = () => t.database.forOrg(t.orgId);

  it('lets only one of two overlapping merges through, whatever the timing', async () => {
    const [a, b, c] = [await guest('Ann'), await guest('Bea'), await guest('Cy')];
    const results = await Promise.all([merge([a, b], a), merge([b, c], c)]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes, results.map((r) => r.body).join('\n')).toEqual([201, 404]);
    const refused = results.find((r) => r.statusCode === 404);
    expect(refused?.json().error.details[0].field).toMatch(/^guestIds\.\d$/);
    const left = await db().selectFrom('guest').select('id').where('id', 'in', [a, b, c]).execute();
    expect(left).toHaveLength(2);
  });

  it('undoes a merge once even when two undos race', async () => {
    const [a, b] = [await guest('Dee'), await guest('Dee')];
    const m = (await merge([a, b], a)).json().merge;
    const results = await Promise.all([
      call('POST', `/api/v1/merges/${m.id}/undo`),
      call('POST', `/api/v1/merges/${m.id}/undo`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().error.code).toBe('merge_already_undone');
  });

  it('follows merge chains and asks to undo the later merge first', async () => {
    const [a, b, c] = [await guest('Eli'), await guest('Eli'), await guest('Eli')];
    const first = (await merge([a, b], a)).json().merge;
    const second = (await merge([c, a], c)).json().merge;
    const res = await call('GET', `/api/v1/guests/${b}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'guest_merged', details: [{ message: c }] });
    const blocked = await call('POST', `/api/v1/merges/${first.id}/undo`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toMatchObject({ code: 'survivor_merged', details: [{ message: c }] });
    expect((await call('POST', `/api/v1/merges/${second.id}/undo`)).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/merges/${first.id}/undo`)).statusCode).toBe(200);
    for (const id of [a, b, c]) expect((await call('GET', `/api/v1/guests/${id}`)).statusCode).toBe(200);
    const audit = await db()
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('action', 'in', ['guest.merged', 'guest.unmerged'])
      .where('entityId', 'in', [a, c])
      .orderBy('createdAt')
      .execute();
    expect(audit.map((r) => `${r.action} ${r.entityId}`)).toEqual([
      `guest.merged ${a}`,
      `guest.merged ${c}`,
      `guest.unmerged ${c}`,
      `guest.unmerged ${a}`,
    ]);
  });

  it('moves the account, resolver decisions and duplicate pairs to the survivor and gives them back', async () => {
    const [a, b, x] = [await guest('Flo'), await guest('Flo'), await guest('Flo', 'Other')];
    const now = new Date();
    await db()
      .insertInto('customerAccount')
      .values({
        orgId: t.orgId,
        id: 'acc_flo',
        guestId: b,
        username: 'flo@example.com',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db()
      .updateTable('guest')
      .set({ userId: 'acc_flo', username: 'flo@example.com' })
      .where('id', '=', b)
      .execute();
    const [pa, pb] = [b, x].sort() as [string, string];
    await db()
      .insertInto('duplicateCandidate')
      .values({
        orgId: t.orgId,
        guestA: pa,
        guestB: pb,
        kind: 'candidate',
        score: 0.8,
        rule: 'name',
        status: 'dismissed',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db()
      .insertInto('identityDecision')
      .values({
        orgId: t.orgId,
        id: 'idd_flo',
        guestId: b,
        source: 'api',
        role: 'customer',
        outcome: 'created',
        rule: 'new',
        score: 0,
        createdAt: now,
      })
      .execute();
    const pairOf = async (g: string) =>
      db()
        .selectFrom('duplicateCandidate')
        .select(['guestA', 'guestB', 'status'])
        .where((eb) => eb.or([eb('guestA', '=', g), eb('guestB', '=', g)]))
        .execute();

    const res = await merge([a, b], a);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().guest).toMatchObject({ userId: 'acc_flo', username: 'flo@example.com' });
    const account = () =>
      db().selectFrom('customerAccount').select('guestId').where('id', '=', 'acc_flo').executeTakeFirstOrThrow();
    expect((await account()).guestId).toBe(a);
    expect((await pairOf(a)).map((p) => p.status)).toEqual(['dismissed']);
    const decision = () =>
      db().selectFrom('identityDecision').select('guestId').where('id', '=', 'idd_flo').executeTakeFirstOrThrow();
    expect((await decision()).guestId).toBe(a);

    const undone = await call('POST', `/api/v1/merges/${res.json().merge.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    const [survivor, restored] = undone.json().guests as Json[];
    expect(survivor).toMatchObject({ id: a, userId: null, username: null });
    expect(restored).toMatchObject({ id: b, userId: 'acc_flo', username: 'flo@example.com' });
    expect((await account()).guestId).toBe(b);
    expect((await decision()).guestId).toBe(b);
    expect(await pairOf(a)).toEqual([]);
    expect(await pairOf(b)).toEqual([{ guestA: pa, guestB: pb, status: 'dismissed' }]);
  });

  it("moves the merged profile's mail log to the survivor and gives it back on undo", async () => {
    const [a, b] = [await guest('Mia', 'Post'), await guest('Mia', 'Post')];
    const ctx = {
      db: db(),
      orgId: t.orgId,
      actor: { actorType: 'system', actorId: null },
      requestId: null,
      permissions: 'system' as const,
    };
    const { id } = await queueEmail(ctx, db(), {
      event: 'booking.confirmation',
      to: 'mia@example.com',
      data: { firstName: 'Mia', reference: 'CL-MIAPOST1' },
      guestId: b,
    });
    const owner = async () =>
      (await db().selectFrom('emailMessage').select('guestId').where('id', '=', id).executeTakeFirstOrThrow()).guestId;
    const res = await merge([a, b], a);
    expect(res.statusCode, res.body).toBe(201);
    expect(await owner()).toBe(a);
    const undone = await call('POST', `/api/v1/merges/${res.json().merge.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await owner()).toBe(b);
  });

  it('handles every table that points at a guest (a new one must be taught to the merge)', async () => {
    const rows = await sql<{ name: string }>`
      select distinct conrelid::regclass::text as name from pg_constraint
       where contype = 'f' and confrelid = 'guest'::regclass order by 1`.execute(t.database.system);
    expect(rows.rows.map((r) => r.name)).toEqual([
      'booking',
      'booking_guest',
      'company_contact', // companies/company-merge.ts
      'customer_account',
      'duplicate_candidate',
      'guest_address',
      'guest_consent',
      'guest_email',
      'guest_history',
      'guest_note',
      'guest_phone',
      'identity_decision',
    ]);
  });
});
