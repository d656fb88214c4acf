import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 point 5 (the guest timeline at 1,000,000 guests): a guest's threads in (created_at, id)
 * order, so the timeline's contact-form branch reads its page in index order instead of sorting all
 * the guest's threads. It serves every (org_id, guest_id) lookup of thread_guest_idx, which it replaces.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index thread_guest_created_idx
      on thread (org_id, guest_id, created_at desc, id desc) where guest_id is not null;
    drop index thread_guest_idx;
  `.execute(db);
}
