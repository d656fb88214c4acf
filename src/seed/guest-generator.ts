import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { CITIES, EMAIL_DOMAINS, FIRST_NAMES, LANGUAGES, LANGUAGE_WEIGHTS, LAST_NAMES, STREETS } from './seed-data.ts';

/** Country order used by the generator (index into the flattened city/street lists). */
export const SEED_COUNTRIES = ['ES', 'FR', 'GB', 'DE', 'IT', 'PT', 'US'];

/** Deterministic seed guest id for ordinal `i` (so re-runs never duplicate). */
export function seedGuestId(i: number): string {
  return `gst_0seed${String(i).padStart(13, '0')}`;
}

function flatten(lists: string[][]): { all: string[]; off: number[]; len: number[] } {
  const all: string[] = [];
  const off: number[] = [];
  const len: number[] = [];
  for (const l of lists) {
    off.push(all.length);
    len.push(l.length);
    all.push(...l);
  }
  return { all, off, len };
}

const first = flatten(LANGUAGES.flatMap((l) => [FIRST_NAMES[l].male, FIRST_NAMES[l].female]));
const last = flatten(LANGUAGES.map((l) => LAST_NAMES[l]));
const cities = flatten(SEED_COUNTRIES.map((c) => CITIES[c] ?? []));
const streets = flatten(SEED_COUNTRIES.map((c) => STREETS[c] ?? []));
const cumulative = LANGUAGE_WEIGHTS.map((_, i) => LANGUAGE_WEIGHTS.slice(0, i + 1).reduce((a, b) => a + b, 0));

/**
 * Fills the temporary table `seed_batch` with guests `from..to` (inclusive), generated inside the
 * database from a hash of the ordinal: no data crosses the driver, and the same ordinal always
 * gives the same guest. Phones are valid mobile numbers of the guest's country, shown in one of
 * that country's usual formats.
 */
export async function generateBatch(
  trx: Kysely<DB>,
  opts: { orgId: string; from: number; to: number; tagIds: string[]; groupIds: string[]; titleIds: string[] },
): Promise<void> {
  const arr = (a: string[]) => sql`${a}::text[]`;
  const ints = (a: number[]) => sql`${a}::int[]`;
  await sql`drop table if exists seed_batch`.execute(trx);
  await sql`
    create temp table seed_batch on commit drop as
    with b as (
      select i,
        (hashint8(i * 64 + 1) & 2147483647) as h1, (hashint8(i * 64 + 2) & 2147483647) as h2,
        (hashint8(i * 64 + 3) & 2147483647) as h3, (hashint8(i * 64 + 4) & 2147483647) as h4,
        (hashint8(i * 64 + 5) & 2147483647) as h5, (hashint8(i * 64 + 6) & 2147483647) as h6,
        (hashint8(i * 64 + 7) & 2147483647) as h7, (hashint8(i * 64 + 8) & 2147483647) as h8
      from generate_series(${opts.from}::bigint, ${opts.to}::bigint) i
    ), l as (
      select b.*,
        case ${sql.join(
          cumulative.map((c, k) => sql`when h1 % 100 < ${sql.lit(c)} then ${sql.lit(k)}`),
          sql` `,
        )} else 0 end as li,
        (h2 % 2) as gender
      from b
    ), c as (
      select l.*,
        case when h3 % 100 < 85 then (case when li = 2 and h4 % 3 = 0 then 6 else li end) else h4 % 7 end as ci
      from l
    ), n as (
      select c.*,
        (${arr(first.all)})[1 + (${ints(first.off)})[1 + li * 2 + gender] + h5 % (${ints(first.len)})[1 + li * 2 + gender]] as fname,
        (${arr(last.all)})[1 + (${ints(last.off)})[1 + li] + h6 % (${ints(last.len)})[1 + li]] as lname,
        case when li in (0, 5) then (${arr(last.all)})[1 + (${ints(last.off)})[1 + li] + h7 % (${ints(last.len)})[1 + li]]
             when h7 % 100 < 3 then (${arr(last.all)})[1 + (${ints(last.off)})[1 + li] + h8 % (${ints(last.len)})[1 + li]] end as lname2,
        (${SEED_COUNTRIES}::text[])[1 + ci] as country,
        (${LANGUAGES}::text[])[1 + li] as language
      from c
    ), p as (
      select n.*,
        case ci
          when 0 then '6' || lpad((h8 % 100000000)::text, 8, '0')
          when 1 then '6' || (array['0','1','2','4','5','6','7','8'])[1 + h7 % 8] || lpad((h8 % 10000000)::text, 7, '0')
          when 2 then '77' || (1 + h7 % 7)::text || lpad((h8 % 10000000)::text, 7, '0')
          when 3 then '17' || (h7 % 10)::text || lpad((h8 % 100000000)::text, 8, '0')
          when 4 then '34' || lpad((h8 % 100000000)::text, 8, '0')
          when 5 then '91' || lpad((h8 % 10000000)::text, 7, '0')
          else (array['212','415','312','617','206','512','305','303','213','503'])[1 + h7 % 10]
               || (2 + h8 % 8)::text || lpad((20 + h5 % 80)::text, 2, '0') || lpad((h8 % 10000)::text, 4, '0')
        end as nsn,
        (array['34','33','44','49','39','351','1'])[1 + ci] as cc
      from n
    )
    select ${opts.orgId}::text as org_id,
      'gst_0seed' || lpad(i::text, 13, '0') as id, i, h1, h2, h3, h4, h5, h6, h7, h8, language, country, gender,
      case when li = 0 and lname2 is not null and lname like '%a' and h4 % 50 = 0
           then lname || '-' || lname2 else lname end as last_name,
      case when li = 0 and h4 % 50 = 0 then null else lname2 end as second_last_name,
      fname as first_name,
      lower(regexp_replace(unaccent(fname), '[^A-Za-z]', '', 'g'))
        || (array['.', '_', '', '.'])[1 + h3 % 4]
        || lower(regexp_replace(unaccent(lname), '[^A-Za-z]', '', 'g'))
        || case when h5 % 3 = 0 then (h6 % 100)::text else '' end
        || '@' || (${EMAIL_DOMAINS}::text[])[1 + h4 % ${sql.lit(EMAIL_DOMAINS.length)}] as email,
      '+' || cc || nsn as e164,
      case ci
        when 0 then (array['+34 ' || substr(nsn,1,3) || ' ' || substr(nsn,4,2) || ' ' || substr(nsn,6,2) || ' ' || substr(nsn,8,2),
                           nsn, '0034 ' || substr(nsn,1,3) || ' ' || substr(nsn,4,3) || ' ' || substr(nsn,7,3)])[1 + h2 % 3]
        when 1 then (array['+33 ' || substr(nsn,1,1) || ' ' || substr(nsn,2,2) || ' ' || substr(nsn,4,2) || ' ' || substr(nsn,6,2) || ' ' || substr(nsn,8,2),
                           '0' || substr(nsn,1,1) || ' ' || substr(nsn,2,2) || ' ' || substr(nsn,4,2) || ' ' || substr(nsn,6,2) || ' ' || substr(nsn,8,2),
                           '0' || nsn])[1 + h2 % 3]
        when 2 then (array['+44 ' || substr(nsn,1,4) || ' ' || substr(nsn,5), '0' || substr(nsn,1,4) || ' ' || substr(nsn,5), '+44' || nsn])[1 + h2 % 3]
        when 3 then (array['+49 ' || substr(nsn,1,3) || ' ' || substr(nsn,4), '0' || substr(nsn,1,3) || ' ' || substr(nsn,4), '0' || substr(nsn,1,3) || '/' || substr(nsn,4)])[1 + h2 % 3]
        when 4 then (array['+39 ' || substr(nsn,1,3) || ' ' || substr(nsn,4,3) || ' ' || substr(nsn,7), substr(nsn,1,3) || ' ' || substr(nsn,4), '+39' || nsn])[1 + h2 % 3]
        when 5 then (array['+351 ' || substr(nsn,1,3) || ' ' || substr(nsn,4,3) || ' ' || substr(nsn,7), substr(nsn,1,3) || ' ' || substr(nsn,4,3) || ' ' || substr(nsn,7)])[1 + h2 % 2]
        else (array['+1 (' || substr(nsn,1,3) || ') ' || substr(nsn,4,3) || '-' || substr(nsn,7), '(' || substr(nsn,1,3) || ') ' || substr(nsn,4,3) || '-' || substr(nsn,7),
                    substr(nsn,1,3) || '-' || substr(nsn,4,3) || '-' || substr(nsn,7)])[1 + h2 % 3]
      end as phone_display,
      (${arr(cities.all)})[1 + (${ints(cities.off)})[1 + ci] + h6 % (${ints(cities.len)})[1 + ci]] as city,
      (${arr(streets.all)})[1 + (${ints(streets.off)})[1 + ci] + h7 % (${ints(streets.len)})[1 + ci]] || ' ' || (1 + h8 % 180)::text as street,
      lpad((1000 + h5 % 89000)::text, 5, '0') as postcode,
      now() - make_interval(secs => (h3 % (10 * 365 * 86400))::double precision) as first_contact_at,
      h7 % 100 < 45 as marketing_consent,
      -- No bookings are generated, so no guest counts any (the counts are always those of real bookings).
      0 as booking_count
    from p
  `.execute(trx);
  // Tags, groups, titles and the time columns that depend on the ones above.
  await sql`
    alter table seed_batch add column tag_ids text[], add column group_ids text[], add column title_id text,
      add column last_activity_at timestamptz, add column source text, add column birth_date date,
      add column user_id text, add column second_email text, add column second_e164 text
  `.execute(trx);
  const tags = opts.tagIds;
  const groups = opts.groupIds;
  await sql`
    update seed_batch set
      tag_ids = case when ${tags.length}::int = 0 or h4 % 100 < 70 then '{}'::text[]
                     else (select coalesce(array_agg(distinct t), '{}') from unnest(array[
                       (${tags}::text[])[1 + h5 % greatest(${tags.length}::int, 1)],
                       case when h6 % 3 = 0 then (${tags}::text[])[1 + h7 % greatest(${tags.length}::int, 1)] end,
                       case when h8 % 7 = 0 then (${tags}::text[])[1 + h3 % greatest(${tags.length}::int, 1)] end]) t where t is not null) end,
      group_ids = case when ${groups.length}::int = 0 then '{}'::text[]
                       else array[(${groups}::text[])[1 + h8 % greatest(${groups.length}::int, 1)]] end,
      title_id = case when ${opts.titleIds.length}::int = 0 or h3 % 5 = 0 then null
                      else (${opts.titleIds}::text[])[1 + (gender + (h3 % 3) * 2) % ${Math.max(opts.titleIds.length, 1)}::int] end,
      last_activity_at = first_contact_at + (now() - first_contact_at) * ((h8 % 1000) / 1000.0),
      source = (array['booking','booking','booking','form','import','manual','registration','api'])[1 + h1 % 8],
      birth_date = case when h2 % 10 < 7 then date '1940-01-01' + (h4 % 23000)::int end,
      user_id = case when h5 % 10 = 0 then 'usr_0seed' || lpad(i::text, 13, '0') end,
      second_email = case when h6 % 10 = 0 then lower(regexp_replace(unaccent(first_name), '[^A-Za-z]', '', 'g')) || (h2 % 1000)::text || '@work.example.com' end,
      second_e164 = case when h7 % 100 < 15 then '+34' || '6' || lpad((h1 % 100000000)::text, 8, '0') end
  `.execute(trx);
}
