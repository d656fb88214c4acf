import { sql, type Kysely } from 'kysely';
import { deferIndexes, restoreDeferredIndexes } from '../db/bulk-load.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { PREDEFINED_TAGS } from '../modules/guest-catalog/index.ts';
import { generateBatch, seedGuestId } from './guest-generator.ts';

export interface SeedGuestsOptions {
  orgId: string;
  count: number;
  batchSize?: number;
  /** Called after each batch with the number of guests done so far (inserted or already there). */
  onProgress?: (done: number) => void;
  /** Called when a phase after the batches starts (building an index, counting, vacuuming). */
  onPhase?: (phase: string) => void;
  /**
   * Defer the guest tables' secondary indexes (build them once at the end) when at least this many
   * guests are missing and no other organisation has guests. Default 50,000.
   */
  deferIndexesFrom?: number;
}

/** The tables a seed writes, whose secondary indexes it may build once at the end. */
const SEEDED_TABLES = [
  'guest',
  'guest_email',
  'guest_phone',
  'guest_address',
  'guest_search_token',
  'guest_name_key',
  'guest_phone_suffix',
  'search_word',
];
/** Primary keys the seed may drop too: it writes their rows distinct and only for new guests. */
const SEEDED_KEYS = ['guest_search_token', 'guest_name_key', 'guest_phone_suffix'];

/**
 * Generates `count` realistic guests (ordinals 1..count) in the organisation. Idempotent: ids are
 * derived from the ordinal and a batch already present is skipped, so a re-run (or a run after an
 * interruption) only adds what is missing. Each batch is one transaction that writes the guests,
 * their e-mails, phones, addresses and search tokens set-based, with the per-row triggers off
 * (`session_replication_role = replica`) where the database allows it. A large seed into a database
 * that holds no other organisation's guests first drops the secondary indexes of the tables it
 * writes and builds them once at the end (src/db/bulk-load.ts; an interrupted seed gets them back
 * at the next run or server start).
 */
export async function seedGuests(database: Database, opts: SeedGuestsOptions): Promise<{ inserted: number }> {
  const db = database.system;
  const batchSize = opts.batchSize ?? 20_000;
  const refs = await referenceIds(db, opts.orgId);
  const bulk = await canDisableTriggers(db);
  if (bulk && (await shouldDeferIndexes(db, opts))) {
    const deferred = await deferIndexes(db, { tables: SEEDED_TABLES, dropPrimaryKeys: SEEDED_KEYS });
    if (deferred.length) opts.onPhase?.(`loading without ${deferred.length} indexes (built once at the end)`);
  }
  let inserted = 0;
  for (let from = 1; from <= opts.count; from += batchSize) {
    const to = Math.min(opts.count, from + batchSize - 1);
    const present = await sql<{ n: number }>`
      select count(*)::int as n from guest where org_id = ${opts.orgId} and id >= ${seedGuestId(from)} and id <= ${seedGuestId(to)}
    `.execute(db);
    const already = present.rows[0]?.n ?? 0;
    if (already < to - from + 1) {
      inserted += await db.transaction().execute(async (trx) => {
        if (bulk) await sql`set local session_replication_role = replica`.execute(trx);
        // The generator is one big expression: PostgreSQL's JIT would spend seconds compiling it.
        if (database.kind === 'postgres') await sql`set local jit = off`.execute(trx);
        await generateBatch(trx, { orgId: opts.orgId, from, to, ...refs });
        return insertBatch(trx, opts.orgId, bulk, already > 0);
      });
    }
    opts.onProgress?.(to);
  }
  await restoreDeferredIndexes(db, (name) => opts.onPhase?.(`building index ${name}`));
  opts.onPhase?.('counting and vacuuming');
  await db.transaction().execute(async (trx) => {
    await sql`delete from guest_stats where org_id = ${opts.orgId}`.execute(trx);
    await sql`
      insert into guest_stats (org_id, shard, guest_count) select ${opts.orgId}, 0, count(*) from guest where org_id = ${opts.orgId}
    `.execute(trx);
  });
  // With triggers off the KPI running totals were not kept: rebuild them once.
  await sql`select guest_kpi_stats_rebuild(${opts.orgId})`.execute(db);
  // Vacuum too: a bulk load leaves the visibility map empty, and index-only scans (search) would
  // visit the heap for every row until autovacuum came by.
  for (const table of [
    'guest',
    'guest_search_token',
    'guest_name_key',
    'guest_phone',
    'guest_phone_suffix',
    'search_word',
  ]) {
    await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  }
  return { inserted };
}

/**
 * Writes the generated guests and everything derived from them. Every statement reads the batch
 * table only (no join with the growing guest tables), so a batch costs the same at 900k guests as
 * at the start.
 */
async function insertBatch(trx: Kysely<DB>, orgId: string, bulk: boolean, partlyPresent: boolean): Promise<number> {
  // Only after an interrupted run with another batch size: skip the guests already there.
  if (partlyPresent) {
    await sql`delete from seed_batch b using guest g where g.org_id = ${orgId} and g.id = b.id`.execute(trx);
  }
  const r = await sql<{ n: number }>`
    with inserted as (
    insert into guest (org_id, id, title_id, first_name, last_name, second_last_name, email, phone, phone_display,
      language, nationality, country, birth_date, marketing_consent, tag_ids, group_ids, user_id, username, source,
      booking_count, revenue, first_contact_at, last_activity_at, created_at, updated_at, search_tokens)
    select org_id, id, title_id, first_name, last_name, second_last_name, email, e164, phone_display,
      language, country, country, birth_date, marketing_consent, tag_ids, group_ids, user_id,
      case when user_id is not null then 'guest' || i end, source,
      booking_count, booking_count * (90 + h3 % 400), first_contact_at, last_activity_at, first_contact_at, last_activity_at,
      ${
        bulk
          ? sql`search_words(concat_ws(' ', first_name, last_name, second_last_name,
        regexp_replace(email, '\\.[^.@]*$', ''), regexp_replace(second_email, '\\.[^.@]*$', '')))`
          : sql`'{}'`
      }
    from seed_batch
    on conflict do nothing
    returning org_id, id, search_tokens
    )${
      // With triggers off the token index is written here (with them on, the guest trigger does it).
      bulk
        ? sql`, tokens as (
      insert into guest_search_token (org_id, token, guest_id)
      select distinct org_id, t, id from inserted cross join unnest(search_tokens) t
      on conflict do nothing
      returning 1
    )`
        : sql``
    }
    select count(*)::int as n from inserted
  `.execute(trx);
  // Consent is a ledger record (P-4): the consenting demo guests got theirs with their first contact.
  await sql`
    insert into guest_consent (org_id, id, guest_id, subject_guest_id, channel, purpose, status, at, source,
                               actor_type, reference)
    select org_id, 'cns_s' || id, id, id, 'email', 'marketing', 'granted', first_contact_at, 'import', 'cli', 'seed'
      from seed_batch where marketing_consent
    on conflict do nothing
  `.execute(trx);
  await sql`
    insert into guest_email (org_id, guest_id, email, is_primary, label, position)
    select org_id, id, email, true, null, 0 from seed_batch
    union all
    select org_id, id, second_email, false, 'work', 1 from seed_batch where second_email is not null
    on conflict do nothing
  `.execute(trx);
  await sql`
    insert into guest_phone (org_id, guest_id, e164, display, is_primary, label, position)
    select org_id, id, e164, phone_display, true, 'mobile', 0 from seed_batch
    union all
    select org_id, id, second_e164, second_e164, false, null, 1 from seed_batch where second_e164 is not null and second_e164 <> e164
    on conflict do nothing
  `.execute(trx);
  await sql`
    insert into guest_address (org_id, id, guest_id, street, city, postcode, country, is_primary, position)
    select org_id, 'adr_0seed' || lpad(i::text, 13, '0'), id, street, city, postcode, country, true, 0
      from seed_batch where h1 % 10 < 8
    on conflict do nothing
  `.execute(trx);
  if (bulk) {
    await sql`
      insert into guest_phone_suffix (org_id, suffix, guest_id)
      select distinct b.org_id, substr(p.e164, k), b.id
        from seed_batch b cross join lateral (values (b.e164), (b.second_e164)) p (e164)
        -- phone_suffixes(e164) for the generator's '+digits' numbers, without its regexp per row
        cross join generate_series(2, length(p.e164) - 2) k
       where p.e164 is not null
      on conflict do nothing
    `.execute(trx);
    await sql`
      insert into guest_name_key (org_id, key, guest_id)
      select distinct org_id, k, id
        from seed_batch cross join unnest(guest_name_keys(first_name, last_name, second_last_name)) k
      on conflict do nothing
    `.execute(trx);
    await sql`
      insert into search_word (org_id, word)
      select distinct ${orgId}, w from seed_batch, unnest(search_words(concat_ws(' ', first_name, last_name, second_last_name))) w
       where length(w) >= 3 and w !~ '[0-9]'
      on conflict do nothing
    `.execute(trx);
  }
  return r.rows[0]?.n ?? 0;
}

/**
 * Whether to build the indexes at the end: many guests missing, and no other organisation's guests
 * (their searches would go without indexes meanwhile).
 */
async function shouldDeferIndexes(db: Kysely<DB>, opts: SeedGuestsOptions): Promise<boolean> {
  const present = await sql<{ n: number }>`
    select count(*)::int as n from guest where org_id = ${opts.orgId} and id >= ${seedGuestId(1)} and id <= ${seedGuestId(opts.count)}
  `.execute(db);
  if (opts.count - (present.rows[0]?.n ?? 0) < (opts.deferIndexesFrom ?? 50_000)) return false;
  const others = await sql<{ orgId: string }>`
    (select org_id from guest where org_id < ${opts.orgId} limit 1)
    union all
    (select org_id from guest where org_id > ${opts.orgId} order by org_id limit 1)
  `.execute(db);
  return others.rows.length === 0;
}

/** Whether this session may switch triggers off for a bulk load (superuser on PostgreSQL; always embedded). */
async function canDisableTriggers(db: Kysely<DB>): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
    });
    return true;
  } catch {
    return false;
  }
}

/** Tag, group and title ids the generated guests use (the predefined tags are created if missing). */
async function referenceIds(db: Kysely<DB>, orgId: string) {
  for (const [k, name] of PREDEFINED_TAGS.entries()) {
    await sql`
      insert into tag (org_id, id, name, predefined) values (${orgId}, ${`tag_0seed${String(k).padStart(13, '0')}`}, ${name}, true)
      on conflict do nothing
    `.execute(db);
  }
  const tags = await sql<{ id: string }>`select id from tag where org_id = ${orgId} order by name`.execute(db);
  const groups = await sql<{ id: string }>`
    select id from guest_group where org_id = ${orgId} and system_kind = 'visitor' order by id
  `.execute(db);
  const titles = await sql<{ id: string; en: string }>`
    select id, labels->>'en' as en from title where org_id = ${orgId} and labels->>'en' in ('Mr.', 'Mrs.')
  `.execute(db);
  const mr = titles.rows.find((t) => t.en === 'Mr.')?.id;
  const mrs = titles.rows.find((t) => t.en === 'Mrs.')?.id;
  return {
    tagIds: tags.rows.map((t) => t.id),
    groupIds: groups.rows.map((g) => g.id),
    titleIds: mr && mrs ? [mr, mrs] : [],
  };
}
