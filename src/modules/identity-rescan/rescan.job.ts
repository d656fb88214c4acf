import type { JobHandler } from '../../jobs/queue.ts';
import { IDENTITY_RESCAN_JOB } from './rescan.service.ts';
import { RescanTakenOver, runRescan } from './rescan-run.ts';

/** A silent rescan job is taken as crashed after this long (each batch refreshes its heartbeat). */
const STALE_AFTER_MS = 60_000;

/**
 * `identity.rescan`: runs or resumes one rescan outside the job's transaction (each batch commits
 * with its checkpoint) and refreshes the job's `locked_at` every batch, so a killed run is resumed
 * by the next worker that polls (on the embedded engine, the restarted server).
 */
export function rescanJobHandlers(options: { staleAfterMs?: number } = {}): Record<string, JobHandler> {
  const handler = async (job: Parameters<JobHandler>[0], db: Parameters<JobHandler>[1]) => {
    const { orgId, rescanId } = job.payload as { orgId?: unknown; rescanId?: unknown };
    if (typeof orgId !== 'string' || typeof rescanId !== 'string') return { skipped: 'bad payload' };
    try {
      const run = await runRescan(db, orgId, rescanId, { jobId: job.id });
      return { status: run.status, merges: run.merges };
    } catch (err) {
      if (err instanceof RescanTakenOver) return { takenOver: true };
      if (job.attempts >= job.maxAttempts) {
        await db
          .updateTable('identityRescan')
          .set({ status: 'failed', failure: 'The rescan stopped on an internal error.', finishedAt: new Date() })
          .where('orgId', '=', orgId)
          .where('id', '=', rescanId)
          .execute();
        return { failed: true };
      }
      throw err;
    }
  };
  return {
    [IDENTITY_RESCAN_JOB]: Object.assign(handler, {
      outsideTransaction: true,
      staleAfterMs: options.staleAfterMs ?? STALE_AFTER_MS,
    }),
  };
}
