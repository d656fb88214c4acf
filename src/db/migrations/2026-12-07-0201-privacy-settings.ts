import { sql, type Kysely } from 'kysely';

/**
 * Privacy settings per organisation (issue 12, P-6):
 * - `retention_years`: "anonymise guests with no activity for N years" (null = off, the default;
 *   1–20). The daily job `privacy.retention` erases such guests through the same path as "Delete guest".
 * - `backup_days`: how long the hotel's backups keep data (told to a guest who deletes their account).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table privacy_setting (
      org_id text not null references organisation (id) on delete cascade,
      retention_years smallint check (retention_years between 1 and 20),
      backup_days smallint not null default 30 check (backup_days between 0 and 3650),
      updated_at timestamptz not null default now(),
      updated_by text,
      primary key (org_id)
    );
  `.execute(db);
}
