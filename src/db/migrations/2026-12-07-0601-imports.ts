import { sql, type Kysely } from 'kysely';

/**
 * Imports (issue 13, D-1).
 * - `import_run`: one import of one uploaded file (a dry run or a real one): its file, detected
 *   format, mapping, progress, counters and checkpoint (the last record committed: a crashed import
 *   resumes after it), and a heartbeat while a worker runs it.
 * - `import_error`: one row per rejected record, with its problems and its cells as they were in the
 *   file (the error report, `errors.csv`). Personal data: erased with the guest (privacy registry).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_run (
      org_id text not null references organisation(id) on delete cascade,
      id text not null,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      dry_run boolean not null default false,
      on_existing text not null default 'enrich' check (on_existing in ('enrich', 'overwrite', 'skip')),
      overwrite_fields jsonb,
      file_name text not null check (length(file_name) <= 500),
      upload_name text not null check (length(upload_name) <= 200),
      upload_size bigint not null default 0,
      upload_deleted_at timestamptz,
      kind text not null check (kind in ('csv', 'xlsx')),
      encoding text,
      delimiter text,
      format_id text not null,
      format_name text not null,
      headers jsonb not null,
      mapping jsonb not null,
      total integer,
      checkpoint integer not null default 0,
      records integer not null default 0,
      created integer not null default 0,
      updated integer not null default 0,
      unchanged integer not null default 0,
      invalid integer not null default 0,
      bookings_created integer not null default 0,
      bookings_existing integer not null default 0,
      tags_dropped integer not null default 0,
      room_types_created jsonb not null default '[]'::jsonb,
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
    create index import_run_history on import_run (org_id, created_at desc, id desc);
    create index import_run_upload on import_run (upload_name) where upload_deleted_at is null;

    create table import_error (
      org_id text not null,
      import_id text not null,
      record integer not null,
      line integer not null,
      problems jsonb not null,
      cells jsonb not null,
      primary key (org_id, import_id, record),
      foreign key (org_id, import_id) references import_run (org_id, id) on delete cascade
    );
  `.execute(db);
}
