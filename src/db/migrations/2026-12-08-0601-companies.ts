import { sql, type Kysely } from 'kysely';

/**
 * Companies and their contacts (issue 15, SPEC C-1..C-4): company profiles, the guests who are their
 * contacts with roles (at most one purchasing contact per company, enforced here by a partial unique
 * index), the company's change history, and the company and contact a booking was made for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table company (
      org_id text not null references organisation (id),
      id text not null,
      name text not null,
      legal_name text,
      tax_id text,
      -- The tax id's identity for dedupe (country + national number: ES VAT and NIF are one key,
      -- a French SIRET, SIREN and VAT number all key on the SIREN).
      tax_key text,
      country text,
      language text,
      billing_street text,
      billing_city text,
      billing_postcode text,
      billing_region text,
      billing_country text,
      group_id text,
      discount numeric(5, 2),
      rate_code text,
      payment_terms text,
      notes text,
      tags text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, group_id) references guest_group (org_id, id) on delete set null (group_id)
    );
    create unique index company_tax_key_key on company (org_id, tax_key) where tax_key is not null;
    create index company_name_idx on company (org_id, lower(name), id);

    create table company_contact (
      org_id text not null,
      company_id text not null,
      guest_id text not null,
      roles text[] not null default '{}'
        check (roles <@ array['purchasing', 'billing', 'logistics', 'support']::text[]),
      invited_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, company_id, guest_id),
      foreign key (org_id, company_id) references company (org_id, id) on delete cascade,
      foreign key (org_id, guest_id) references guest (org_id, id) on delete cascade
    );
    -- C-2: at most one purchasing contact per company, whatever the application does.
    create unique index company_contact_one_purchasing on company_contact (org_id, company_id)
      where 'purchasing' = any (roles);
    create index company_contact_guest_idx on company_contact (org_id, guest_id);

    create table company_history (
      org_id text not null,
      id text not null,
      company_id text not null,
      field text not null,
      old_value jsonb,
      new_value jsonb,
      actor_type text not null,
      actor_id text,
      actor_name text,
      request_id text,
      at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, company_id) references company (org_id, id) on delete cascade
    );
    create index company_history_company_idx on company_history (org_id, company_id, at desc, id desc);

    alter table booking
      add column company_id text,
      add column contact_id text,
      add foreign key (org_id, company_id) references company (org_id, id) on delete set null (company_id),
      add foreign key (org_id, company_id, contact_id) references company_contact (org_id, company_id, guest_id)
        on delete set null (contact_id);
    create index booking_company_idx on booking (org_id, company_id, check_in desc, id desc) where company_id is not null;
  `.execute(db);
}
