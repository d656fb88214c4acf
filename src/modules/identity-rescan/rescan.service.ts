import type { Ctx } from '../../core/context.ts';
import { newId } from '../../core/ids.ts';
import type { IdentityRescanTable } from '../../db/schema.ts';
import { type Selectable, sql } from 'kysely';
import { enqueueJob } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/index.ts';
import type { Rescan, StartRescanInput } from './rescan.schemas.ts';
import { getRescanRow } from './rescan-run.ts';

/** The background job that runs a rescan (rescan.job.ts). */
export const IDENTITY_RESCAN_JOB = 'identity.rescan';

type RescanRow = Selectable<IdentityRescanTable>;

export function presentRescan(row: RescanRow): Rescan {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    status: row.status,
    dryRun: row.dryRun,
    progress: { done: row.done, total: row.total },
    summary: {
      compared: row.compared,
      merges: row.merges,
      mergedProfiles: row.mergedProfiles,
      queued: row.queued,
      related: row.related,
      removed: row.removed,
      skipped: row.skipped,
    },
    failure: row.failure,
    createdAt: new Date(row.createdAt).toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

/**
 * Starts a rescan of the whole organisation (issue 14, point 5): records it and queues its job.
 * One at a time per organisation: while one waits or runs, asking again answers that one.
 */
export async function startRescan(
  ctx: Ctx,
  input: StartRescanInput,
  options: { enqueue?: boolean } = {},
): Promise<{ id: string; status: 'queued' | 'running' }> {
  return ctx.db.transaction().execute(async (trx) => {
    // Serialises two simultaneous requests of one organisation (the second sees the first's row).
    await sql`select pg_advisory_xact_lock(hashtextextended(${`identity-rescan:${ctx.orgId}`}, 0))`.execute(trx);
    const active = await trx
      .selectFrom('identityRescan')
      .select(['id', 'status'])
      .where('status', 'in', ['queued', 'running'])
      .orderBy('createdAt', 'desc')
      .executeTakeFirst();
    if (active && options.enqueue !== false) return { id: active.id, status: active.status as 'queued' | 'running' };
    const id = newId('rsc');
    await trx
      .insertInto('identityRescan')
      .values({
        orgId: ctx.orgId,
        id,
        dryRun: input.dryRun,
        total: null,
        jobId: null,
        heartbeatAt: null,
        failure: null,
        createdByType: ctx.actor.actorType,
        createdById: ctx.actor.actorId,
        startedAt: null,
        finishedAt: null,
      })
      .execute();
    if (options.enqueue !== false) {
      const jobId = await enqueueJob(
        trx,
        IDENTITY_RESCAN_JOB,
        { orgId: ctx.orgId, rescanId: id },
        { orgId: ctx.orgId, dedupeKey: id, maxAttempts: 5 },
      );
      await trx.updateTable('identityRescan').set({ jobId }).where('id', '=', id).execute();
    }
    await recordAudit(
      ctx,
      input.dryRun ? 'identity.rescan_dry_run_started' : 'identity.rescan_started',
      { type: 'identity_rescan', id },
      { dryRun: input.dryRun },
      trx,
    );
    return { id, status: 'queued' as const };
  });
}

/** The organisation's unfinished rescan (queued, or running — or killed while running), if any. */
export async function findActiveRescan(ctx: Ctx): Promise<{ id: string; dryRun: boolean } | undefined> {
  return ctx.db
    .selectFrom('identityRescan')
    .select(['id', 'dryRun'])
    .where('status', 'in', ['queued', 'running'])
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}

/** One rescan with its progress and counters. */
export async function getRescan(ctx: Ctx, id: string): Promise<Rescan> {
  return presentRescan(await getRescanRow(ctx.db, id));
}

/** The organisation's latest rescans, newest first (the admin page shows the running or last one). */
export async function listRescans(ctx: Ctx, limit = 10): Promise<{ items: Rescan[] }> {
  const rows = await ctx.db
    .selectFrom('identityRescan')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return { items: rows.map(presentRescan) };
}
