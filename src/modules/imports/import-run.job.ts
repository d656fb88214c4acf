import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import { AppError } from '../../core/errors.ts';
import type { DB } from '../../db/schema.ts';
import type { JobHandler } from '../../jobs/queue.ts';
import { ImportTakenOver, runImport } from './import-run.pipeline.ts';
import { IMPORT_RUN_JOB } from './import-run.service.ts';
import { releaseUpload } from './import-upload-cleanup.ts';

/** The embedded engine's pause between two batches of an import (its other requests' turn). */
export const EMBEDDED_PAUSE_MS = 20;

/** Marks an import failed (its upload released when it was a real run) with a message for the user. */
export async function failImport(system: Kysely<DB>, orgId: string, importId: string, message: string) {
  const row = await system
    .updateTable('importRun')
    .set({ status: 'failed', failure: message.slice(0, 2000), finishedAt: new Date(), heartbeatAt: null })
    .where('orgId', '=', orgId)
    .where('id', '=', importId)
    .where('status', 'in', ['queued', 'running'])
    .returning('uploadName')
    .executeTakeFirst();
  if (row) await releaseUpload(system, orgId, row.uploadName);
}

/**
 * `imports.run`: runs or resumes one import outside the job's transaction (each batch commits on
 * its own) and refreshes the job's `locked_at` every batch, so a crashed run is resumed after
 * `CLIENTELA_IMPORT_STALE_SECONDS` by the next worker that polls (on the embedded engine, the
 * restarted server).
 */
export function importJobHandlers(config: Pick<Config, 'database' | 'imports'>): Record<string, JobHandler> {
  const handler = async (job: Parameters<JobHandler>[0], db: Kysely<DB>) => {
    const { orgId, importId } = job.payload as { orgId?: unknown; importId?: unknown };
    if (typeof orgId !== 'string' || typeof importId !== 'string') return { skipped: 'bad payload' };
    try {
      const run = await runImport(db, orgId, importId, {
        jobId: job.id,
        progressOutsideTransaction: config.database.kind === 'postgres',
        pauseBetweenBatchesMs: config.database.kind === 'embedded' ? EMBEDDED_PAUSE_MS : 0,
        batchSize: config.imports.batchSize,
      });
      return { status: run.status, records: run.records };
    } catch (err) {
      if (err instanceof ImportTakenOver) return { takenOver: true };
      // A file that cannot be read (or is gone) will not get better; other errors are retried.
      if (err instanceof AppError || job.attempts >= job.maxAttempts) {
        await failImport(
          db,
          orgId,
          importId,
          err instanceof AppError ? err.message : 'The import stopped on an internal error.',
        );
        return { failed: true };
      }
      throw err;
    }
  };
  return {
    [IMPORT_RUN_JOB]: Object.assign(handler, {
      outsideTransaction: true,
      staleAfterMs: config.imports.staleSeconds * 1000,
    }),
  };
}
