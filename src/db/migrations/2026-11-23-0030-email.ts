import { sql, type Kysely } from 'kysely';

/**
 * E-mail (SPEC M-4): an outbox of every message Clientela sends (the mail log) and the
 * organisation's edited templates per event and language (defaults live in code).
 * guest_id is a plain link, not a foreign key: deleting or merging a guest is handled by the
 * privacy and merge code through the email module (P-2), not by a cascade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table email_message (
      org_id text not null,
      id text not null,
      event text not null,
      to_address text not null,
      language text not null,
      subject text not null,
      body_text text not null,
      body_html text,
      status text not null default 'queued'
        check (status in ('queued', 'sending', 'sent', 'failed', 'held')),
      attempts integer not null default 0,
      next_attempt_at timestamptz,
      last_error text,
      sent_at timestamptz,
      message_id text,
      guest_id text,
      dedupe_key text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      unique (org_id, dedupe_key)
    );
    create index email_message_log_idx on email_message (org_id, created_at desc, id desc);
    create index email_message_status_idx on email_message (org_id, status, created_at desc);
    create index email_message_guest_idx on email_message (org_id, guest_id) where guest_id is not null;

    create table email_template (
      org_id text not null,
      event text not null,
      language text not null,
      subject text not null,
      body_text text not null,
      body_html text,
      updated_by_type text not null,
      updated_by_id text,
      updated_at timestamptz not null default now(),
      primary key (org_id, event, language)
    );
  `.execute(db);
}
