import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { EmbeddedEngine } from './embedded-engine.ts';

/**
 * A Kysely PostgresPool over the single PGlite session: one borrower at a time, in arrival
 * order, so a transaction owns the session from BEGIN to COMMIT/ROLLBACK and no other
 * query can slip into it (the failure measured with kysely-pglite).
 */
export class SingleSessionPool implements PostgresPool {
  private queue: Array<() => void> = [];
  private busy = false;
  private ended = false;

  constructor(
    private readonly engine: EmbeddedEngine,
    private readonly acquireTimeoutMs = 60_000,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.ended) throw new Error('database is closed');
    await this.acquire();
    let released = false;
    const client: PostgresPoolClient = {
      query: (async (sql: string, params?: readonly unknown[]) => {
        if (released) throw new Error('query on a released connection');
        const r = await this.engine.request({ type: 'query', sql, params: params ? [...params] : [] });
        const rows = r.rows ?? [];
        return {
          command: commandOf(sql),
          rowCount: r.affectedRows || rows.length,
          rows,
        } satisfies PostgresQueryResult<unknown>;
      }) as PostgresPoolClient['query'],
      release: () => {
        if (released) return;
        released = true;
        this.releaseSession();
      },
    };
    return client;
  }

  /** Waits for every borrower to finish, then closes the engine. */
  async end(): Promise<void> {
    if (this.ended) return;
    await this.acquire();
    this.ended = true;
    await this.engine.close();
  }

  private acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.queue = this.queue.filter((g) => g !== grant);
        reject(new Error('timed out waiting for the embedded database session'));
      }, this.acquireTimeoutMs);
      this.queue.push(grant);
    });
  }

  private releaseSession(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.busy = false;
  }
}

function commandOf(sql: string): PostgresQueryResult<unknown>['command'] {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  switch (word) {
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
    case 'SELECT':
      return word;
    default:
      return 'SELECT';
  }
}
