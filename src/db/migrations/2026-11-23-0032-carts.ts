import { sql, type Kysely } from 'kysely';

/**
 * Booking-site carts (SPEC B-3) and site checkouts. A cart belongs to a visitor (the hash of the
 * random `clientela_cart` cookie) or to a signed-in customer's guest profile. Stored statuses are
 * `active` and `converted`; "abandoned" is derived at query time (active and idle longer than the
 * organisation's setting), so no job has to sweep carts and the rule changes take effect at once.
 * A site checkout row makes a checkout idempotent: its key (Idempotency-Key header or the cart
 * id) is unique per organisation, so a double submit waits for the first and replays its result.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cart (
      org_id text not null,
      id text not null,
      visitor_key text,
      guest_id text,
      status text not null default 'active' check (status in ('active', 'converted')),
      item_count integer not null default 0,
      value numeric(12, 2) not null default 0,
      currency text,
      customer_name text,
      created_at timestamptz not null default now(),
      last_activity_at timestamptz not null default now(),
      converted_at timestamptz,
      refused_at timestamptz,
      refused_guest_id text,
      primary key (org_id, id)
    );
    create index cart_visitor_idx on cart (org_id, visitor_key) where status = 'active';
    create index cart_guest_idx on cart (org_id, guest_id) where status = 'active';
    create index cart_activity_idx on cart (org_id, last_activity_at desc);

    create table cart_item (
      org_id text not null,
      id text not null,
      cart_id text not null,
      property_id text not null,
      room_type_id text not null,
      check_in date not null,
      check_out date not null,
      adults integer not null default 1,
      children integer not null default 0,
      nights integer not null,
      nightly_price numeric(12, 2) not null,
      discount_percent numeric(5, 2) not null default 0,
      price numeric(12, 2) not null,
      currency text not null,
      created_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, cart_id) references cart (org_id, id) on delete cascade,
      foreign key (org_id, room_type_id) references room_type (org_id, id) on delete cascade
    );
    create index cart_item_cart_idx on cart_item (org_id, cart_id);

    create table site_checkout (
      org_id text not null,
      id text not null,
      idempotency_key text not null,
      cart_id text not null,
      status text not null default 'pending' check (status in ('pending', 'completed')),
      booking_ids text[] not null default '{}',
      account_created boolean not null default false,
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    );
    create unique index site_checkout_key on site_checkout (org_id, idempotency_key);
  `.execute(db);
}
