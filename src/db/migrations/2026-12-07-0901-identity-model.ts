import { sql, type Kysely } from 'kysely';

/**
 * The organisation's identity model (issue 14): how common each first name and surname is among
 * its profiles (only names shared by at least 5 profiles are stored: a rarer name is "rare", not
 * written down) and the m/u weights estimated by EM (null: the defaults). Built offline by the
 * job `identity.model`; the resolver reads it through a per-process cache keyed by `version`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table identity_model (
      org_id text not null references organisation (id) on delete cascade,
      version integer not null default 1,
      names jsonb not null,
      weights jsonb,
      profiles integer not null,
      pairs integer not null default 0,
      computed_at timestamptz not null default now(),
      primary key (org_id)
    );
  `.execute(db);
}
