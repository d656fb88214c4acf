import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 (M-2, the live "waiting for reply" count): a thread that starts or stops waiting for a
 * staff reply, arrives waiting, is deleted while waiting or moves to another contact (who may see
 * it) sends NOTIFY clientela_threads with its organisation; so does a contact whose staff change.
 * Triggers, so every writer (contact form, inbound e-mail, replies, merges, erasure, another server
 * process) is covered; PostgreSQL delivers the notification once, after the commit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function clientela_threads_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('clientela_threads', coalesce(new.org_id, old.org_id));
      return null;
    end $$;

    create trigger thread_notify_insert after insert on thread
      for each row when (new.waiting_for_reply) execute function clientela_threads_notify();
    create trigger thread_notify_delete after delete on thread
      for each row when (old.waiting_for_reply) execute function clientela_threads_notify();
    create trigger thread_notify_update after update on thread
      for each row when (old.waiting_for_reply is distinct from new.waiting_for_reply
                         or (new.waiting_for_reply and old.hotel_contact_id is distinct from new.hotel_contact_id))
      execute function clientela_threads_notify();
    create trigger hotel_contact_notify_staff after update on hotel_contact
      for each row when (old.staff_ids is distinct from new.staff_ids) execute function clientela_threads_notify();
  `.execute(db);
}
