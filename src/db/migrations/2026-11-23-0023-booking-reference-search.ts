import { sql, type Kysely } from 'kysely';

/** Guest search by a connected tool's booking reference (G-3): any source, any case. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index booking_external_ref_search_idx on booking (org_id, lower(external_ref))
      where external_ref is not null
  `.execute(db);
}
