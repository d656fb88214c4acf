import { sql, type Kysely } from 'kysely';

/**
 * Guest exports (issue 13, D-2): one row per export — what was asked (format, filters, fields),
 * who asked, its progress, and its file in the exports file area until it expires (7 days) or an
 * erasure deletes it (deleted_at, deleted_reason).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table export_file (
      org_id text not null references organisation (id),
      id text not null,
      format text not null check (format in ('csv', 'xlsx', 'vcf')),
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      segment_id text,
      filters jsonb not null,
      fields jsonb not null,
      masked boolean not null,
      created_by_type text not null,
      created_by_id text,
      file_name text,
      row_count integer not null default 0,
      total integer,
      size_bytes bigint,
      error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      expires_at timestamptz not null,
      deleted_at timestamptz,
      deleted_reason text check (deleted_reason in ('expired', 'erasure')),
      primary key (org_id, id)
    );
    create index export_file_created_idx on export_file (org_id, created_at desc, id desc);
    create index export_file_live_idx on export_file (expires_at) where deleted_at is null;
  `.execute(db);
}
