import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/index.ts';
import { inspectUpload, openUpload, removeUpload, resolveMapping, uploadGone } from './import-file.ts';
import { presentImportRun, presentImportSummaryErrors } from './import-run.presenter.ts';
import type { ImportRequest } from './import-run.schemas.ts';
import type { ReceivedUpload } from './import-upload.ts';
import { columnFields, type ImportField, isUnreadable } from './reading/index.ts';

/** The background job that runs an import (src/modules/imports/import-run.job.ts). */
export const IMPORT_RUN_JOB = 'imports.run';
/** Problems listed in an import's summary; the rest are in errors.csv. */
export const SUMMARY_ERROR_LIMIT = 10_000;

/** Loads one import of the caller's organisation, or 404. */
export async function getImportRow(db: TenantDb, id: string) {
  const row = await db.selectFrom('importRun').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Import');
  return row;
}

/**
 * Starts an import of a freshly uploaded file: opens it at once (not a readable CSV/XLSX → 400
 * `import_file_unreadable`, the file deleted), records the run and queues its job.
 */
export async function createImport(ctx: Ctx, upload: ReceivedUpload, options: { enqueue?: boolean } = {}) {
  let inspected;
  let mapping;
  try {
    inspected = await inspectUpload(upload.uploadName);
    mapping = resolveMapping(inspected.headers, inspected.detected.format.id, upload.request.mapping);
  } catch (err) {
    removeUpload(upload.uploadName);
    throw err;
  }
  return insertRun(
    ctx,
    {
      fileName: upload.fileName,
      uploadName: upload.uploadName,
      uploadSize: upload.size,
      kind: inspected.kind,
      encoding: inspected.encoding,
      delimiter: inspected.delimiter,
      formatId: inspected.detected.format.id,
      formatName: inspected.detected.format.name,
      headers: inspected.headers,
      mapping,
    },
    upload.request,
    options,
  );
}

/** A new import of an earlier import's upload (dry run → real run, or another mapping). */
export async function runImportAgain(ctx: Ctx, id: string, request: Partial<ImportRequest>) {
  const source = await getImportRow(ctx.db, id);
  if (source.uploadDeletedAt) throw uploadGone();
  await openUpload(source.uploadName, source); // 410 when the file is gone
  const mapping = resolveMapping(
    source.headers,
    source.formatId,
    request.mapping,
    source.mapping as Record<string, ImportField>,
  );
  return insertRun(
    ctx,
    {
      fileName: source.fileName,
      uploadName: source.uploadName,
      uploadSize: source.uploadSize,
      kind: source.kind,
      encoding: source.encoding,
      delimiter: source.delimiter,
      formatId: source.formatId,
      formatName: source.formatName,
      headers: source.headers,
      mapping,
    },
    { dryRun: request.dryRun ?? false, onExisting: request.onExisting ?? source.onExisting },
    {},
  );
}

interface RunFile {
  fileName: string;
  uploadName: string;
  uploadSize: number;
  kind: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  formatId: string;
  formatName: string;
  headers: string[];
  mapping: Record<string, string>;
}

async function insertRun(ctx: Ctx, file: RunFile, request: ImportRequest, options: { enqueue?: boolean }) {
  const id = newId('imp');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('importRun')
      .values({
        orgId: ctx.orgId,
        id,
        dryRun: request.dryRun,
        onExisting: request.onExisting,
        overwriteFields: null,
        ...file,
        headers: JSON.stringify(file.headers),
        mapping: JSON.stringify(file.mapping),
        roomTypesCreated: '[]',
        createdByType: ctx.actor.actorType,
        createdById: ctx.actor.actorId,
      })
      .execute();
    if (options.enqueue !== false) {
      const jobId = await enqueueJob(
        trx,
        IMPORT_RUN_JOB,
        { orgId: ctx.orgId, importId: id },
        { orgId: ctx.orgId, dedupeKey: id, maxAttempts: 5 },
      );
      await trx.updateTable('importRun').set({ jobId }).where('id', '=', id).execute();
    }
    await recordAudit(
      ctx,
      request.dryRun ? 'import.dry_run_started' : 'import.started',
      { type: 'import', id },
      { formatId: file.formatId, kind: file.kind, onExisting: request.onExisting },
      trx,
    );
  });
  return { id, status: 'queued' as const };
}

/** One import with its summary (errors complete up to 10,000 problems). */
export async function getImport(ctx: Ctx, id: string) {
  const row = await getImportRow(ctx.db, id);
  const errorRows = await ctx.db
    .selectFrom('importError')
    .select(['record', 'problems'])
    .where('importId', '=', id)
    .orderBy('record')
    .limit(SUMMARY_ERROR_LIMIT + 1)
    .execute();
  return presentImportRun(row, presentImportSummaryErrors(errorRows, SUMMARY_ERROR_LIMIT));
}

/** The organisation's imports, newest first, in keyset pages. */
export async function listImports(ctx: Ctx, query: { limit: number; cursor?: string | undefined }) {
  let q = ctx.db
    .selectFrom('importRun')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 'imports', ['timestamp', 'string'] as const);
    q = q.where((eb) =>
      eb.or([eb('createdAt', '<', new Date(at)), eb.and([eb('createdAt', '=', new Date(at)), eb('id', '<', id)])]),
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const { summary, ...rest } = presentImportRun(row, { errors: [], errorsTruncated: false });
      const { errors: _errors, errorsTruncated: _truncated, ...listSummary } = summary;
      return { ...rest, summary: listSummary };
    }),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor('imports', [last.createdAt.toISOString(), last.id]) : null,
  };
}

/** The columns of an import's upload with the mapping and each column's first three non-empty values. */
export async function getImportColumns(ctx: Ctx, id: string) {
  const row = await getImportRow(ctx.db, id);
  if (row.uploadDeletedAt) throw uploadGone();
  const table = await openUpload(row.uploadName, row);
  const fields = columnFields(row.headers, row.mapping as never);
  const samples: string[][] = row.headers.map(() => []);
  let read = 0;
  for await (const record of table.rows) {
    if (++read > 1000) break;
    if (isUnreadable(record)) continue;
    record.cells.forEach((cell, i) => {
      const list = samples[i];
      const value = cell.replace(/\0/g, '').trim();
      if (list && value && list.length < 3) list.push(value.slice(0, 200));
    });
    if (samples.every((list) => list.length >= 3)) break;
  }
  return {
    formatId: row.formatId,
    formatName: row.formatName,
    kind: row.kind,
    encoding: row.encoding,
    delimiter: row.delimiter,
    columns: row.headers.map((header, i) => ({ header, field: fields[i] ?? 'ignore', samples: samples[i] ?? [] })),
  };
}
