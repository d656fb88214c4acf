import { sql, type Kysely } from 'kysely';

/**
 * Issue 14 point 6b: the channel a connected tool's booking came from (`booking.com`, `expedia`, free
 * text). Idempotency moves from (source, external_ref) to (source, channel, external_ref), the channel
 * compared without case and a missing channel equal to another missing one (coalesce, not NULLS NOT
 * DISTINCT, so the index is the same on every PostgreSQL version and on the embedded engine).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table booking add column channel text;
    create unique index booking_channel_external_ref_key
      on booking (org_id, source, lower(coalesce(channel, '')), external_ref) where external_ref is not null;
    drop index booking_external_ref_key;
    create index booking_channel_idx on booking (org_id, lower(channel), check_in desc, id desc) where channel is not null;
  `.execute(db);
}
