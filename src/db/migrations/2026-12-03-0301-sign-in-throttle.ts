import { sql, type Kysely } from 'kysely';

/**
 * Sign-in abuse without lockouts (issue 11 point 12). `login_throttle` keeps its shape and now
 * holds three kinds of counters: per account + source (progressive delays), per account (a
 * global rate that slows unknown sources) and per address (spraying across accounts); its
 * `blocked_until` is the earliest next attempt. `sign_in_device` remembers the addresses and
 * device cookies that have signed in to an account, which the per-account rate never slows.
 * `sign_in_event` is what the owner sees: each time a source or an account starts being slowed.
 * The old per-staff lockout columns (`failed_logins`, `locked_until`) were never used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_device (
      account_key text not null,
      device text not null,
      first_seen_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      primary key (account_key, device)
    );

    create table sign_in_event (
      org_id text not null references organisation (id),
      id text not null,
      kind text not null check (kind in ('source_delayed', 'account_slowed')),
      subject_type text not null check (subject_type in ('staff', 'customer')),
      subject_id text not null,
      email text not null,
      ip text,
      failures integer not null,
      delayed_until timestamptz,
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    );
    create index sign_in_event_recent_idx on sign_in_event (org_id, created_at desc, id desc);
  `.execute(db);
}
