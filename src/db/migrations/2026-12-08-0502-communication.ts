import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 (SPEC M-2, M-3): the hotel's contacts a guest writes to, and the customer-service threads
 * with their messages. A thread waits for a staff reply (`waiting_for_reply`) from a guest's message
 * until staff answer; its `reply_token` is the per-thread part of the reply address of every e-mail
 * sent from it. The e-mail outbox gets a Reply-To per message.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table hotel_contact (
      org_id text not null references organisation (id),
      id text not null,
      names jsonb not null,
      description text not null default '',
      email text not null,
      property_id text,
      staff_ids text[] not null default '{}',
      position integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, property_id) references property (org_id, id)
    );

    create table thread (
      org_id text not null references organisation (id),
      id text not null,
      hotel_contact_id text,
      guest_id text,
      booking_id text,
      subject text not null,
      origin text not null check (origin in ('contact_form', 'account', 'email', 'staff')),
      status text not null default 'open' check (status in ('open', 'waiting_for_guest', 'closed')),
      priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
      assignee_id text,
      tags text[] not null default '{}',
      waiting_for_reply boolean not null default true,
      contact_name text not null default '',
      contact_email text,
      contact_phone text,
      language text,
      reply_token text not null,
      message_count integer not null default 0,
      created_at timestamptz not null default now(),
      -- Milliseconds, as the inbox's keyset cursor carries them.
      last_activity_at timestamptz not null default date_trunc('milliseconds', now()),
      primary key (org_id, id),
      foreign key (org_id, hotel_contact_id) references hotel_contact (org_id, id),
      foreign key (org_id, booking_id) references booking (org_id, id) on delete set null (booking_id)
    );
    create unique index thread_reply_token_key on thread (reply_token);
    create index thread_activity_idx on thread (org_id, last_activity_at desc, id desc);
    create index thread_waiting_idx on thread (org_id, last_activity_at desc, id desc) where waiting_for_reply;
    create index thread_guest_idx on thread (org_id, guest_id) where guest_id is not null;
    create index thread_contact_idx on thread (org_id, hotel_contact_id, last_activity_at desc);

    create table thread_message (
      org_id text not null,
      id text not null,
      thread_id text not null,
      direction text not null check (direction in ('in', 'out', 'note')),
      body text not null,
      author_type text not null,
      author_id text,
      author_name text not null default '',
      email_message_id text,
      created_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, thread_id) references thread (org_id, id) on delete cascade
    );
    create index thread_message_thread_idx on thread_message (org_id, thread_id, created_at, id);
    create index thread_message_body_trgm_idx on thread_message using gin (lower(body) gin_trgm_ops);

    alter table email_message add column reply_to text;
  `.execute(db);
}
