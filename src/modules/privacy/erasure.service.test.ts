import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { eraseGuest, eraseGuestIn, privacyJobHandlers, VACUUM_JOB } from './index.ts';

/** The erasure's contract for its callers (delete, replace-guest, self-deletion, retention). */
describe(`eraseGuest (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
  });
  afterAll(() => t.close());

  const ctx = () => ({
    db: t.database.forOrg(t.orgId),
    orgId: t.orgId,
    actor: { actorType: 'system', actorId: null },
    requestId: null,
    permissions: 'system' as const,
  });
  const guest = async (body: object) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/guests', headers: s.headers, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const get = (id: string) => t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}`, headers: s.headers });

  it('erases inside a transaction the caller holds, and rolls back with it', async () => {
    const id = await guest({ firstName: 'Rollback', lastName: 'Person', email: 'rollback.person@example.org' });
    await expect(
      ctx()
        .db.transaction()
        .execute(async (trx) => {
          const result = await eraseGuestIn(trx, ctx(), id);
          expect(result.erasureId).toMatch(/^ers_/);
          throw new Error('caller fails later');
        }),
    ).rejects.toThrow('caller fails later');
    expect((await get(id)).statusCode).toBe(200);
    const result = await eraseGuest(ctx(), id, { reason: 'retention' });
    expect((await get(id)).statusCode).toBe(404);
    const entry = await t.database.system
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', result.erasureId)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'guest.erased', entityType: 'erasure', actorType: 'system' });
    expect(JSON.stringify(entry.data)).not.toMatch(/rollback|person|example/i);
    expect(entry.data).toMatchObject({ reason: 'retention' });
  });

  it('erasing one side of an undone merge leaves the other person whole', async () => {
    const keep = await guest({ firstName: 'Keeper', lastName: 'Whole', email: 'keeper.whole@example.org' });
    const gone = await guest({ firstName: 'Leaver', lastName: 'Gone', email: 'leaver.gone@example.org' });
    const merged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests/merge',
      headers: s.headers,
      payload: { guestIds: [keep, gone], survivorId: keep },
    });
    expect(merged.statusCode, merged.body).toBe(201);
    const mergeId = merged.json<{ merge: { id: string } }>().merge.id;
    const undo = await t.app.inject({ method: 'POST', url: `/api/v1/merges/${mergeId}/undo`, headers: s.headers });
    expect(undo.statusCode, undo.body).toBe(200);
    await eraseGuest(ctx(), gone);
    expect((await get(gone)).statusCode).toBe(404);
    expect((await get(keep)).json()).toMatchObject({ firstName: 'Keeper', email: 'keeper.whole@example.org' });
    const merge = await t.database.system
      .selectFrom('guestMerge')
      .selectAll()
      .where('id', '=', mergeId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(merge)).not.toMatch(/leaver|gone@/i);
  });

  it('answers 404 for an unknown or another organisation’s guest, and 4xx for hostile ids', async () => {
    const other = await t.createOrg('Other hotel');
    const theirs = await eraseGuest(ctx(), 'gst_unknown').catch((e: unknown) => e);
    expect(theirs).toMatchObject({ code: 'guest_not_found' });
    const otherCtx = { ...ctx(), db: t.database.forOrg(other.orgId), orgId: other.orgId };
    const mine = await guest({ firstName: 'Mine', lastName: 'Only' });
    await expect(eraseGuest(otherCtx, mine)).rejects.toMatchObject({ code: 'guest_not_found' });
    expect((await get(mine)).statusCode).toBe(200);
    for (const id of ['%00', 'x'.repeat(65), "gst_1' or '1'='1"]) {
      const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${id}`, headers: s.headers });
      expect(res.statusCode, id).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, id).toBeLessThan(500);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${mine}` })).statusCode).toBe(401);
    const readOnly = await t.addStaff('read_only');
    const ro = await t.login(readOnly.email, readOnly.password);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/guests/${mine}`, headers: ro.headers })).statusCode,
    ).toBe(403);
  });

  it('the vacuum job runs outside a transaction and only on tables of the registry', async () => {
    await t.database.system.deleteFrom('job').execute();
    const id = await guest({ firstName: 'Vacuum', lastName: 'Me' });
    await eraseGuest(ctx(), id);
    await t.database.system
      .updateTable('job')
      .set({ payload: JSON.stringify({ tables: ['guest', 'staff_user', 'guest; drop table guest'] }) })
      .where('name', '=', VACUUM_JOB)
      .execute();
    expect(await runNextJob(t.database.system, privacyJobHandlers)).toBe(true);
    const job = await t.database.system
      .selectFrom('job')
      .selectAll()
      .where('name', '=', VACUUM_JOB)
      .executeTakeFirstOrThrow();
    expect(job.status, job.lastError ?? '').toBe('done');
    expect(job.result).toEqual({ vacuumed: ['guest'] });
  });
});
