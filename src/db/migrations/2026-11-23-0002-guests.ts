import { sql, type Kysely } from 'kysely';

/**
 * The guest database (SPEC G-1 … G-10): profiles with their e-mails, phones, addresses, notes
 * and history; titles, tags, groups and saved segments. Tags and groups are id arrays on the
 * profile (GIN-indexed) so "any/all of these tags" filters stay index scans at 1M profiles, and
 * the nine-tag cap (G-5) is a constraint. Search indexes live in their own migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table title (
      org_id text not null references organisation (id),
      id text not null,
      labels jsonb not null,             -- {"en": "Mr.", "es": "Sr.", "fr": "M."}
      position integer not null default 0,
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    );

    create table tag (
      org_id text not null references organisation (id),
      id text not null,
      name text not null,                -- predefined tags by their English name (X-6)
      predefined boolean not null default false,
      color text,
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    );
    create unique index tag_name_key on tag (org_id, lower(name));

    create table guest_group (
      org_id text not null references organisation (id),
      id text not null,
      name text not null,
      discount_percent numeric(5, 2) not null default 0 check (discount_percent >= 0 and discount_percent <= 100),
      price_display text not null default 'everyone' check (price_display in ('everyone', 'logged_in', 'validated')),
      system_kind text check (system_kind in ('visitor', 'guest', 'customer')),  -- the three undeletable defaults (G-7)
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    );
    create unique index guest_group_system_key on guest_group (org_id, system_kind) where system_kind is not null;
    create unique index guest_group_name_key on guest_group (org_id, lower(name));

    create table guest (
      org_id text not null references organisation (id),
      id text not null,
      title_id text,
      first_name text not null default '',
      last_name text not null default '',
      second_last_name text,
      native_name text,                   -- the name in the guest's own script
      email text,                         -- primary e-mail (lower case), copy of guest_email
      phone text,                         -- primary phone in E.164, copy of guest_phone
      phone_display text,                 -- the primary phone as entered
      language text,
      nationality text check (nationality ~ '^[A-Z]{2}$'),
      country text check (country ~ '^[A-Z]{2}$'),
      birth_date date,
      document_type text,
      document_number text,
      document_country text check (document_country ~ '^[A-Z]{2}$'),
      document_expiry date,
      marketing_consent boolean not null default false,
      tag_ids text[] not null default '{}' check (cardinality(tag_ids) <= 9),
      group_ids text[] not null default '{}',
      company_id text,
      user_id text,                       -- the customer account, empty until accounts exist
      username text,                      -- account username: never changes once set (G-9)
      source text not null default 'manual' check (source in ('booking', 'form', 'import', 'manual', 'registration', 'api')),
      booking_count integer not null default 0,
      revenue numeric(14, 2) not null default 0,
      first_contact_at timestamptz not null default now(),
      last_activity_at timestamptz not null default now(),
      blocked_at timestamptz,
      block_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, title_id) references title (org_id, id) on delete set null (title_id)
    );
    create unique index guest_user_key on guest (org_id, user_id) where user_id is not null;
    create index guest_name_sort_idx on guest (org_id, lower(last_name), lower(first_name), id);
    create index guest_first_contact_idx on guest (org_id, first_contact_at, id);
    create index guest_last_activity_idx on guest (org_id, last_activity_at, id);
    create index guest_booking_count_idx on guest (org_id, booking_count, id);
    create index guest_tags_idx on guest using gin (tag_ids);
    create index guest_groups_idx on guest using gin (group_ids);

    create table guest_email (
      org_id text not null,
      guest_id text not null,
      email text not null,                -- lower-cased, trimmed
      is_primary boolean not null default false,
      label text,
      position integer not null default 0,
      primary key (org_id, guest_id, email),
      foreign key (org_id, guest_id) references guest (org_id, id) on delete cascade
    );
    create index guest_email_lookup_idx on guest_email (org_id, email);

    create table guest_phone (
      org_id text not null,
      guest_id text not null,
      e164 text not null,
      display text not null,              -- as entered
      is_primary boolean not null default false,
      label text,
      position integer not null default 0,
      primary key (org_id, guest_id, e164),
      foreign key (org_id, guest_id) references guest (org_id, id) on delete cascade
    );
    create index guest_phone_lookup_idx on guest_phone (org_id, e164);

    create table guest_address (
      org_id text not null,
      id text not null,
      guest_id text not null,
      name text,
      street text,
      city text,
      region text,
      postcode text,
      country text check (country ~ '^[A-Z]{2}$'),
      is_primary boolean not null default false,
      position integer not null default 0,
      primary key (org_id, id),
      foreign key (org_id, guest_id) references guest (org_id, id) on delete cascade
    );
    create index guest_address_guest_idx on guest_address (org_id, guest_id);

    create table guest_note (
      org_id text not null,
      id text not null,
      guest_id text not null,
      body text not null,
      author_type text not null,
      author_id text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, guest_id) references guest (org_id, id) on delete cascade
    );
    create index guest_note_guest_idx on guest_note (org_id, guest_id, created_at desc);

    create table guest_history (
      org_id text not null,
      id text not null,
      guest_id text not null,
      actor_type text not null,           -- staff, api_key, system, cli, customer
      actor_id text,
      actor_name text,
      field text not null,
      old_value jsonb,
      new_value jsonb,
      request_id text,
      created_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, guest_id) references guest (org_id, id) on delete cascade
    );
    create index guest_history_guest_idx on guest_history (org_id, guest_id, created_at desc, id desc);

    create table segment (
      org_id text not null references organisation (id),
      id text not null,
      name text not null,
      filters jsonb not null,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id)
    );
    create unique index segment_name_key on segment (org_id, lower(name));
  `.execute(db);
}
