import { sql, type Kysely } from 'kysely';

/**
 * Room types, nightly inventory and bookings (SPEC B-1, B-2, X-7). `room_night.booked` is the
 * number of rooms of a type sold for a night; a booking takes one per night with a conditional
 * upsert (`booked < room_count`), so the last room can never be sold twice whatever the
 * concurrency: the row lock serialises competing transactions on the same night.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table property add column country text check (country ~ '^[A-Z]{2}$');

    create table room_type (
      org_id text not null,
      id text not null,
      property_id text not null,
      name text not null,
      capacity integer not null check (capacity > 0),
      nightly_price numeric(12, 2) not null check (nightly_price >= 0),
      room_count integer not null check (room_count >= 0),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, property_id) references property (org_id, id)
    );
    create unique index room_type_name_key on room_type (org_id, property_id, lower(name));

    create table room_night (
      org_id text not null,
      room_type_id text not null,
      night date not null,
      booked integer not null default 0 check (booked >= 0),
      primary key (org_id, room_type_id, night),
      foreign key (org_id, room_type_id) references room_type (org_id, id) on delete cascade
    );

    create table booking (
      org_id text not null,
      id text not null,
      reference text not null,
      property_id text not null,
      room_type_id text not null,
      customer_id text not null,
      check_in date not null,
      check_out date not null,
      adults integer not null default 1 check (adults >= 0),
      children integer not null default 0 check (children >= 0),
      status text not null default 'confirmed'
        check (status in ('confirmed', 'in_house', 'checked_out', 'cancelled', 'no_show')),
      total numeric(12, 2) not null default 0 check (total >= 0),
      currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
      source text not null,
      external_ref text,
      notes text,
      created_by_type text not null,
      created_by_id text,
      blocked_guest boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      cancelled_at timestamptz,
      primary key (org_id, id),
      check (check_out > check_in),
      foreign key (org_id, property_id) references property (org_id, id),
      foreign key (org_id, room_type_id) references room_type (org_id, id),
      foreign key (org_id, customer_id) references guest (org_id, id)
    );
    create unique index booking_reference_key on booking (org_id, lower(reference));
    create unique index booking_external_ref_key on booking (org_id, source, external_ref) where external_ref is not null;
    create index booking_customer_idx on booking (org_id, customer_id, check_in desc);
    create index booking_check_in_idx on booking (org_id, check_in, id);

    -- Who stays: the customer (who booked) and the stay/additional guests (I-3, I-4).
    create table booking_guest (
      org_id text not null,
      booking_id text not null,
      guest_id text not null,
      role text not null check (role in ('customer', 'stay', 'additional')),
      position integer not null default 0,
      primary key (org_id, booking_id, guest_id),
      foreign key (org_id, booking_id) references booking (org_id, id) on delete cascade,
      foreign key (org_id, guest_id) references guest (org_id, id)
    );
    create index booking_guest_guest_idx on booking_guest (org_id, guest_id);
  `.execute(db);
}
