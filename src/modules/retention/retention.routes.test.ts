import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { enqueueJob, runNextJob } from '../../jobs/queue.ts';
import { RETENTION_JOB, retentionJobHandlers, scheduleRetention } from './index.ts';

/** Issue 12 point 6 (P-6): "anonymise guests with no activity for N years". */
describe(`retention rule (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let roomTypeId: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    ({ roomTypeId } = await t.addRoomType(s, { name: 'Suite', capacity: 2, nightlyPrice: 200, roomCount: 10 }));
    const old = new Date('2019-03-01T10:00:00Z');
    for (const name of ['Dormant', 'Olderbooking', 'Recentnote', 'Upcoming', 'Recentstay', 'Fresh', 'Signedin']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/guests',
        headers: s.headers,
        payload: { firstName: name, lastName: 'Retention', email: `${name.toLowerCase()}@example.org` },
      });
      ids[name] = res.json<{ id: string }>().id;
    }
    const book = async (guestId: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          headers: s.headers,
          payload: { checkIn: '2027-05-01', checkOut: '2027-05-03', roomTypeId, customer: { guestId } },
        })
      ).json<{ id: string }>().id;
    const past = async (guestId: string, checkOut: string) =>
      t.database.system
        .updateTable('booking')
        .set({ checkIn: '2017-01-01', checkOut, status: 'checked_out' })
        .where('id', '=', await book(guestId))
        .execute();
    await past(ids.Olderbooking!, '2018-01-03');
    await past(ids.Recentstay!, new Date(Date.now() - 200 * 86400_000).toISOString().slice(0, 10));
    await book(ids.Upcoming!);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/guests/${ids.Recentnote}/notes`,
      headers: s.headers,
      payload: { body: 'Called about an old invoice' },
    });
    // Everyone but Fresh looks old on the profile itself.
    await t.database.system
      .updateTable('guest')
      .set({ createdAt: old, updatedAt: old, lastActivityAt: old })
      .where('id', '!=', ids.Fresh!)
      .execute();
    await t.database.system
      .insertInto('customerAccount')
      .values({
        orgId: t.orgId,
        id: 'cus_retention1',
        guestId: ids.Signedin!,
        username: 'signedin@example.org',
        createdAt: old,
        updatedAt: old,
        lastLoginAt: new Date(),
      })
      .execute();
  });
  afterAll(() => t.close());

  const get = (url: string, headers = s.headers) => t.app.inject({ method: 'GET', url, headers });
  const put = (payload: Record<string, unknown>, headers = s.headers) =>
    t.app.inject({ method: 'PUT', url: '/api/v1/settings/privacy', headers, payload });
  const exists = async (id: string | undefined) =>
    Boolean(await t.database.system.selectFrom('guest').select('id').where('id', '=', id!).executeTakeFirst());
  const runJobs = async () => {
    while (await runNextJob(t.database.system, retentionJobHandlers)) {
      /* drain */
    }
  };

  it('is off by default and previews how many guests N years would touch before it is on', async () => {
    const res = await get('/api/v1/settings/privacy');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ retentionYears: null, backupDays: 30 });
    const preview = await get('/api/v1/settings/privacy/retention/preview?years=3');
    expect(preview.statusCode, preview.body).toBe(200);
    // Dormant and Olderbooking; Upcoming's profile is old too, but a booking ahead is activity.
    expect(preview.json()).toMatchObject({ years: 3, guests: 2, blocked: 0 });
    const twenty = await get('/api/v1/settings/privacy/retention/preview?years=20');
    expect(twenty.json()).toMatchObject({ guests: 0 });
  });

  it('does nothing while off', async () => {
    await scheduleRetention(t.database.system);
    await runJobs();
    expect(await exists(ids.Dormant)).toBe(true);
  });

  it('erases inactive guests through the erasure path once on, and keeps the active and the booked', async () => {
    const saved = await put({ retentionYears: 3, backupDays: 14 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ retentionYears: 3, backupDays: 14 });
    await scheduleRetention(t.database.system, new Date('2026-01-01T00:00:00Z'));
    await runJobs();
    expect(await exists(ids.Dormant)).toBe(false);
    expect(await exists(ids.Olderbooking)).toBe(false);
    for (const kept of ['Recentnote', 'Upcoming', 'Recentstay', 'Fresh', 'Signedin']) {
      expect(await exists(ids[kept]), kept).toBe(true);
    }
    // The old booking stays without its guest (shown as *****).
    const b = await t.database.system
      .selectFrom('booking')
      .select(['customerId'])
      .where('checkOut', '=', '2018-01-03')
      .executeTakeFirstOrThrow();
    expect(b.customerId).toBeNull();
    const run = await t.database.system
      .selectFrom('job')
      .selectAll()
      .where('name', '=', RETENTION_JOB)
      .where('orgId', '=', t.orgId)
      .where('status', '=', 'done')
      .orderBy('createdAt', 'desc')
      .executeTakeFirstOrThrow();
    expect(run.progress).toMatchObject({ erased: 2, done: 2 });
    // One `guest.erased` entry per guest, by the system, saying why — and nothing naming the erased profile.
    const audits = await t.database.system
      .selectFrom('auditLog')
      .select(['data', 'actorType', 'entityId'])
      .where('action', '=', 'guest.erased')
      .where('orgId', '=', t.orgId)
      .execute();
    const byRetention = audits.filter((a) => (a.data as { reason?: string }).reason === 'retention');
    expect(byRetention).toHaveLength(2);
    expect(byRetention.every((a) => a.actorType === 'system' && a.entityId?.startsWith('ers_'))).toBe(true);
    const naming = await t.database.system
      .selectFrom('auditLog')
      .select('id')
      .where('entityId', 'in', [ids.Dormant!, ids.Olderbooking!])
      .execute();
    expect(naming).toEqual([]);
    // The next day's run is queued.
    const next = await t.database.system
      .selectFrom('job')
      .select('runAt')
      .where('name', '=', RETENTION_JOB)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    expect(next?.runAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('works in batches: a full batch queues the next one, progress adds up', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/guests',
        headers: s.headers,
        payload: { firstName: `Batch${i}`, lastName: 'Retention' },
      });
      await t.database.system
        .updateTable('guest')
        .set({
          createdAt: new Date('2015-01-01'),
          updatedAt: new Date('2015-01-01'),
          lastActivityAt: new Date('2015-01-01'),
        })
        .where('id', '=', res.json<{ id: string }>().id)
        .execute();
    }
    await enqueueJob(t.database.system, RETENTION_JOB, { orgId: t.orgId, limit: 2 }, { orgId: t.orgId });
    await runJobs();
    const runs = await t.database.system
      .selectFrom('job')
      .select(['progress', 'result'])
      .where('name', '=', RETENTION_JOB)
      .where('orgId', '=', t.orgId)
      .where('status', '=', 'done')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    expect(runs.map((r) => (r.result as { more: boolean }).more)).toEqual([false, true, true]);
    expect(runs[0]?.progress).toMatchObject({ erased: 5 });
    const left = await t.database.system
      .selectFrom('guest')
      .select('id')
      .where('orgId', '=', t.orgId)
      .where('lastName', '=', 'Retention')
      .where('firstName', 'like', 'Batch%')
      .execute();
    expect(left).toEqual([]);
  });

  it('guards the settings: 401, 403 without settings:write, 400 out of range or hostile', async () => {
    expect((await get('/api/v1/settings/privacy', {})).statusCode).toBe(401);
    const reader = await t.addStaff('read_only');
    const rs = await t.login(reader.email, reader.password);
    expect((await get('/api/v1/settings/privacy', rs.headers)).statusCode).toBe(200);
    expect((await put({ retentionYears: 5 }, rs.headers)).statusCode).toBe(403);
    const reception = await t.addStaff('reception');
    const rc = await t.login(reception.email, reception.password);
    expect((await get('/api/v1/settings/privacy/retention/preview?years=2', rc.headers)).statusCode).toBe(403);
    for (const body of [
      { retentionYears: 0 },
      { retentionYears: 21 },
      { retentionYears: '5' },
      { retentionYears: 3, x: 1 },
      {},
    ]) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
    for (const q of ['years=0', 'years=abc', 'years=%00', `years=${'9'.repeat(400)}`, '']) {
      const res = await get(`/api/v1/settings/privacy/retention/preview?${q}`);
      expect(res.statusCode, q).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, q).toBeLessThan(500);
    }
    const off = await put({ retentionYears: null });
    expect(off.json()).toMatchObject({ retentionYears: null, backupDays: 14 });
    // Another organisation has its own settings.
    const other = await t.createOrg('Other');
    const os = await t.login(other.email, other.password);
    expect((await get('/api/v1/settings/privacy', os.headers)).json()).toMatchObject({
      retentionYears: null,
      backupDays: 30,
    });
  });
});
