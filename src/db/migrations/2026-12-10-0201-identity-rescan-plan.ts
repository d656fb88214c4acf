import { sql, type Kysely } from 'kysely';

/**
 * Identity rescan in two phases (issue 14 point 5, 1,000,000 profiles): the plan (every automatic
 * merge and every review-queue change, computed in memory from all profiles at once) is stored as
 * numbered steps when planning ends, then applied in batches; `applied` is the last step done, so
 * a run killed while applying resumes after it without planning again. `phase` says which one a
 * resumed run is in. The steps name profiles and hold the decisions' reasons: personal data,
 * erased with the guest (privacy registry), and deleted when the run ends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table identity_rescan
      add column phase text not null default 'plan' check (phase in ('plan', 'apply')),
      add column profiles integer,
      add column applied integer not null default 0;
    create table identity_rescan_step (
      org_id text not null,
      rescan_id text not null,
      seq integer not null,
      kind text not null check (kind in ('merge', 'candidate', 'related', 'remove')),
      guest_ids text[] not null,
      decisions jsonb not null default '[]'::jsonb,
      primary key (org_id, rescan_id, seq),
      foreign key (org_id, rescan_id) references identity_rescan (org_id, id) on delete cascade
    );
    create index identity_rescan_step_guest on identity_rescan_step using gin (guest_ids);
  `.execute(db);
}
