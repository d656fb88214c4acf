import { type Kysely, sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { TenantScopePlugin } from '../../db/tenant-scope.plugin.ts';
import { loadMatchSettings } from '../identity/index.ts';
import { applySteps, storePlan } from './rescan-apply.ts';
import { PLAN_PAGE_SIZE, type PlanTimings, planRescan } from './rescan-plan.ts';
import { findBlockedPairs, findOpenQueuePairs } from './rescan-profiles.ts';

/** Plan steps (merges, queue changes) applied per transaction: one transaction, one checkpoint. */
export const RESCAN_BATCH_SIZE = 250;

/** Another worker took the rescan over (this one was taken as crashed): stop without writing. */
export class RescanTakenOver extends Error {}

export interface RescanProgress {
  phase: 'plan' | 'apply';
  /** Plan: profiles read of `of`; apply: steps applied of `of`. */
  done: number;
  of: number;
}

export interface RunRescanOptions {
  /** The job running it: its `locked_at` is the heartbeat the queue's stale check reads. */
  jobId?: string;
  /** Plan steps applied per transaction. */
  batchSize?: number;
  /** Profiles read per page while planning. */
  pageSize?: number;
  /**
   * After each page read and each committed batch (the CLI's progress bar): `done` of `total` are
   * the run's own progress (profiles read, then steps applied), `detail` the current phase's.
   */
  onProgress?: (done: number, total: number, detail: RescanProgress) => void;
  /** Once planned: where the time went (ms) and how many pairs were judged. */
  onPlanned?: (timings: PlanTimings, compared: number) => void;
}

/**
 * Beats the run's heartbeat (with `set`) while it is still running in `phase` (and, in the apply
 * phase, still at the checkpoint `applied`); otherwise another worker took it over: RescanTakenOver.
 * Inside a transaction the update also locks the run, so a second worker waits for this one.
 */
async function claim(
  db: TenantDb,
  rescanId: string,
  phase: 'plan' | 'apply',
  set: { done?: number } = {},
  applied?: number,
) {
  let q = db
    .updateTable('identityRescan')
    .set({ ...set, heartbeatAt: new Date() })
    .where('id', '=', rescanId)
    .where('status', '=', 'running')
    .where('phase', '=', phase);
  if (applied !== undefined) q = q.where('applied', '=', applied);
  const row = await q.returning('id').executeTakeFirst();
  if (!row) throw new RescanTakenOver();
}

/** Loads one rescan of the organisation, or 404. */
export async function getRescanRow(db: TenantDb, id: string) {
  const row = await db.selectFrom('identityRescan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Rescan');
  return row;
}

/**
 * Runs (or resumes) a rescan in two phases (issue 14 point 5).
 *
 * Plan: every profile of the organisation is read once, in pages, and judged against the profiles
 * sharing a blocking key in memory (rescan-plan.ts); the merges and queue changes it decides are
 * stored as numbered steps in the same transaction that ends the phase, so a run killed while
 * planning plans again from the start (nothing of it was written) and one killed later never does.
 *
 * Apply: the steps in batches, one transaction each that also moves the checkpoint (`applied`)
 * and adds the batch's counters, so a process killed in the middle resumes after the last
 * committed batch and counts nothing twice. A dry run stops after planning, with the counts.
 *
 * Progress: `total` is the number of profiles, then grows by the number of steps once they are
 * known; `done` counts profiles read, then steps applied.
 */
export async function runRescan(system: Kysely<DB>, orgId: string, rescanId: string, options: RunRescanOptions = {}) {
  const db = system.withPlugin(new TenantScopePlugin(orgId));
  let run = await getRescanRow(db, rescanId);
  if (run.status === 'done' || run.status === 'failed') return run;
  if (run.total === null || run.profiles === null) {
    const { n } = await db
      .selectFrom('guest')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('orgId', '=', orgId)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('identityRescan')
      .set({ total: Number(n), profiles: Number(n) })
      .where('id', '=', rescanId)
      .execute();
  }
  await db
    .updateTable('identityRescan')
    .set({ status: 'running', startedAt: run.startedAt ?? new Date(), heartbeatAt: new Date() })
    .where('id', '=', rescanId)
    .execute();
  run = await getRescanRow(db, rescanId);
  const beat = async (trx: Kysely<DB> = system) => {
    if (options.jobId)
      await trx.updateTable('job').set({ lockedAt: new Date() }).where('id', '=', options.jobId).execute();
  };

  if (run.phase === 'plan') {
    const profiles = run.profiles ?? 0;
    const settings = await loadMatchSettings(db, orgId);
    const [blocked, open] = await Promise.all([findBlockedPairs(db, orgId), findOpenQueuePairs(db, orgId)]);
    const plan = await planRescan(db, orgId, {
      settings,
      blocked,
      open,
      pageSize: options.pageSize ?? PLAN_PAGE_SIZE,
      onJudged: async () => {
        await claim(db, rescanId, 'plan');
        await beat();
      },
      onPage: async (read) => {
        const done = Math.min(read, profiles);
        await claim(db, rescanId, 'plan', { done });
        await beat();
        options.onProgress?.(done, profiles, { phase: 'plan', done, of: profiles });
      },
    });
    options.onPlanned?.(plan.timings, plan.counters.compared);
    await system.transaction().execute(async (raw) => {
      const trx = raw.withPlugin(new TenantScopePlugin(orgId));
      // Locks the run: a second worker that took it over while this one planned stores its plan
      // first, or waits here and finds the phase moved.
      await claim(trx, rescanId, 'plan');
      const c = plan.counters;
      const counts = {
        compared: c.compared,
        queued: c.queued,
        related: c.related,
        removed: c.removed,
        skipped: c.skipped,
      };
      if (run.dryRun) {
        await trx
          .updateTable('identityRescan')
          .set({ ...counts, merges: c.merges, mergedProfiles: c.mergedProfiles, done: profiles, total: profiles })
          .where('id', '=', rescanId)
          .execute();
        return;
      }
      const steps = await storePlan(trx, orgId, rescanId, plan);
      await trx
        .updateTable('identityRescan')
        .set({ ...counts, phase: 'apply', applied: 0, done: profiles, total: profiles + steps })
        .where('id', '=', rescanId)
        .execute();
    });
    run = await getRescanRow(db, rescanId);
  }

  if (!run.dryRun) {
    const size = options.batchSize ?? RESCAN_BATCH_SIZE;
    const profiles = run.profiles ?? 0;
    const total = run.total ?? profiles;
    let expected = run.applied;
    for (;;) {
      const next = await system.transaction().execute(async (raw) => {
        const trx = raw.withPlugin(new TenantScopePlugin(orgId));
        // Locks the run: a second worker that took it over waits here, then finds the checkpoint moved.
        await claim(trx, rescanId, 'apply', {}, expected);
        const ctx: Ctx = {
          db: trx,
          orgId,
          // Automatic merges are the system's, named after the run (the merge list shows who asked in the audit log).
          actor: { actorType: 'system', actorId: `identity-rescan:${rescanId}` },
          requestId: null,
          permissions: 'system',
        };
        const batch = await applySteps(ctx, trx, rescanId, expected, size);
        if (!batch) return null;
        const c = batch.counters;
        await trx
          .updateTable('identityRescan')
          .set((eb) => ({
            applied: batch.last,
            done: eb('done', '+', c.steps),
            merges: eb('merges', '+', c.merges),
            mergedProfiles: eb('mergedProfiles', '+', c.mergedProfiles),
            skipped: eb('skipped', '+', c.skipped),
          }))
          .where('id', '=', rescanId)
          .returning('done')
          .execute();
        await beat(raw);
        return { last: batch.last };
      });
      if (!next) break;
      expected = next.last;
      const row = await getRescanRow(db, rescanId);
      options.onProgress?.(Math.min(row.done, total), total, {
        phase: 'apply',
        done: row.done - profiles,
        of: total - profiles,
      });
    }
  }
  await system.transaction().execute(async (raw) => {
    const trx = raw.withPlugin(new TenantScopePlugin(orgId));
    const ended = await trx
      .updateTable('identityRescan')
      // Steps skipped (a profile erased meanwhile) count as done.
      .set({ status: 'done', done: sql<number>`coalesce(total, done)`, finishedAt: new Date(), heartbeatAt: null })
      .where('id', '=', rescanId)
      .where('status', '=', 'running')
      .returning('id')
      .executeTakeFirst();
    // The plan names profiles and holds reasons: it goes once applied.
    if (ended) await trx.deleteFrom('identityRescanStep').where('rescanId', '=', rescanId).execute();
  });
  return getRescanRow(db, rescanId);
}
