import type { Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { DB } from '../../db/schema.ts';
import { TenantScopePlugin } from '../../db/tenant-scope.plugin.ts';
import { enqueueJob, type JobHandler } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/index.ts';
import { deleteGuest } from '../guests/index.ts';
import { findInactiveGuests, getPrivacySettings, retentionCutoff } from './retention.service.ts';
import { withSavepoints } from './savepoint-db.ts';

/** The daily retention job (P-6): without `orgId` it queues one run per organisation with the rule on. */
export const RETENTION_JOB = 'privacy.retention';
/** Guests erased per job run (one transaction); a full batch queues the next run at once. */
export const RETENTION_BATCH = 100;

interface RetentionPayload {
  orgId?: string;
  afterId?: string | null;
  erased?: number;
  skipped?: number;
  failed?: number;
  cutoff?: string;
  /** Batch size (tests); RETENTION_BATCH by default. */
  limit?: number;
}

const dayKey = (d: Date) => `daily:${d.toISOString().slice(0, 10)}`;

/** Queues today's retention run (start-up); the run queues tomorrow's. At most one per day waits. */
export async function scheduleRetention(system: Kysely<DB>, now = new Date()): Promise<string> {
  return enqueueJob(system, RETENTION_JOB, {}, { dedupeKey: dayKey(now) });
}

async function dispatch(trx: Kysely<DB>): Promise<Record<string, unknown>> {
  const orgs = await trx.selectFrom('privacySetting').select('orgId').where('retentionYears', 'is not', null).execute();
  for (const { orgId } of orgs) {
    await enqueueJob(trx, RETENTION_JOB, { orgId }, { orgId, dedupeKey: `org:${orgId}` });
  }
  const tomorrow = new Date(Date.now() + 24 * 3600_000);
  tomorrow.setUTCHours(3, 0, 0, 0);
  await enqueueJob(trx, RETENTION_JOB, {}, { runAt: tomorrow, dedupeKey: dayKey(tomorrow) });
  return { organisations: orgs.length, next: tomorrow.toISOString() };
}

/**
 * Erases one batch of an organisation's inactive guests through `deleteGuest` (the same path as
 * "Delete guest": the erasure reaches every copy), skipping any with an upcoming booking; writes its
 * progress on the job row and queues the next batch when this one was full.
 */
async function runBatch(jobId: string, trx: Kysely<DB>, p: RetentionPayload & { orgId: string }) {
  const db = trx.withPlugin(new TenantScopePlugin(p.orgId));
  const settings = await getPrivacySettings(db);
  if (settings.retentionYears === null) return { off: true };
  // One cutoff for every batch of a run, so a run ends.
  const cutoff = p.cutoff ? new Date(p.cutoff) : retentionCutoff(settings.retentionYears);
  const ctx: Ctx = {
    db: withSavepoints(db),
    orgId: p.orgId,
    actor: { actorType: 'system', actorId: RETENTION_JOB },
    requestId: null,
    permissions: 'system',
  };
  const limit = p.limit ?? RETENTION_BATCH;
  const ids = await findInactiveGuests(db, cutoff, p.afterId ?? null, limit);
  const totals = { erased: p.erased ?? 0, skipped: p.skipped ?? 0, failed: p.failed ?? 0 };
  for (const [i, id] of ids.entries()) {
    try {
      await deleteGuest(ctx, id, 'retention');
      totals.erased++;
    } catch (err) {
      // Booked since the batch was read (guest_has_upcoming_bookings) or gone: left for another day.
      if (err instanceof AppError) totals.skipped++;
      else totals.failed++;
    }
    if ((i + 1) % 25 === 0 || i === ids.length - 1) {
      await trx
        .updateTable('job')
        .set({ progress: JSON.stringify({ ...totals, batch: ids.length, done: i + 1 }) })
        .where('id', '=', jobId)
        .execute();
    }
  }
  const more = ids.length === limit;
  if (more) {
    await enqueueJob(
      trx,
      RETENTION_JOB,
      { orgId: p.orgId, afterId: ids.at(-1), cutoff: cutoff.toISOString(), limit: p.limit, ...totals },
      { orgId: p.orgId },
    );
  } else {
    await recordAudit(
      ctx,
      'privacy.retention_run',
      { type: 'organisation', id: p.orgId },
      { years: settings.retentionYears, cutoff: cutoff.toISOString(), ...totals },
      db,
    );
  }
  return { ...totals, batch: ids.length, more, cutoff: cutoff.toISOString() };
}

/** Background work of the retention rule, run by the job worker. */
export const retentionJobHandlers: Record<string, JobHandler> = {
  [RETENTION_JOB]: async (job, trx) => {
    const payload = job.payload as RetentionPayload;
    if (!payload.orgId) return dispatch(trx);
    return runBatch(job.id, trx, { ...payload, orgId: payload.orgId });
  },
};
