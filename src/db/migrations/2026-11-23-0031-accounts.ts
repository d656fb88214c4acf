import { sql, type Kysely } from 'kysely';

/**
 * Customer accounts (SPEC A-1 … A-6): the guest's profile IS the customer, so an account hangs
 * off one guest (unique). Username = e-mail, unique per organisation ignoring case. Customer
 * sessions and one-time tokens (set-password, reset) are stored hashed, never in clear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_account (
      org_id text not null,
      id text not null,
      guest_id text not null,
      username text not null,
      password_hash text,
      status text not null default 'new' check (status in ('new', 'validated', 'cancelled')),
      origin text not null default 'registration' check (origin in ('registration', 'checkout', 'staff')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      validated_at timestamptz,
      validated_by text,
      cancelled_at timestamptz,
      cancelled_by text,
      last_login_at timestamptz,
      primary key (org_id, id),
      foreign key (org_id, guest_id) references guest (org_id, id) on delete cascade
    );
    create unique index customer_account_guest_key on customer_account (org_id, guest_id);
    create unique index customer_account_username_key on customer_account (org_id, lower(username));
    create index customer_account_status_idx on customer_account (org_id, status, created_at desc);

    create table customer_session (
      org_id text not null,
      id text not null,
      account_id text not null,
      csrf_token text not null,
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (org_id, id),
      foreign key (org_id, account_id) references customer_account (org_id, id) on delete cascade
    );
    create unique index customer_session_token_key on customer_session (id);

    create table customer_token (
      org_id text not null,
      id text not null,
      account_id text not null,
      purpose text not null check (purpose in ('set_password', 'reset_password')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      primary key (org_id, id),
      foreign key (org_id, account_id) references customer_account (org_id, id) on delete cascade
    );
    create unique index customer_token_hash_key on customer_token (id);
    create index customer_token_account_idx on customer_token (org_id, account_id);
  `.execute(db);
}
