import { sql, type Kysely } from 'kysely';

/**
 * Bulk loads (the guest seed) may drop secondary indexes while they write and build them once at
 * the end, which is several times faster than maintaining them row by row. The definitions wait
 * here so an interrupted load gets its indexes back at the next start (src/db/bulk-load.ts).
 * The trigram index on phone numbers goes: phone search reads guest_phone_suffix since 0024, and
 * the index only cost every phone write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table deferred_index (
      name text primary key,
      table_name text not null,
      definition text not null,
      deferred_at timestamptz not null default now()
    );
    drop index if exists guest_phone_trgm_idx;
  `.execute(db);
}
