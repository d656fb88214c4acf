import { sql, type Kysely } from 'kysely';

/**
 * Identity resolution (SPEC I-1 … I-5): every decision of the resolver is kept with its rule,
 * score and reasons (explainable), and possible duplicates wait in a review queue. A pair is
 * stored once (guest_a < guest_b); "not the same person" dismisses it for good.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table identity_decision (
      org_id text not null,
      id text not null,
      guest_id text not null,
      source text not null,
      role text not null,
      outcome text not null check (outcome in ('matched', 'created')),
      rule text not null,
      score double precision not null,
      reasons jsonb not null default '[]'::jsonb,
      created_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, guest_id) references guest (org_id, id) on delete cascade
    );
    create index identity_decision_guest_idx on identity_decision (org_id, guest_id, created_at desc);

    create table duplicate_candidate (
      org_id text not null,
      guest_a text not null,
      guest_b text not null,
      kind text not null check (kind in ('candidate', 'related')),
      score double precision not null,
      rule text not null,
      reasons jsonb not null default '[]'::jsonb,
      status text not null default 'open' check (status in ('open', 'dismissed', 'merged')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, guest_a, guest_b),
      check (guest_a < guest_b),
      foreign key (org_id, guest_a) references guest (org_id, id) on delete cascade,
      foreign key (org_id, guest_b) references guest (org_id, id) on delete cascade
    );
    create index duplicate_candidate_queue_idx on duplicate_candidate (org_id, status, score desc);
    create index duplicate_candidate_b_idx on duplicate_candidate (org_id, guest_b);
  `.execute(db);
}
