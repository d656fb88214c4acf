import { sql } from 'kysely';
import type { JobHandler } from '../../jobs/queue.ts';
import { tablePlaces } from './registry.ts';

/** After an erasure commits: VACUUM the tables it touched so dead row versions leave the data files. */
export const VACUUM_JOB = 'privacy.vacuum';

const allowed = () => new Set(tablePlaces().map((p) => p.table));

/**
 * VACUUM cannot run inside a transaction, so this handler runs outside one (`outsideTransaction`);
 * only tables of the registry are accepted (the names are quoted identifiers anyway).
 */
export const vacuumJob: JobHandler = Object.assign(
  async (job: Parameters<JobHandler>[0], db: Parameters<JobHandler>[1]) => {
    const requested = (job.payload as { tables?: unknown }).tables;
    const names = allowed();
    const tables = (Array.isArray(requested) ? requested : []).filter(
      (t): t is string => typeof t === 'string' && names.has(t),
    );
    for (const table of tables) await sql`vacuum ${sql.table(table)}`.execute(db);
    return { vacuumed: tables };
  },
  { outsideTransaction: true },
);

export const privacyJobHandlers: Record<string, JobHandler> = { [VACUUM_JOB]: vacuumJob };
