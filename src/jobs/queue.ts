import { sql, type Kysely } from 'kysely';
import { newId } from '../core/ids.ts';
import type { DB, JobRow } from '../db/schema.ts';

// A small PostgreSQL job queue (docs/decisions/0005-job-queue.md): pg-boss and graphile-worker
// need LISTEN/NOTIFY and several connections, which the embedded single-session engine lacks.
// Jobs are rows; a worker claims one with FOR UPDATE SKIP LOCKED, runs the handler in the same
// transaction that marks it done, so a crash rolls the effect back and the job runs again.

export interface EnqueueOptions {
  orgId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
  /** At most one queued/running job per (name, dedupeKey). */
  dedupeKey?: string;
}

/** Adds a job; with a dedupeKey, returns the id of the job already waiting instead of adding one. */
export async function enqueueJob(
  db: Kysely<DB>,
  name: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<string> {
  // A waiting duplicate can finish between the insert and the lookup (a worker on another
  // connection ran it): nothing waits any more then, so the insert is tried again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const id = newId('job');
    const inserted = await db
      .insertInto('job')
      .values({
        id,
        orgId: options.orgId ?? null,
        name,
        payload: JSON.stringify(payload),
        runAt: options.runAt ?? new Date(),
        maxAttempts: options.maxAttempts ?? 5,
        dedupeKey: options.dedupeKey ?? null,
        progress: null,
        result: null,
      })
      .onConflict((oc) =>
        oc
          .columns(['name', 'dedupeKey'])
          .where('dedupeKey', 'is not', null)
          .where('status', 'in', ['queued', 'running'])
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (inserted) return inserted.id;
    const existing = await db
      .selectFrom('job')
      .select('id')
      .where('name', '=', name)
      .where('dedupeKey', '=', options.dedupeKey ?? '')
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (existing) return existing.id;
  }
  throw new Error(`Could not enqueue job ${name}: the waiting duplicate kept finishing`);
}

/** Reads one job (progress for the UI and the CLI). */
export async function findJob(db: Kysely<DB>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A job's work, run in the transaction that marks it done. A handler flagged `outsideTransaction`
 * (maintenance such as VACUUM, which PostgreSQL refuses inside a transaction) gets the plain
 * database instead and must be safe to run again.
 */
export type JobHandler = ((job: JobRow, trx: Kysely<DB>) => Promise<Record<string, unknown> | void>) & {
  outsideTransaction?: boolean;
  /** A long handler that refreshes its job's `locked_at` as it goes (a heartbeat) is taken as crashed after this. */
  staleAfterMs?: number;
};

export interface WorkerOptions {
  workerId?: string;
  pollMs?: number;
  /** A running job not finished after this long is taken as crashed and queued again. */
  staleAfterMs?: number;
  onError?: (err: unknown, job: JobRow) => void;
}

/** Claims and runs the next due job; returns false when none is due. */
export async function runNextJob(
  db: Kysely<DB>,
  handlers: Record<string, JobHandler>,
  options: WorkerOptions = {},
): Promise<boolean> {
  const workerId = options.workerId ?? `w-${process.pid}`;
  const names = Object.keys(handlers);
  if (!names.length) return false;
  await requeueStale(db, options.staleAfterMs ?? 10 * 60_000);
  for (const [name, handler] of Object.entries(handlers)) {
    if (handler.staleAfterMs !== undefined) await requeueStale(db, handler.staleAfterMs, name);
  }
  const claimed = await db.transaction().execute(async (trx) => {
    const next = await trx
      .selectFrom('job')
      .select('id')
      .where('status', '=', 'queued')
      .where('runAt', '<=', new Date())
      .where('name', 'in', names)
      .orderBy('runAt')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return undefined;
    return trx
      .updateTable('job')
      .set((eb) => ({ status: 'running', lockedAt: new Date(), lockedBy: workerId, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', next.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  if (!claimed) return false;
  const handler = handlers[claimed.name];
  try {
    const early = handler?.outsideTransaction ? await handler(claimed, db) : undefined;
    await db.transaction().execute(async (trx) => {
      const result = handler?.outsideTransaction ? early : handler ? await handler(claimed, trx) : undefined;
      await trx
        .updateTable('job')
        .set({
          status: 'done',
          finishedAt: new Date(),
          lockedAt: null,
          result: result ? JSON.stringify(result) : null,
          lastError: null,
        })
        .where('id', '=', claimed.id)
        .execute();
    });
  } catch (err) {
    options.onError?.(err, claimed);
    const failed = claimed.attempts >= claimed.maxAttempts;
    const backoffMs = Math.min(60 * 60_000, 1000 * 2 ** claimed.attempts);
    await db
      .updateTable('job')
      .set({
        status: failed ? 'failed' : 'queued',
        lockedAt: null,
        lockedBy: null,
        lastError: err instanceof Error ? err.message : String(err),
        runAt: new Date(Date.now() + backoffMs),
        finishedAt: failed ? new Date() : null,
      })
      .where('id', '=', claimed.id)
      .execute();
  }
  return true;
}

async function requeueStale(db: Kysely<DB>, staleAfterMs: number, name?: string): Promise<void> {
  let query = db
    .updateTable('job')
    .set({ status: 'queued', lockedAt: null, lockedBy: null })
    .where('status', '=', 'running')
    .where('lockedAt', '<', sql<Date>`now() - make_interval(secs => ${staleAfterMs / 1000})`);
  if (name) query = query.where('name', '=', name);
  await query.execute();
}

/** Polls for jobs until stopped; used inside the server and by `clientela worker`. */
export function startWorker(
  db: Kysely<DB>,
  handlers: Record<string, JobHandler>,
  options: WorkerOptions = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    running = (async () => {
      try {
        while (!stopped && (await runNextJob(db, handlers, options))) {
          /* drain due jobs */
        }
      } catch (err) {
        options.onError?.(err, undefined as unknown as JobRow);
      }
      if (!stopped) timer = setTimeout(loop, options.pollMs ?? 1000);
    })();
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
