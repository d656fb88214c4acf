import { sql, type Kysely } from 'kysely';

/**
 * Issue 15 (C-3, support contacts): a thread a company's contact opens from the company area is
 * the company's (`company_id`). Threads about one of the company's bookings are the company's too,
 * through the booking, without this column. Deleting the company keeps the thread, without it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table thread add column company_id text;
    alter table thread add constraint thread_company_fkey foreign key (org_id, company_id)
      references company (org_id, id) on delete set null (company_id);
    create index thread_company_idx on thread (org_id, company_id) where company_id is not null;
    create index thread_booking_idx on thread (org_id, booking_id) where booking_id is not null;
  `.execute(db);
}
