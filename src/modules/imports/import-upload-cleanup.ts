import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { removeUpload } from './import-file.ts';

/** How long an upload used only by dry runs is kept so the user can run it for real. */
export const DRY_RUN_UPLOAD_HOURS = 24;

/**
 * Deletes an upload once no import of it is waiting or running and a real import of it has ended
 * (an erasure later has no copy to chase). An upload only dry-run is kept for the daily cleanup.
 */
export async function releaseUpload(system: Kysely<DB>, orgId: string, uploadName: string): Promise<boolean> {
  const runs = await system
    .selectFrom('importRun')
    .select(['status', 'dryRun'])
    .where('orgId', '=', orgId)
    .where('uploadName', '=', uploadName)
    .where('uploadDeletedAt', 'is', null)
    .execute();
  const active = runs.some((r) => r.status === 'queued' || r.status === 'running');
  const realEnded = runs.some((r) => !r.dryRun && (r.status === 'done' || r.status === 'failed'));
  if (!runs.length || active || !realEnded) return false;
  await markDeleted(system, orgId, uploadName);
  return true;
}

async function markDeleted(system: Kysely<DB>, orgId: string, uploadName: string) {
  await system
    .updateTable('importRun')
    .set({ uploadDeletedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('uploadName', '=', uploadName)
    .execute();
  removeUpload(uploadName);
}

/** The daily cleanup: uploads whose imports all ended more than 24 hours ago (dry runs never run for real). */
export async function deleteExpiredImportUploads(system: Kysely<DB>, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - DRY_RUN_UPLOAD_HOURS * 3600_000);
  const stale = await system
    .selectFrom('importRun')
    .select(['orgId', 'uploadName'])
    .where('uploadDeletedAt', 'is', null)
    .groupBy(['orgId', 'uploadName'])
    .having(sql<boolean>`bool_and(status in ('done', 'failed')) and max(created_at) < ${cutoff}`)
    .execute();
  for (const { orgId, uploadName } of stale) await markDeleted(system, orgId, uploadName);
  return stale.length;
}
