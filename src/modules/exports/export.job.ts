import { stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { fileAreaPath } from '../../core/file-store.ts';
import type { Updateable } from 'kysely';
import type { DB, ExportFileTable, JobRow } from '../../db/schema.ts';
import { TenantScopePlugin } from '../../db/tenant-scope.plugin.ts';
import { enqueueJob, type JobHandler } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/index.ts';
import { GuestFilters, resolveFilters } from '../guests/index.ts';
import { deleteExpiredExports, removeExportFile } from './export-files.ts';
import type { ExportLookups } from './export-record.ts';
import { canCopyExportCsv, copyExportCsv, readExportCells, readExportCsv } from './export-cells.ts';
import type { CopySink } from '../../db/copy-out.ts';
import { countExportGuests, readExportGuests } from './export-source.ts';
import { storedName } from './export.presenter.ts';
import { EXPORT_COLUMNS, type ExportColumn } from './export.schemas.ts';
import { EXPORT_EXPIRE_JOB, EXPORT_JOB, keepUntil } from './export.service.ts';
import { csvHeader, openCsvWriter } from './writers/csv.writer.ts';
import { openVcardWriter } from './writers/vcard.writer.ts';
import { openFileStream, type ExportWriter, type WriterOptions } from './writers/writer.ts';
import { openXlsxWriter } from './writers/xlsx.writer.ts';

/** How often a running export records its progress and keeps its job lock fresh (ms). */
const PROGRESS_EVERY_MS = 1000;

/**
 * Writes `pages` through `writer` (each write waits for the file: backpressure), calling `progress`
 * with the rows written at most every PROGRESS_EVERY_MS. Answers the rows written; on a failure the
 * writer is stopped and the error thrown.
 */
async function pump<Row>(
  pages: AsyncIterable<Row[]>,
  writer: ExportWriter<Row>,
  progress: (done: number) => Promise<void>,
): Promise<number> {
  let done = 0;
  let reported = Date.now();
  try {
    for await (const page of pages) {
      await writer.writePage(page);
      done += page.length;
      if (Date.now() - reported >= PROGRESS_EVERY_MS) {
        reported = Date.now();
        await progress(done);
      }
    }
    await writer.close();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return done;
}

/**
 * Writes a CSV export with one streamed COPY (copyExportCsv): the BOM and header, then the records
 * as the database sends them; progress at most every PROGRESS_EVERY_MS. Answers the rows written.
 */
async function copyCsv(
  { path, fields }: WriterOptions,
  copy: (sink: CopySink, onProgress: (rows: number) => void) => Promise<number>,
  progress: (done: number) => Promise<void>,
): Promise<number> {
  const file = openFileStream(path);
  let reported = Date.now();
  let pending: Promise<void> = Promise.resolve();
  const onProgress = (rows: number) => {
    if (Date.now() - reported < PROGRESS_EVERY_MS) return;
    reported = Date.now();
    pending = pending.then(() => progress(rows)).catch(() => undefined);
  };
  try {
    await file.write(csvHeader(fields));
    const done = await copy(file.stream, onProgress);
    await pending;
    await file.end();
    return done;
  } catch (err) {
    file.stream.destroy();
    throw err;
  }
}

async function titleLabels(db: Kysely<DB>, language: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('title').select(['id', 'labels']).execute();
  return new Map(
    rows.map((t) => [t.id, t.labels[language] ?? t.labels.en ?? Object.values(t.labels)[0] ?? ''] as [string, string]),
  );
}

/**
 * Writes one export's file (job `exports.run`, outside a transaction: one statement per page, so
 * other requests run between pages and memory stays flat). Starts over from the first guest when
 * run again after a crash; progress goes on the export row.
 */
async function runExport(job: JobRow, system: Kysely<DB>): Promise<Record<string, unknown>> {
  const { exportId } = job.payload as { exportId?: string };
  if (!job.orgId || typeof exportId !== 'string') return { skipped: 'bad payload' };
  const db = system.withPlugin(new TenantScopePlugin(job.orgId));
  const row = await db.selectFrom('exportFile').selectAll().where('id', '=', exportId).executeTakeFirst();
  if (!row || row.deletedAt || (row.status !== 'queued' && row.status !== 'running')) return { skipped: 'not pending' };
  const ctx: Ctx = {
    db,
    orgId: job.orgId,
    actor: { actorType: row.createdByType, actorId: row.createdById },
    requestId: null,
    // The exporter's right to personal data, decided when they asked (masked = without personal-data:read).
    permissions: row.masked ? [] : 'system',
  };
  const update = (set: Updateable<ExportFileTable>) =>
    db.updateTable('exportFile').set(set).where('id', '=', exportId).execute();
  const input = GuestFilters.parse(row.filters);
  const filters = await resolveFilters(ctx, input);
  const q = input.q?.trim() || undefined;
  const total = await countExportGuests(ctx, filters, q);
  await update({ status: 'running', total, rowCount: 0, error: null });
  const lookups: ExportLookups = { titles: await titleLabels(db, 'en') };
  const fields = row.fields.filter((f): f is ExportColumn => (EXPORT_COLUMNS as string[]).includes(f));
  const path = fileAreaPath('exports', storedName(row));
  const options: WriterOptions = { path, fields, lookups };
  const progress = async (rows: number) => {
    await update({ rowCount: rows });
    // Still alive: a job running past the queue's stale timeout (10 min) is not taken as crashed.
    await system.updateTable('job').set({ lockedAt: new Date() }).where('id', '=', job.id).execute();
  };
  let done: number;
  try {
    if (row.format === 'csv' && canCopyExportCsv(ctx, system))
      done = await copyCsv(
        options,
        (sink, onProgress) => copyExportCsv(ctx, system, filters, q, fields, lookups, sink, onProgress),
        progress,
      );
    else if (row.format === 'csv')
      done = await pump(readExportCsv(ctx, filters, q, fields, lookups), openCsvWriter(options), progress);
    else if (row.format === 'xlsx')
      done = await pump(readExportCells(ctx, filters, q, fields, lookups), openXlsxWriter(options), progress);
    else done = await pump(readExportGuests(ctx, filters, q), openVcardWriter(options), progress);
  } catch (err) {
    await removeExportFile(row);
    await update({ status: 'failed', error: 'The export could not be written', finishedAt: new Date() });
    // Marked failed rather than retried: the user sees it and starts another.
    return { failed: err instanceof Error ? err.message : String(err) };
  }
  const finishedAt = new Date();
  const expiresAt = keepUntil(finishedAt);
  const size = (await stat(path)).size;
  await update({
    status: 'done',
    rowCount: done,
    total: done,
    sizeBytes: size,
    fileName: storedName(row),
    finishedAt,
    expiresAt,
  });
  await enqueueJob(
    system,
    EXPORT_EXPIRE_JOB,
    {},
    { runAt: new Date(expiresAt.getTime() + 60_000), dedupeKey: `export:${exportId}` },
  );
  await recordAudit(
    ctx,
    'export.completed',
    { type: 'export', id: exportId },
    {
      format: row.format,
      segmentId: row.segmentId,
      filters: row.filters,
      rows: done,
      masked: row.masked,
    },
  );
  // An erasure during the run marked the export deleted: its file may list the erased guest.
  const after = await db.selectFrom('exportFile').select('deletedAt').where('id', '=', exportId).executeTakeFirst();
  if (after?.deletedAt) await removeExportFile(row);
  return { rows: done };
}

const runExportHandler: JobHandler = Object.assign(runExport, { outsideTransaction: true });
const expireHandler: JobHandler = Object.assign(
  async (_job: JobRow, system: Kysely<DB>) => ({ deleted: await deleteExpiredExports(system) }),
  { outsideTransaction: true },
);

/** The export jobs: writing a file, and deleting files past their 7 days. */
export const exportJobHandlers: Record<string, JobHandler> = {
  [EXPORT_JOB]: runExportHandler,
  [EXPORT_EXPIRE_JOB]: expireHandler,
};
