import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { HOUSEKEEPING_JOB, KEEP, runDailyHousekeeping, runHousekeeping, scheduleHousekeeping } from './housekeeping.ts';

const DAY = 24 * 3600_000;

describe('daily housekeeping deletes operational records that have done their work', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('deletes what is older than its keep period and keeps the rest', async () => {
    const db = t.database.system;
    const org = t.orgId;
    const now = new Date();
    const old = (days: number) => new Date(now.getTime() - (days + 1) * DAY);
    const recent = new Date(now.getTime() - 3600_000);
    const owner = await t.login();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers: owner.headers,
      payload: { firstName: 'Ana', lastName: 'Housekeeping', emails: [{ email: 'hk@example.com' }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const guestId = created.json().id as string;
    await sql`insert into customer_account (org_id, id, guest_id, username)
              values (${org}, 'acc_hk', ${guestId}, 'hk@example.com')`.execute(db);
    for (const [id, expires] of [
      ['cs_old', old(0)],
      ['cs_new', new Date(now.getTime() + DAY)],
    ] as const)
      await sql`insert into customer_session (org_id, id, account_id, csrf_token, expires_at)
                values (${org}, ${id}, 'acc_hk', 'x', ${expires})`.execute(db);
    for (const [id, expires] of [
      ['ct_old', old(KEEP.customerTokenDays)],
      ['ct_new', recent],
    ] as const)
      await sql`insert into customer_token (org_id, id, account_id, purpose, expires_at)
                values (${org}, ${id}, 'acc_hk', 'set_password', ${expires})`.execute(db);
    for (const [id, at] of [
      ['sie_old', old(KEEP.signInEventDays)],
      ['sie_new', recent],
    ] as const)
      await sql`insert into sign_in_event (org_id, id, kind, subject_type, subject_id, email, ip, failures, created_at)
                values (${org}, ${id}, 'source_delayed', 'customer', 'acc_hk', 'hk@example.com', '203.0.113.9', 5, ${at})`.execute(
        db,
      );
    for (const [device, at] of [
      ['dev_old', old(KEEP.signInDeviceDays)],
      ['dev_new', recent],
    ] as const)
      await sql`insert into sign_in_device (account_key, device, last_seen_at) values ('k', ${device}, ${at})`.execute(
        db,
      );
    for (const [key, at] of [
      ['st_old', old(KEEP.siteThrottleDays)],
      ['st_new', recent],
    ] as const)
      await sql`insert into site_throttle (key, window_start, hits) values (${key}, ${at}, 1)`.execute(db);
    for (const [id, status, at] of [
      ['cart_old', 'active', old(KEEP.abandonedCartDays)],
      ['cart_new', 'active', recent],
      ['cart_booked', 'converted', old(KEEP.abandonedCartDays)],
    ] as const)
      await sql`insert into cart (org_id, id, status, customer_name, last_activity_at)
                values (${org}, ${id}, ${status}, 'Ana Housekeeping', ${at})`.execute(db);
    for (const [id, at] of [
      ['sc_old', old(KEEP.siteCheckoutDays)],
      ['sc_new', recent],
    ] as const)
      await sql`insert into site_checkout (org_id, id, idempotency_key, cart_id, created_at)
                values (${org}, ${id}, ${id}, 'cart_new', ${at})`.execute(db);
    for (const [id, status, at] of [
      ['job_done_old', 'done', old(KEEP.doneJobDays)],
      ['job_done_new', 'done', recent],
      ['job_failed_mid', 'failed', old(KEEP.doneJobDays)],
      ['job_failed_old', 'failed', old(KEEP.failedJobDays)],
      ['job_queued_old', 'queued', null],
    ] as const)
      await sql`insert into job (id, org_id, name, payload, status, finished_at, created_at)
                values (${id}, ${org}, 'test.job', '{"email":"hk@example.com"}', ${status}, ${at}, ${old(400)})`.execute(
        db,
      );

    const deleted = await runHousekeeping(db, now);
    expect(deleted).toMatchObject({
      customerSessions: 1,
      customerTokens: 1,
      signInEvents: 1,
      signInDevices: 1,
      siteThrottle: 1,
      abandonedCarts: 1,
      siteCheckouts: 1,
      doneJobs: 1,
      failedJobs: 1,
    });
    const ids = async (table: string, column = 'id') =>
      (
        await sql<{ v: string }>`select ${sql.ref(column)} as v from ${sql.table(table)} order by 1`.execute(db)
      ).rows.map((r) => r.v);
    expect(await ids('customer_session')).toEqual(['cs_new']);
    expect(await ids('customer_token')).toEqual(['ct_new']);
    expect(await ids('sign_in_event')).toEqual(['sie_new']);
    expect((await ids('sign_in_device', 'device')).filter((d) => d.startsWith('dev_'))).toEqual(['dev_new']);
    expect(await ids('site_throttle', 'key')).toEqual(['st_new']);
    expect(await ids('cart')).toEqual(['cart_booked', 'cart_new']);
    expect(await ids('site_checkout')).toEqual(['sc_new']);
    expect((await ids('job')).filter((id) => id.startsWith('job_'))).toEqual([
      'job_done_new',
      'job_failed_mid',
      'job_queued_old',
    ]);
    // A second run finds nothing more to delete.
    expect(Object.values(await runHousekeeping(db, now)).every((n) => n === 0)).toBe(true);
  });

  it('runs every day: each run queues the next one, and start-up adds no second run for the same day', async () => {
    const db = t.database.system;
    const now = new Date('2026-12-07T10:00:00Z');
    const today = await scheduleHousekeeping(db, now);
    expect(await scheduleHousekeeping(db, now)).toBe(today);
    const result = await runDailyHousekeeping(db, now);
    expect(result.next).toBe('2026-12-08T02:30:00.000Z');
    const next = await db
      .selectFrom('job')
      .select(['runAt', 'dedupeKey'])
      .where('name', '=', HOUSEKEEPING_JOB)
      .where('dedupeKey', '=', 'day:2026-12-08')
      .executeTakeFirstOrThrow();
    expect(new Date(next.runAt).toISOString()).toBe('2026-12-08T02:30:00.000Z');
  });
});
