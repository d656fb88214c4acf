import { sql, type Kysely } from 'kysely';

/**
 * Issue 15 point 5: companies registered on the booking site are `new` until staff
 * validate or cancel them (existing companies are validated). Only validated companies hold their
 * tax id exclusively, so a registration with a known tax id still reaches the review queue, where it
 * is shown beside the company that has it. Guest groups gain the "price on request" display.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table company
      add column status text not null default 'validated' check (status in ('new', 'validated', 'cancelled')),
      add column status_reason text,
      add column status_changed_at timestamptz;
    drop index company_tax_key_key;
    create unique index company_tax_key_key on company (org_id, tax_key)
      where tax_key is not null and status = 'validated';
    create index company_tax_key_idx on company (org_id, tax_key) where tax_key is not null;
    create index company_new_idx on company (org_id, created_at desc, id desc) where status = 'new';

    alter table guest_group drop constraint guest_group_price_display_check;
    alter table guest_group add constraint guest_group_price_display_check
      check (price_display in ('everyone', 'logged_in', 'validated', 'on_request'));
  `.execute(db);
}
