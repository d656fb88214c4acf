import { rm } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { fileAreaPath } from '../../core/file-store.ts';
import type { DB } from '../../db/schema.ts';
import { storedName } from './export.presenter.ts';

/** Deletes an export's file (no error when it is already gone). */
export async function removeExportFile(r: { id: string; format: 'csv' | 'xlsx' | 'vcf' }): Promise<void> {
  await rm(fileAreaPath('exports', storedName(r)), { force: true });
}

/**
 * Deletes the files of the organisation's exports not deleted yet (finished, running or queued) and
 * marks them deleted for `reason`. Used by erasure (P-2): the simplest rule that leaves no copy of an
 * erased guest — any live export of the organisation may list them, so every one goes. A running
 * export sees its row marked and deletes its own file when it ends.
 */
export async function deleteOrganisationExports(db: Kysely<DB>, orgId: string, reason: 'erasure'): Promise<number> {
  const rows = await db
    .updateTable('exportFile')
    .set({ deletedAt: new Date(), deletedReason: reason })
    .where('orgId', '=', orgId)
    .where('deletedAt', 'is', null)
    .returning(['id', 'format'])
    .execute();
  for (const r of rows) await removeExportFile(r);
  return rows.length;
}

/** Deletes every export file past its expiry (all organisations); answers how many went. */
export async function deleteExpiredExports(db: Kysely<DB>, now = new Date()): Promise<number> {
  const rows = await db
    .updateTable('exportFile')
    .set({ deletedAt: now, deletedReason: 'expired' })
    .where('deletedAt', 'is', null)
    .where('expiresAt', '<=', now)
    .where('status', 'in', ['done', 'failed'])
    .returning(['id', 'format'])
    .execute();
  for (const r of rows) await removeExportFile(r);
  return rows.length;
}
