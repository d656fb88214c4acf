import { sql, type Kysely } from 'kysely';

/**
 * ID documents encrypted at rest and the personal-data grant (issue 12 point 5, SPEC P-5):
 * - `guest.document_number` keeps its name but from now on holds `enc:v1:…` values (AES-256-GCM,
 *   core/secret-box.ts). Migrations run without the key, so the values already stored are sealed by
 *   the start-up step right after (server/bootstrap.ts → sealPlaintextDocuments), idempotently.
 * - `guest.document_number_index`: the keyed HMAC blind index of the normalised number, for
 *   exact-match lookups without decrypting every row.
 * - `staff_user.extra_permissions`: permissions given to one staff member beyond their role
 *   (today only `personal-data:read`, which reception may be given).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table guest add column document_number_index text`.execute(db);
  await sql`
    create index guest_document_number_index_idx on guest (org_id, document_number_index)
      where document_number_index is not null`.execute(db);
  await sql`
    alter table staff_user add column extra_permissions text[] not null default '{}'
      check (extra_permissions <@ array['personal-data:read']::text[])`.execute(db);
}
