import { sql, type RawBuilder } from 'kysely';
import type { TenantDb } from '../../db/database.ts';
import type { Scrubber } from './scrub.ts';

/** A column scrubbed in place: free text, jsonb, or a text array. */
export interface ScrubColumn {
  name: string;
  kind: 'text' | 'json' | 'array';
}

export interface ScrubTarget {
  table: string;
  /** Columns that identify a row (org_id is added for tables that have it). */
  key: string[];
  columns: ScrubColumn[];
  /** False for installation tables without org_id (the job queue filters `org_id = $org or null`). */
  tenant?: boolean;
  /** Only these rows (e.g. the person's own records, scrubbed with every name word). */
  where?: RawBuilder<unknown>;
}

const asJsonText = (c: ScrubColumn) => (c.kind === 'array' ? sql`array_to_json(${sql.ref(c.name)})::text` : asText(c));
const asText = (c: ScrubColumn) => (c.kind === 'text' ? sql.ref(c.name) : sql`${sql.ref(c.name)}::text`);

/**
 * Replaces the person's names, e-mails and phones in the given columns of every row that may hold
 * them (selected in SQL by `ilike` and by digits, rewritten in TypeScript). Returns rows changed.
 */
export async function scrubColumns(
  trx: TenantDb,
  orgId: string,
  target: ScrubTarget,
  scrub: Scrubber,
): Promise<number> {
  if (scrub.isEmpty) return 0;
  const tenant = target.tenant ?? true;
  const orgFilter = tenant ? sql`org_id = ${orgId}` : sql`(org_id = ${orgId} or org_id is null)`;
  const matches = target.columns.map((c) => {
    const like = scrub.likePatterns.length
      ? sql`${asText(c)} ilike any(${sql.val(scrub.likePatterns)}::text[])`
      : sql`false`;
    const digits = scrub.digitPatterns.length
      ? sql`regexp_replace(${asText(c)}, '[^0-9]', '', 'g') like any(${sql.val(scrub.digitPatterns)}::text[])`
      : sql`false`;
    return sql`(${like} or ${digits})`;
  });
  const select = sql<Record<string, unknown>>`
    select ${sql.join([
      ...target.key.map((k, i) => sql`${sql.ref(k)} as ${sql.raw(`k${i}`)}`),
      ...target.columns.map((c, i) => sql`${asJsonText(c)} as ${sql.raw(`c${i}`)}`),
    ])}
      from ${sql.table(target.table)}
     where ${orgFilter} and (${sql.join(matches, sql` or `)}) ${target.where ? sql`and (${target.where})` : sql``}`;
  const rows = (await select.execute(trx)).rows;
  let changed = 0;
  for (const row of rows) {
    const sets = target.columns.flatMap((c, i) => {
      const before = row[`c${i}`];
      if (typeof before !== 'string') return [];
      if (c.kind === 'text') {
        const after = scrub.text(before);
        return after === before ? [] : [sql`${sql.ref(c.name)} = ${after}`];
      }
      const parsed: unknown = JSON.parse(before);
      const after = JSON.stringify(scrub.json(parsed));
      if (after === JSON.stringify(parsed)) return [];
      return c.kind === 'json'
        ? [sql`${sql.ref(c.name)} = ${after}::jsonb`]
        : [sql`${sql.ref(c.name)} = array(select jsonb_array_elements_text(${after}::jsonb))`];
    });
    if (!sets.length) continue;
    const keys = target.key.map((k, i) => sql`${sql.ref(k)} = ${row[`k${i}`] as string}`);
    await sql`update ${sql.table(target.table)} set ${sql.join(sets)}
               where ${orgFilter} and ${sql.join(keys, sql` and `)}`.execute(trx);
    changed++;
  }
  return changed;
}
