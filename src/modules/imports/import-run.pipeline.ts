import type { Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import { insertJsonRows } from '../../db/json-rows.ts';
import type { DB } from '../../db/schema.ts';
import { TenantScopePlugin } from '../../db/tenant-scope.plugin.ts';
import { type ApplyResult, applyRecords } from './apply/index.ts';
import { openUpload } from './import-file.ts';
import { releaseUpload } from './import-upload-cleanup.ts';
import { type ScannedBatch, scanBatches } from './import-scan.ts';
import { getImportRow, SUMMARY_ERROR_LIMIT } from './import-run.service.ts';
import { type FormatId, type ImportField, columnFields, getImportFormat, isUnreadable } from './reading/index.ts';

/** Records per batch: one transaction, one checkpoint. */
export const IMPORT_BATCH_SIZE = 2000;

/** Another worker took the import over (this one was taken as crashed): stop without writing. */
export class ImportTakenOver extends Error {}
class DryRunRollback extends Error {}

export interface RunImportOptions {
  /** The job running it: its `locked_at` is the heartbeat the queue's stale check reads. */
  jobId?: string;
  batchSize?: number;
  /** Each committed batch (the CLI's progress bar). */
  onProgress?: (done: number, total: number) => void;
  /**
   * A dry run is one transaction rolled back at the end; on PostgreSQL its progress is written on
   * another connection meanwhile (the embedded engine has one session: progress shows at the end).
   */
  progressOutsideTransaction?: boolean;
  /**
   * Called in each batch's transaction after everything of the batch is written, just before it
   * commits (tests: a crash there loses the whole batch, checkpoint included).
   */
  beforeCommit?: (checkpoint: number) => void | Promise<void>;
  /**
   * A pause after each committed batch (ms): on the embedded engine's single session, the other
   * requests' queries (a progress poll, the guest list) get their turn between two batches — the
   * next batch is parsed ahead, so without it the import would take the session straight back.
   */
  pauseBetweenBatchesMs?: number;
}

type Counters = {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  bookingsCreated: number;
  bookingsExisting: number;
  tagsDropped: number;
};
type ErrorRow = {
  record: number;
  line: number;
  problems: Array<{ field: string; code: string; message: string }>;
  cells: string[];
};

const EMPTY_RESULT: ApplyResult = {
  outcomes: [],
  bookings: { created: 0, existing: 0 },
  roomTypesCreated: [],
  tagsDropped: 0,
};

/**
 * Runs (or resumes) an import: reads the upload from the record after its checkpoint, reports
 * rejected records, passes the others in batches to the apply stage and commits each batch with
 * its checkpoint and counters (a crash re-does only the batch it interrupted). A dry run does the
 * same pass in one transaction it rolls back, then keeps the counts and the first errors.
 */
export async function runImport(system: Kysely<DB>, orgId: string, importId: string, options: RunImportOptions = {}) {
  const db = system.withPlugin(new TenantScopePlugin(orgId));
  let run = await getImportRow(db, importId);
  if (run.status === 'done' || run.status === 'failed') return run;
  await db
    .updateTable('importRun')
    .set({ status: 'running', startedAt: run.startedAt ?? new Date(), heartbeatAt: new Date() })
    .where('id', '=', importId)
    .execute();
  if (run.total === null) {
    const total = await countRecords(run.uploadName, run);
    await db.updateTable('importRun').set({ total }).where('id', '=', importId).execute();
  }
  run = await getImportRow(db, importId);
  const countries = await db.selectFrom('property').select('country').orderBy('createdAt').execute();
  const format = getImportFormat(run.formatId as FormatId);
  const table = await openUpload(run.uploadName, run);
  const scan = readAhead(
    scanBatches(table.rows, {
      fields: columnFields(run.headers, run.mapping as Record<string, ImportField>),
      headers: run.headers,
      readOptions: {
        format,
        defaultCountry: countries.map((c) => c.country).filter((c): c is string => Boolean(c)),
      },
      after: run.dryRun ? 0 : run.checkpoint,
      batchSize: options.batchSize ?? IMPORT_BATCH_SIZE,
    }),
  );
  const ctxFor = (trx: TenantDb): Ctx => ({
    db: trx,
    orgId,
    actor: { actorType: run.createdByType ?? 'system', actorId: run.createdById },
    requestId: null,
    permissions: 'system',
    consentSource: 'import',
    consentReference: importId,
  });
  const apply = (trx: TenantDb, batch: ScannedBatch) =>
    batch.items.length
      ? applyRecords(ctxFor(trx), trx, batch.items, { onExisting: run.onExisting, importId })
      : Promise.resolve(EMPTY_RESULT);
  const total = run.total ?? 0;
  if (run.dryRun) await dryRun(system, db, orgId, importId, scan, apply, total, options);
  else await realRun(system, orgId, importId, run.checkpoint, scan, apply, total, options);
  await db
    .updateTable('importRun')
    .set({ status: 'done', finishedAt: new Date(), heartbeatAt: null })
    .where('id', '=', importId)
    .execute();
  await releaseUpload(system, orgId, run.uploadName);
  return getImportRow(db, importId);
}

/**
 * The batches of `source`, the next one read and parsed while the caller writes the current one
 * (the file's parsing overlaps the database's work; one batch ahead at most, so memory stays flat).
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncIterable<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = it.next();
      // An error reading ahead surfaces when that batch is reached, not while this one is written.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await it.return?.();
  }
}

async function countRecords(uploadName: string, stored: { encoding: string | null; delimiter: string | null }) {
  const table = await openUpload(uploadName, stored);
  let count = 0;
  for await (const row of table.rows) count = Math.max(count, isUnreadable(row) ? row.record : row.record);
  return count;
}

/** What one batch adds to the counters, and the records the apply stage found invalid. */
function tally(batch: ScannedBatch, result: ApplyResult): { counters: Counters; errors: ErrorRow[] } {
  const counters: Counters = {
    records: batch.records,
    created: 0,
    updated: 0,
    unchanged: 0,
    invalid: batch.rejected.length,
    bookingsCreated: result.bookings.created,
    bookingsExisting: result.bookings.existing,
    tagsDropped: result.tagsDropped,
  };
  const errors: ErrorRow[] = [...batch.rejected];
  for (const outcome of result.outcomes) {
    counters[outcome.outcome] += 1;
    if (outcome.outcome === 'invalid') {
      errors.push({
        record: outcome.record,
        line: batch.lines.get(outcome.record) ?? 0,
        problems: outcome.problems.map(({ field, code, message }) => ({ field, code, message })),
        cells: batch.cells.get(outcome.record) ?? [],
      });
    }
  }
  errors.sort((a, b) => a.record - b.record);
  return { counters, errors };
}

async function insertErrors(trx: TenantDb, orgId: string, importId: string, errors: ErrorRow[]) {
  for (let i = 0; i < errors.length; i += 1000) {
    const rows = errors.slice(i, i + 1000).map((e) => ({
      orgId,
      importId,
      record: e.record,
      line: e.line,
      problems: JSON.stringify(e.problems),
      cells: JSON.stringify(e.cells),
    }));
    await insertJsonRows('import_error', rows, { jsonb: ['problems', 'cells'] }).execute(trx);
  }
}

async function realRun(
  system: Kysely<DB>,
  orgId: string,
  importId: string,
  checkpoint: number,
  scan: AsyncIterable<ScannedBatch>,
  apply: (trx: TenantDb, batch: ScannedBatch) => Promise<ApplyResult>,
  total: number,
  options: RunImportOptions,
) {
  let expected = checkpoint;
  for await (const batch of scan) {
    await system.transaction().execute(async (raw) => {
      const trx = raw.withPlugin(new TenantScopePlugin(orgId));
      // Locks the run: a second worker that took it over waits here, then finds the checkpoint moved.
      const claimed = await trx
        .updateTable('importRun')
        .set({ heartbeatAt: new Date() })
        .where('id', '=', importId)
        .where('status', '=', 'running')
        .where('checkpoint', '=', expected)
        .returning('roomTypesCreated')
        .executeTakeFirst();
      if (!claimed) throw new ImportTakenOver();
      const result = await apply(trx, batch);
      const { counters, errors } = tally(batch, result);
      if (errors.length) await insertErrors(trx, orgId, importId, errors);
      await trx
        .updateTable('importRun')
        .set((eb) => ({
          checkpoint: batch.checkpoint,
          records: eb('records', '+', counters.records),
          created: eb('created', '+', counters.created),
          updated: eb('updated', '+', counters.updated),
          unchanged: eb('unchanged', '+', counters.unchanged),
          invalid: eb('invalid', '+', counters.invalid),
          bookingsCreated: eb('bookingsCreated', '+', counters.bookingsCreated),
          bookingsExisting: eb('bookingsExisting', '+', counters.bookingsExisting),
          tagsDropped: eb('tagsDropped', '+', counters.tagsDropped),
          roomTypesCreated: JSON.stringify([...new Set([...claimed.roomTypesCreated, ...result.roomTypesCreated])]),
        }))
        .where('id', '=', importId)
        .execute();
      await options.beforeCommit?.(batch.checkpoint);
      if (options.jobId)
        await raw.updateTable('job').set({ lockedAt: new Date() }).where('id', '=', options.jobId).execute();
    });
    expected = batch.checkpoint;
    options.onProgress?.(batch.checkpoint, total);
    if (options.pauseBetweenBatchesMs) await new Promise((r) => setTimeout(r, options.pauseBetweenBatchesMs));
  }
}

async function dryRun(
  system: Kysely<DB>,
  db: TenantDb,
  orgId: string,
  importId: string,
  scan: AsyncIterable<ScannedBatch>,
  apply: (trx: TenantDb, batch: ScannedBatch) => Promise<ApplyResult>,
  total: number,
  options: RunImportOptions,
) {
  const sum: Counters = {
    records: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    bookingsCreated: 0,
    bookingsExisting: 0,
    tagsDropped: 0,
  };
  const kept: ErrorRow[] = [];
  const roomTypes = new Set<string>();
  let done = 0;
  let writing: Promise<unknown> | undefined;
  try {
    await system.transaction().execute(async (raw) => {
      const trx = raw.withPlugin(new TenantScopePlugin(orgId));
      for await (const batch of scan) {
        const result = await apply(trx, batch);
        const { counters, errors } = tally(batch, result);
        for (const key of Object.keys(sum) as Array<keyof Counters>) sum[key] += counters[key];
        for (const name of result.roomTypesCreated) roomTypes.add(name);
        for (const error of errors) if (kept.length < SUMMARY_ERROR_LIMIT) kept.push(error);
        done = batch.checkpoint;
        options.onProgress?.(done, total);
        if (options.progressOutsideTransaction && !writing) {
          const at = done;
          // On another connection: the progress shows, and the job's heartbeat keeps other workers off it.
          writing = Promise.all([
            db
              .updateTable('importRun')
              .set({ checkpoint: at, heartbeatAt: new Date() })
              .where('id', '=', importId)
              .execute(),
            options.jobId
              ? system.updateTable('job').set({ lockedAt: new Date() }).where('id', '=', options.jobId).execute()
              : undefined,
          ])
            .catch(() => undefined)
            .finally(() => (writing = undefined));
        }
      }
      throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  await writing;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('importError').where('importId', '=', importId).execute();
    if (kept.length) await insertErrors(trx, orgId, importId, kept);
    await trx
      .updateTable('importRun')
      .set({ ...sum, checkpoint: done, roomTypesCreated: JSON.stringify([...roomTypes]) })
      .where('id', '=', importId)
      .execute();
  });
}
