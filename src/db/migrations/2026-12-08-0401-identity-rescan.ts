import { sql, type Kysely } from 'kysely';

/**
 * Identity rescan (issue 14, point 5): one run of the resolver over every profile of the
 * organisation (or a dry run that only counts). Progress and counters are committed with each
 * batch's merges and queue changes, and `checkpoint` is the id of the last profile done: a run
 * killed in the middle resumes after it. No personal data (ids and counters only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table identity_rescan (
      org_id text not null references organisation(id) on delete cascade,
      id text not null,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      dry_run boolean not null default false,
      total integer,
      done integer not null default 0,
      checkpoint text not null default '',
      compared integer not null default 0,
      merges integer not null default 0,
      merged_profiles integer not null default 0,
      queued integer not null default 0,
      related integer not null default 0,
      removed integer not null default 0,
      skipped integer not null default 0,
      job_id text,
      heartbeat_at timestamptz,
      failure text check (length(failure) <= 2000),
      created_by_type text,
      created_by_id text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      primary key (org_id, id)
    );
    create index identity_rescan_history on identity_rescan (org_id, created_at desc, id desc);
  `.execute(db);
}
