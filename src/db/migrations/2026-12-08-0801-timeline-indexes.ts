import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 point 5 (the guest timeline): the branches of the timeline query that had no index on
 * (org_id, guest_id, at) get one, so each branch reads a guest's newest rows in index order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index email_message_guest_created_idx
      on email_message (org_id, guest_id, created_at desc, id desc) where guest_id is not null;
    create index customer_account_guest_idx on customer_account (org_id, guest_id) where guest_id is not null;
  `.execute(db);
}
