import { sql } from 'kysely';
import type { TenantDb } from '../../db/database.ts';

/**
 * A view of an open transaction on which `transaction().execute(fn)` runs `fn` inside a SAVEPOINT
 * instead of a new transaction: a job (which the worker runs in one transaction) can call a service
 * that owns its transaction — `deleteGuest` — once per guest, and one guest's failure rolls back
 * that guest only. On the embedded engine (one session) a second transaction would wait forever.
 */
export function withSavepoints(trx: TenantDb): TenantDb {
  let n = 0;
  const nested = () => ({
    setIsolationLevel() {
      return this;
    },
    async execute<T>(fn: (db: TenantDb) => Promise<T>): Promise<T> {
      const name = `nested_${++n}`;
      await sql.raw(`savepoint ${name}`).execute(trx);
      try {
        const result = await fn(trx);
        await sql.raw(`release savepoint ${name}`).execute(trx);
        return result;
      } catch (err) {
        await sql.raw(`rollback to savepoint ${name}`).execute(trx);
        throw err;
      }
    },
  });
  return new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') return nested;
      const value: unknown = Reflect.get(target, prop, target);
      // Kysely's classes keep private fields: their methods must run on the real object.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
