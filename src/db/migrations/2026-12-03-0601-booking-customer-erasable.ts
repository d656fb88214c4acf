import { sql, type Kysely } from 'kysely';

/**
 * A deleted guest's past bookings stay (amounts, dates, room, channel: the hotel's own figures) with
 * the person removed from them (issue 11 point 18): the customer reference becomes null and the
 * party rows of that guest go. Until then every booking had to name an existing guest, so deleting
 * anyone who ever booked failed on the foreign key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table booking alter column customer_id drop not null`.execute(db);
}
