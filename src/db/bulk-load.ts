import { sql, type Kysely } from 'kysely';

/** Tables whose indexes a bulk load may defer, and the primary keys it may drop with them. */
export interface DeferOptions {
  tables: string[];
  /** Tables whose primary key goes too (only where the load itself guarantees unique rows). */
  dropPrimaryKeys?: string[];
}

/**
 * Drops the secondary indexes of `tables` (non-unique indexes that back no constraint, plus the primary keys
 * listed in `dropPrimaryKeys`) and records how to rebuild them in `deferred_index`, in one
 * transaction. Call `restoreDeferredIndexes` when the load is done; start-up calls it too, so an
 * interrupted load never leaves the database without its indexes for long.
 */
export async function deferIndexes<T>(db: Kysely<T>, opts: DeferOptions): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const r = await sql<{ name: string; tableName: string; definition: string; constraintName: string | null }>`
      select i.relname as name, t.relname as table_name, c.conname as constraint_name,
        case when c.oid is null then pg_get_indexdef(i.oid)
             else format('alter table %I add constraint %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid)) end
          as definition
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class t on t.oid = x.indrelid
        left join pg_constraint c on c.conindid = i.oid and c.conrelid = t.oid
       where t.relnamespace = current_schema()::regnamespace
         and t.relname = any(${opts.tables}::text[])
         and ((c.oid is null and not x.indisunique)
              or (c.contype = 'p' and t.relname = any(${opts.dropPrimaryKeys ?? []}::text[])))
       order by t.relname, i.relname
    `.execute(trx);
    for (const ix of r.rows) {
      await sql`insert into deferred_index (name, table_name, definition) values (${ix.name}, ${ix.tableName}, ${ix.definition})`.execute(
        trx,
      );
      if (ix.constraintName) {
        await sql`alter table ${sql.table(ix.tableName)} drop constraint ${sql.id(ix.constraintName)}`.execute(trx);
      } else {
        await sql`drop index ${sql.id(ix.name)}`.execute(trx);
      }
    }
    return r.rows.map((ix) => ix.name);
  });
}

/**
 * Builds every index a bulk load deferred (each in its own transaction, so an interruption keeps
 * what was built) and returns the names it built. A no-op when nothing waits. Several processes may
 * run it at once (servers starting together): each index is claimed by deleting its row, so only
 * one of them builds it and the others skip it.
 */
export async function restoreDeferredIndexes<T>(db: Kysely<T>, onIndex?: (name: string) => void): Promise<string[]> {
  const waiting = await sql<{ name: string; definition: string }>`
    select name, definition from deferred_index order by table_name, name
  `.execute(db);
  const built: string[] = [];
  for (const ix of waiting.rows) {
    const claimed = await db.transaction().execute(async (trx) => {
      const mine = await sql`delete from deferred_index where name = ${ix.name} returning name`.execute(trx);
      if (!mine.rows.length) return false;
      onIndex?.(ix.name);
      // Sorting in memory is what makes one build faster than a million inserts.
      await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
      await sql.raw(ix.definition).execute(trx);
      return true;
    });
    if (claimed) built.push(ix.name);
  }
  return built;
}
