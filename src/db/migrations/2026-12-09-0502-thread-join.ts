import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 (M-2, merging threads): a thread merged into another is deleted; its alias keeps its
 * id (so its old address answers "merged into …") and its reply token (so the guest's e-mail
 * answers to the old thread land in the survivor). Deleted with the survivor.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table thread_alias (
      org_id text not null,
      thread_id text not null,
      survivor_id text not null,
      reply_token text not null,
      merged_at timestamptz not null default now(),
      primary key (org_id, thread_id),
      foreign key (org_id, survivor_id) references thread (org_id, id) on delete cascade
    );
    create unique index thread_alias_token_key on thread_alias (reply_token);
    create index thread_alias_survivor_idx on thread_alias (org_id, survivor_id);
  `.execute(db);
}
