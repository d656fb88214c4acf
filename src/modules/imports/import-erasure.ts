import { sql, type Kysely } from 'kysely';
import type { TenantDb } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { removeUpload } from './import-file.ts';

/** What erasure gives the imports module: whole values of the person (a privacy Scrubber). */
export interface ImportErasureScrubber {
  likePatterns: string[];
  digitPatterns: string[];
  text(value: string): string;
  isEmpty: boolean;
}

/**
 * Erasure (P-2) of a guest's rejected import records: deletes the `import_error` rows whose cells,
 * read as one line, hold the person's full name, an e-mail, a phone or a document number. The SQL
 * pre-selects by the scrubber's patterns; the scrubber's own test decides.
 */
export async function eraseImportErrors(trx: TenantDb, orgId: string, scrub: ImportErasureScrubber): Promise<number> {
  if (scrub.isEmpty) return 0;
  const joined = sql`(select string_agg(value, ' ') from jsonb_array_elements_text(cells) as value)`;
  const like = scrub.likePatterns.length
    ? sql`${joined} ilike any(${sql.val(scrub.likePatterns)}::text[])`
    : sql`false`;
  const digits = scrub.digitPatterns.length
    ? sql`regexp_replace(${joined}, '[^0-9]', '', 'g') like any(${sql.val(scrub.digitPatterns)}::text[])`
    : sql`false`;
  const candidates = await sql<{ importId: string; record: number; line: string }>`
    select import_id, record, ${joined} as line from import_error where org_id = ${orgId} and (${like} or ${digits})`.execute(
    trx,
  );
  let deleted = 0;
  for (const row of candidates.rows) {
    if (scrub.text(row.line ?? '') === row.line) continue;
    const r = await trx
      .deleteFrom('importError')
      .where('importId', '=', row.importId)
      .where('record', '=', row.record)
      .executeTakeFirst();
    deleted += Number(r.numDeletedRows);
  }
  return deleted;
}

/**
 * Erasure of uploads: every upload of the organisation kept after its imports ended (dry runs wait
 * 24 h for a real run) is deleted at once, whoever it names; uploads of running imports go when
 * they end. Answers the uploads deleted.
 */
export async function eraseKeptUploads(trx: Kysely<DB> | TenantDb, orgId: string): Promise<number> {
  const kept = await trx
    .selectFrom('importRun')
    .select('uploadName')
    .where('orgId', '=', orgId)
    .where('uploadDeletedAt', 'is', null)
    .groupBy('uploadName')
    .having(sql<boolean>`bool_and(status in ('done', 'failed'))`)
    .execute();
  if (!kept.length) return 0;
  await trx
    .updateTable('importRun')
    .set({ uploadDeletedAt: new Date() })
    .where('orgId', '=', orgId)
    .where(
      'uploadName',
      'in',
      kept.map((k) => k.uploadName),
    )
    .execute();
  for (const { uploadName } of kept) removeUpload(uploadName);
  return kept.length;
}
