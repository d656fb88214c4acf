/**
 * Test helpers for imports (used by the imports tests only): a multipart body built by hand,
 * running the queued import jobs through the real worker function, and a snapshot of what an import left.
 */
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import type { DB } from '../../db/schema.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { importJobHandlers } from './import-run.job.ts';

/** A multipart/form-data body with one file and text fields. */
export function multipartBody(
  file: { name: string; content: Buffer | string; type?: string } | undefined,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----clientela${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Runs queued import jobs until none is due (the worker's own claim-and-run). */
export async function drainImportJobs(system: Kysely<DB>, config: Pick<Config, 'database' | 'imports'>) {
  const handlers = importJobHandlers(config);
  let n = 0;
  while (await runNextJob(system, handlers)) n++;
  return n;
}

/** What an import leaves in an organisation (its real run, not a dry run), without ids or times: equal for equal imports. */
export async function snapshot(system: Kysely<DB>, orgId: string) {
  const guests = await sql<{ row: string }>`
    select concat_ws('|', g.first_name, g.last_name, g.email, g.phone, g.birth_date, g.country, g.marketing_consent,
      (select string_agg(e.email, ';' order by e.email) from guest_email e where e.org_id = g.org_id and e.guest_id = g.id),
      (select string_agg(t.name, ';' order by t.name) from tag t where t.org_id = g.org_id and t.id = any(g.tag_ids))) as row
    from guest g where g.org_id = ${orgId} order by 1`.execute(system);
  const count = async (table: string) =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where org_id = ${orgId}`.execute(system))
        .rows[0]?.n,
    );
  const run = await system
    .selectFrom('importRun')
    .select(['status', 'records', 'created', 'updated', 'unchanged', 'invalid', 'checkpoint', 'total'])
    .where('orgId', '=', orgId)
    .where('dryRun', '=', false)
    .executeTakeFirstOrThrow();
  const errors = await system
    .selectFrom('importError')
    .select(['record', 'problems'])
    .where('orgId', '=', orgId)
    .orderBy('record')
    .execute();
  return {
    guests: guests.rows.map((r) => r.row),
    emails: await count('guest_email'),
    phones: await count('guest_phone'),
    consents: await count('guest_consent'),
    history: await count('guest_history'),
    decisions: await count('identity_decision'),
    tokens: await count('guest_search_token'),
    run,
    errors,
  };
}
