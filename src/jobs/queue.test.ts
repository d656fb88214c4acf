import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../test/support/db.ts';
import { enqueueJob, findJob, runNextJob, type JobHandler } from './queue.ts';

describe(`job queue (${engineName})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.database.system.insertInto('organisation').values({ id: 'org_j', name: 'J', settings: '{}' }).execute();
  });
  afterAll(() => t.destroy());
  const db = () => t.database.system;

  it('runs a job once and records its result', async () => {
    const id = await enqueueJob(db(), 'test.add-guest', { guestId: 'g-once' }, { orgId: 'org_j' });
    const handler: JobHandler = async (job, trx) => {
      await trx
        .insertInto('guest')
        .values({ orgId: 'org_j', id: String(job.payload.guestId), firstName: 'Job' })
        .execute();
      return { inserted: 1 };
    };
    expect(await runNextJob(db(), { 'test.add-guest': handler })).toBe(true);
    expect(await runNextJob(db(), { 'test.add-guest': handler })).toBe(false);
    const job = await findJob(db(), id);
    expect(job).toMatchObject({ status: 'done', attempts: 1, result: { inserted: 1 } });
    const rows = await db().selectFrom('guest').select('id').where('id', '=', 'g-once').execute();
    expect(rows).toHaveLength(1);
  });

  it('rolls back the effects of a failed attempt and retries later with backoff', async () => {
    let calls = 0;
    const id = await enqueueJob(db(), 'test.flaky', {}, { orgId: 'org_j', maxAttempts: 2 });
    const handler: JobHandler = async (_job, trx) => {
      calls++;
      await trx
        .insertInto('guest')
        .values({ orgId: 'org_j', id: `flaky-${calls}`, firstName: 'Half' })
        .execute();
      throw new Error('SMTP is down');
    };
    await runNextJob(db(), { 'test.flaky': handler });
    let job = await findJob(db(), id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, lastError: 'SMTP is down' });
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(await db().selectFrom('guest').select('id').where('id', 'like', 'flaky-%').execute()).toEqual([]);
    // Make it due again: the second failure is the last attempt.
    await db()
      .updateTable('job')
      .set({ runAt: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    await runNextJob(db(), { 'test.flaky': handler });
    job = await findJob(db(), id);
    expect(job).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('takes back a job whose worker died mid-run', async () => {
    const id = await enqueueJob(db(), 'test.crash', {});
    // Simulate a worker that claimed the job and was killed: running, locked long ago.
    await db()
      .updateTable('job')
      .set({ status: 'running', lockedAt: sql<Date>`now() - interval '1 hour'`, attempts: 1 })
      .where('id', '=', id)
      .execute();
    let ran = 0;
    await runNextJob(db(), { 'test.crash': async () => void ran++ }, { staleAfterMs: 60_000 });
    expect(ran).toBe(1);
    expect(await findJob(db(), id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('keeps one waiting job per dedupe key', async () => {
    const a = await enqueueJob(db(), 'test.dedupe', { n: 1 }, { dedupeKey: 'k' });
    const b = await enqueueJob(db(), 'test.dedupe', { n: 2 }, { dedupeKey: 'k' });
    expect(b).toBe(a);
  });

  it('gives concurrent workers different jobs', async () => {
    for (let i = 0; i < 6; i++) await enqueueJob(db(), 'test.parallel', { i });
    const seen: number[] = [];
    const handler: JobHandler = async (job) => void seen.push(Number(job.payload.i));
    await Promise.all(
      [0, 1, 2].map(async (w) => {
        while (await runNextJob(db(), { 'test.parallel': handler }, { workerId: `w${w}` })) {
          /* drain */
        }
      }),
    );
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
