import type { Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { TenantScopePlugin } from '../../db/tenant-scope.plugin.ts';
import { loadMatchSettings } from '../identity/index.ts';
import { type BatchCounters, rescanBatch } from './rescan-batch.ts';
import { findUndonePairs, nextProfileIds } from './rescan-profiles.ts';

/** Profiles per batch: one transaction, one checkpoint. */
export const RESCAN_BATCH_SIZE = 1000;

/** Another worker took the rescan over (this one was taken as crashed): stop without writing. */
export class RescanTakenOver extends Error {}

export interface RunRescanOptions {
  /** The job running it: its `locked_at` is the heartbeat the queue's stale check reads. */
  jobId?: string;
  batchSize?: number;
  /** After each committed batch (the CLI's progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** Loads one rescan of the organisation, or 404. */
export async function getRescanRow(db: TenantDb, id: string) {
  const row = await db.selectFrom('identityRescan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Rescan');
  return row;
}

/**
 * Runs (or resumes) a rescan: walks the organisation's profiles in id order from its checkpoint,
 * one batch per transaction that also moves the checkpoint and adds the batch's counters, so a
 * process killed in the middle resumes after the last committed batch and counts nothing twice.
 * A dry run walks the same way, writing only its own progress.
 */
export async function runRescan(system: Kysely<DB>, orgId: string, rescanId: string, options: RunRescanOptions = {}) {
  const db = system.withPlugin(new TenantScopePlugin(orgId));
  let run = await getRescanRow(db, rescanId);
  if (run.status === 'done' || run.status === 'failed') return run;
  if (run.total === null) {
    const { n } = await db
      .selectFrom('guest')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('orgId', '=', orgId)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('identityRescan')
      .set({ total: Number(n) })
      .where('id', '=', rescanId)
      .execute();
  }
  await db
    .updateTable('identityRescan')
    .set({ status: 'running', startedAt: run.startedAt ?? new Date(), heartbeatAt: new Date() })
    .where('id', '=', rescanId)
    .execute();
  run = await getRescanRow(db, rescanId);
  const settings = await loadMatchSettings(db, orgId);
  const state = {
    settings,
    undone: await findUndonePairs(db, orgId),
    dryRun: run.dryRun,
    mergedAway: new Set<string>(),
  };
  const size = options.batchSize ?? RESCAN_BATCH_SIZE;
  let expected = run.checkpoint;
  let done = run.done;
  const total = run.total ?? 0;
  for (;;) {
    const next = await system.transaction().execute(async (raw) => {
      const trx = raw.withPlugin(new TenantScopePlugin(orgId));
      // Locks the run: a second worker that took it over waits here, then finds the checkpoint moved.
      const claimed = await trx
        .updateTable('identityRescan')
        .set({ heartbeatAt: new Date() })
        .where('id', '=', rescanId)
        .where('status', '=', 'running')
        .where('checkpoint', '=', expected)
        .returning('id')
        .executeTakeFirst();
      if (!claimed) throw new RescanTakenOver();
      const ids = await nextProfileIds(trx, orgId, expected, size);
      if (!ids.length) return null;
      const ctx: Ctx = {
        db: trx,
        orgId,
        // Automatic merges are the system's, named after the run (the merge list shows who asked in the audit log).
        actor: { actorType: 'system', actorId: `identity-rescan:${rescanId}` },
        requestId: null,
        permissions: 'system',
      };
      const c = await rescanBatch(ctx, trx, state, ids);
      const checkpoint = ids[ids.length - 1]!;
      await trx
        .updateTable('identityRescan')
        .set((eb) => ({
          checkpoint,
          ...Object.fromEntries((Object.keys(c) as (keyof BatchCounters)[]).map((k) => [k, eb(k, '+', c[k])] as const)),
        }))
        .where('id', '=', rescanId)
        .execute();
      if (options.jobId)
        await raw.updateTable('job').set({ lockedAt: new Date() }).where('id', '=', options.jobId).execute();
      return { checkpoint, done: c.done };
    });
    if (!next) break;
    expected = next.checkpoint;
    done += next.done;
    options.onProgress?.(Math.min(done, total), total);
  }
  await db
    .updateTable('identityRescan')
    // Profiles merged away before their page came count as done.
    .set({ status: 'done', done: total, finishedAt: new Date(), heartbeatAt: null })
    .where('id', '=', rescanId)
    .where('status', '=', 'running')
    .execute();
  return getRescanRow(db, rescanId);
}
