import { sql, type Kysely } from 'kysely';

/**
 * The audit log as a list (issue 12 point 7): newest first per organisation, paged by
 * (created_at, id), and by actor (what a DPO asks first: "what did this person or key read?").
 * Filters by entity use the index of the foundation migration (org_id, entity_type, entity_id, created_at).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index audit_log_created_idx on audit_log (org_id, created_at desc, id desc);
    create index audit_log_actor_idx on audit_log (org_id, actor_id, created_at desc, id desc);
  `.execute(db);
}
