import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { fileAreaPath } from '../../core/file-store.ts';
import { newId } from '../../core/ids.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/index.ts';
import {
  assertMaySearchContact,
  canReadPersonalData,
  getSegmentFilters,
  type GuestFilterInput,
} from '../guests/index.ts';
import { CONTENT_TYPES, downloadName, presentExport, storedName, type ExportRow } from './export.presenter.ts';
import { EXPORT_COLUMNS, type CreateExportInput, type ExportView } from './export.schemas.ts';

/** The job that writes an export's file. */
export const EXPORT_JOB = 'exports.run';
/** The job that deletes export files past their expiry. */
export const EXPORT_EXPIRE_JOB = 'exports.expire';
/** How long an export file is kept (issue 13, D-2). */
export const EXPORT_KEEP_DAYS = 7;
export const keepUntil = (from: Date) => new Date(from.getTime() + EXPORT_KEEP_DAYS * 86_400_000);

const dropUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Starts an export (`POST /exports`): the guest list's filters, or a saved segment's with the given
 * filters on top (as `GET /guests?segmentId=` does), written by the job `exports.run`. The audit
 * log records who asked for what.
 */
export async function createExport(ctx: Ctx, input: CreateExportInput): Promise<{ id: string; status: 'queued' }> {
  const own = dropUndefined(input.filters ?? {});
  const filters: GuestFilterInput = input.segmentId
    ? { ...(await getSegmentFilters(ctx, input.segmentId)), ...own }
    : own;
  assertMaySearchContact(ctx, filters.q);
  const id = newId('exp');
  const now = new Date();
  const fields = input.fields ?? [...EXPORT_COLUMNS];
  const masked = !canReadPersonalData(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('exportFile')
      .values({
        orgId: ctx.orgId,
        id,
        format: input.format,
        segmentId: input.segmentId ?? null,
        filters: JSON.stringify(filters),
        fields: JSON.stringify(fields),
        masked,
        createdByType: ctx.actor.actorType,
        createdById: ctx.actor.actorId,
        createdAt: now,
        expiresAt: keepUntil(now),
      })
      .execute();
    await enqueueJob(trx, EXPORT_JOB, { exportId: id }, { orgId: ctx.orgId, maxAttempts: 3 });
    await recordAudit(
      ctx,
      'export.created',
      { type: 'export', id },
      { format: input.format, segmentId: input.segmentId ?? null, filters, fields, masked },
      trx,
    );
  });
  return { id, status: 'queued' };
}

function selectExports(ctx: Ctx) {
  return ctx.db
    .selectFrom('exportFile')
    .selectAll('exportFile')
    .select(
      sql<string | null>`case export_file.created_by_type
        when 'staff' then (select s.name from staff_user s where s.org_id = export_file.org_id and s.id = export_file.created_by_id)
        when 'api_key' then (select k.name from api_key k where k.org_id = export_file.org_id and k.id = export_file.created_by_id)
        end`.as('createdByName'),
    );
}

async function getExportRow(ctx: Ctx, id: string): Promise<ExportRow> {
  const row = await selectExports(ctx).where('exportFile.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Export');
  return row;
}

/** One export with its progress (404 for an unknown id or another organisation's). */
export async function getExport(ctx: Ctx, id: string): Promise<ExportView> {
  return presentExport(await getExportRow(ctx, id));
}

/** The organisation's exports, newest first, keyset-paged: who exported what, when, and until when. */
export async function listExports(ctx: Ctx, q: { limit: number; cursor?: string }) {
  let query = selectExports(ctx);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, 'exports', ['timestamp', 'string']);
    query = query.where(sql<boolean>`(export_file.created_at, export_file.id) < (${at}::timestamptz, ${id})`);
  }
  const rows = await query
    .orderBy('exportFile.createdAt', 'desc')
    .orderBy('exportFile.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => presentExport(r)),
    nextCursor: rows.length > q.limit && last ? encodeCursor('exports', [last.createdAt.toISOString(), last.id]) : null,
  };
}

/**
 * The file of a finished export, to stream (`GET /exports/{id}/file`): 409 `export_not_ready` while
 * it runs, `export_failed`, `export_expired` (past its 7 days, or deleted by an erasure). Every
 * download is audited.
 */
export async function openExportFile(ctx: Ctx, id: string) {
  const row = await getExportRow(ctx, id);
  const view = presentExport(row);
  if (view.status === 'queued' || view.status === 'running')
    throw conflict('export_not_ready', 'The export is still running');
  if (view.status === 'failed') throw conflict('export_failed', 'The export failed; start it again');
  if (view.status !== 'done') throw conflict('export_expired', 'The export file has expired or was deleted');
  const path = fileAreaPath('exports', storedName(row));
  const size = await stat(path).then(
    (s) => s.size,
    () => undefined,
  );
  if (size === undefined) throw conflict('export_expired', 'The export file has expired or was deleted');
  await recordAudit(ctx, 'export.downloaded', { type: 'export', id }, { format: row.format, rows: row.rowCount });
  return {
    stream: createReadStream(path),
    size,
    contentType: CONTENT_TYPES[row.format],
    fileName: downloadName(row),
  };
}
