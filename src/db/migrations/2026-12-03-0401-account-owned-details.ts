import { sql, type Kysely } from 'kysely';

/**
 * Issue 11 point 1: a customer account sees only what it can prove is its own.
 * - The account keeps the personal details it entered itself (names, phone, language, address,
 *   newsletter consent) on its own row; it never reads or overwrites the CRM profile's.
 * - `email_verified_at`: set when a one-time link sent to the username is used. Only then may the
 *   account be linked to an existing profile (`guest_id`, for staff and history; NULL until then)
 *   and see bookings by their contact e-mail. `owns_profile`: the profile was created from the
 *   account's own entries, so its edits may be written through.
 * - `booking.contact_email`: the e-mail a booking was made with (lower case), the proof a verified
 *   account uses; backfilled from the booking confirmations already sent.
 * Existing accounts with a password used an e-mailed link to set it: their e-mail is verified.
 * They keep only their names and language (never the profile's phone or address).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table customer_account alter column guest_id drop not null;
    alter table customer_account
      add column email_verified_at timestamptz,
      add column owns_profile boolean not null default false,
      add column first_name text not null default '',
      add column last_name text not null default '',
      add column phone text,
      add column language text,
      add column address jsonb,
      add column marketing_consent boolean not null default false;
    update customer_account a
       set first_name = g.first_name, last_name = g.last_name, language = g.language
      from guest g
     where g.org_id = a.org_id and g.id = a.guest_id;
    update customer_account set email_verified_at = updated_at where password_hash is not null;

    alter table customer_token drop constraint if exists customer_token_purpose_check;
    alter table customer_token add constraint customer_token_purpose_check
      check (purpose in ('set_password', 'reset_password', 'verify_email'));

    alter table booking add column contact_email text;
    update booking b
       set contact_email = lower(m.to_address)
      from email_message m
     where m.org_id = b.org_id and m.dedupe_key = 'booking.confirmation:' || b.id;
    create index booking_contact_email_idx on booking (org_id, contact_email) where contact_email is not null;
    create index booking_customer_account_idx on booking (org_id, created_by_id) where created_by_type = 'customer';
  `.execute(db);
}
