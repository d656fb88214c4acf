import { sql, type Kysely } from 'kysely';

/**
 * Company dedupe (issue 15 point 1): pairs of companies with near-identical names in the same city
 * (or country), queued for staff to merge or dismiss. `company_a` sorts before `company_b`; a pair
 * is kept after its decision (a dismissed pair is not queued again). No foreign key to `company`:
 * a merged pair names a company that is gone; the list reads only pairs whose two companies exist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table company_duplicate (
      org_id text not null references organisation (id),
      id text not null,
      company_a text not null,
      company_b text not null check (company_a < company_b),
      score real not null,
      reasons text[] not null default '{}',
      status text not null default 'open' check (status in ('open', 'merged', 'dismissed')),
      created_at timestamptz not null default now(),
      decided_at timestamptz,
      decided_by_type text,
      decided_by_id text,
      primary key (org_id, id),
      unique (org_id, company_a, company_b)
    );
    create index company_duplicate_b_idx on company_duplicate (org_id, company_b);
    create index company_duplicate_open_idx on company_duplicate (org_id, score desc, id) where status = 'open';
    create index company_city_idx on company (org_id, lower(billing_city)) where billing_city is not null;
  `.execute(db);
}
