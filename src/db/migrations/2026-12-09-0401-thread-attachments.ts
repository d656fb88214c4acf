import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 (M-3 attachments, M-2 canned replies). A thread message's files (images and PDF, checked
 * by content) are kept in the files area "attachments" under a random storage key; the row keeps the
 * sanitised name the sender gave, the detected type, the size and the SHA-256. Deleting a message
 * (or its thread) deletes its rows; the files go with the erasure that deletes them.
 * Canned replies: a title and a body per language (en/es/fr), optionally for one hotel contact.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table thread_attachment (
      org_id text not null,
      id text not null,
      message_id text not null,
      file_name text not null,
      content_type text not null check (content_type in
        ('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf')),
      size integer not null check (size > 0),
      sha256 text not null,
      storage_key text not null,
      -- The order the files were sent in.
      position integer not null default 0,
      created_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, message_id) references thread_message (org_id, id) on delete cascade
    );
    create index thread_attachment_message_idx on thread_attachment (org_id, message_id);
    create unique index thread_attachment_storage_key on thread_attachment (storage_key);

    create table canned_reply (
      org_id text not null references organisation (id),
      id text not null,
      title text not null,
      bodies jsonb not null,
      hotel_contact_id text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, hotel_contact_id) references hotel_contact (org_id, id) on delete cascade
    );
  `.execute(db);
}
