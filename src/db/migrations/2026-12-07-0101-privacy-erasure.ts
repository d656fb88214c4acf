import { sql, type Kysely } from 'kysely';

/**
 * Erasure (issue 12, P-1/P-2): a merge whose guest was erased keeps only that it happened (ids,
 * who, when). Its snapshot and moves are emptied and `erased_at` is set, so undoing it answers
 * `409 merge_erased` instead of bringing the erased person back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table guest_merge add column erased_at timestamptz`.execute(db);
}
