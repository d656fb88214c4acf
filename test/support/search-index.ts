import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

/**
 * How far an organisation's guest search index is from what its names and e-mails say: guests
 * whose `search_tokens` differ from the words of their names and e-mail rows, and tokens of
 * `search_tokens` missing from the token table or rows of the token table no guest token explains.
 * All zero when the index is right, however it was built (triggers, bulk load, merges).
 */
export async function searchIndexDrift(
  db: Kysely<DB>,
  orgId: string,
): Promise<{ tokens: number; missing: number; extra: number }> {
  const { rows } = await sql<{ tokens: number; missing: number; extra: number }>`
    select
      (select count(*)::int from guest g
        where g.org_id = ${orgId}
          and g.search_tokens is distinct from (
            select coalesce(array_agg(distinct w order by w), '{}') from (
              select unnest(guest_name_words(g)) w
              union all
              select unnest(email_search_words(e.email)) from guest_email e where e.org_id = g.org_id and e.guest_id = g.id) s)
      ) as tokens,
      (select count(*)::int from guest g, unnest(g.search_tokens) w
        where g.org_id = ${orgId}
          and not exists (select 1 from guest_search_token t where t.org_id = g.org_id and t.token = w and t.guest_id = g.id)
      ) as missing,
      (select count(*)::int from guest_search_token t
        where t.org_id = ${orgId}
          and not exists (select 1 from guest g where g.org_id = t.org_id and g.id = t.guest_id and t.token = any(g.search_tokens))
      ) as extra`.execute(db);
  return rows[0]!;
}

/**
 * How far an organisation's namesake index (`guest_name_key`) is from its guests' names: keys the
 * names give that are missing, and rows no guest's names explain. Both zero when it is right.
 */
export async function nameKeyDrift(db: Kysely<DB>, orgId: string): Promise<{ missing: number; extra: number }> {
  const { rows } = await sql<{ missing: number; extra: number }>`
    select
      (select count(*)::int from guest g
        cross join unnest(guest_name_keys(g.first_name, g.last_name, g.second_last_name)) k
        where g.org_id = ${orgId}
          and not exists (select 1 from guest_name_key x where x.org_id = g.org_id and x.key = k and x.guest_id = g.id)
      ) as missing,
      (select count(*)::int from guest_name_key x
        where x.org_id = ${orgId}
          and not exists (select 1 from guest g where g.org_id = x.org_id and g.id = x.guest_id
                             and x.key = any(guest_name_keys(g.first_name, g.last_name, g.second_last_name)))
      ) as extra`.execute(db);
  return rows[0]!;
}
