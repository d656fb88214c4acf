import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 point 3 (replies by e-mail): a guest's answer received by the inbound SMTP listener keeps
 * the e-mail's whole text (`original_body`; `body` is what the inbox shows, quoted history and
 * signature removed) and its Message-ID (`inbound_message_id`: a relay delivering twice stores it
 * once; a later mail referring to it joins the same thread). Outgoing replies are found by the
 * outbox message id their Message-ID carries (`email_message_id`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table thread_message add column original_body text;
    alter table thread_message add column inbound_message_id text;
    create unique index thread_message_inbound_key on thread_message (inbound_message_id, org_id)
      where inbound_message_id is not null;
    create index thread_message_email_idx on thread_message (email_message_id) where email_message_id is not null;
  `.execute(db);
}
