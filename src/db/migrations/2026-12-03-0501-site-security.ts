import { sql, type Kysely } from 'kysely';

/**
 * Booking-site security (issue 11, points 3, 15, 23, 24).
 * - `site_host`: the host names an organisation's booking site answers on (`book.hotel-example.com`).
 *   A host belongs to one organisation on the server (unique), so the public API never serves another
 *   organisation's properties, carts or bookings.
 * - `site_checkout.request_hash`: a checkout's Idempotency-Key is scoped to the visitor and to the
 *   request body; a second body under the same key is refused (`409 idempotency_key_reused`).
 *   `account_status`: the state of an account created at checkout, so a replay answers alike.
 * - `site_throttle`: fixed-window counters and "at most one per window" gates for anonymous checkout
 *   (per IP, per e-mail) and its confirmation e-mails. Keys are sha256 hashes (no raw IPs or
 *   addresses); rows older than a day are deleted as new windows open. In the database so the limits
 *   hold across several server processes on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table site_host (
      org_id text not null references organisation (id) on delete cascade,
      host text not null check (host = lower(host) and length(host) between 1 and 253),
      created_at timestamptz not null default now(),
      primary key (org_id, host)
    );
    create unique index site_host_host on site_host (host);

    alter table site_checkout add column request_hash text;
    alter table site_checkout add column account_status text check (account_status in ('new', 'validated'));

    create table site_throttle (
      key text primary key,
      window_start timestamptz not null,
      hits integer not null
    );
    create index site_throttle_window on site_throttle (window_start);
  `.execute(db);
}
