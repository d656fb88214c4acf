import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { DB } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { filterConditions, hasFilters, type ResolvedFilters } from './guest-list.filters.ts';
import type { GuestPage } from './guest-list.service.ts';
import { guestListColumns, withGuestLists, type ListedGuestRow } from './guest.presenter.ts';
import { fuzzyWords, parseSearch, prefixEnd, type ParsedSearch } from './guest-search.parse.ts';
// The leaf file, not bookings/index.ts: bookings depends on guests, so its index would be a cycle.
import { documentPage } from './guest-search-document.ts';
import { guestIdsByBookingReference } from '../bookings/booking-lookup.ts';

/**
 * Guest search (G-3), see docs/decisions/0010-guest-search.md. One word streams the token index in
 * order (exact, then prefix, then fuzzy) and stops at the page size; several words intersect
 * their token sets; digits search phones through a trigram index. For a search, `total` counts
 * up to SEARCH_TOTAL_CAP matches and stays at the cap beyond.
 */
export const SEARCH_TOTAL_CAP = 1000;

type Eb = ExpressionBuilder<DB, 'guest'>;
type Cond = Expression<SqlBool>;
interface Range {
  lo: string;
  hi: string;
  fuzzy: string[];
}

/** `x` (a token column, or an element of search_tokens) is in the word's prefix range or is one of its close words. */
function inRange(r: Range, x: ReturnType<typeof sql.ref> = sql.ref('token')) {
  return r.fuzzy.length
    ? sql<SqlBool>`((${x} >= ${r.lo} and ${x} < ${r.hi}) or ${x} = any(${r.fuzzy}::text[]))`
    : sql<SqlBool>`(${x} >= ${r.lo} and ${x} < ${r.hi})`;
}

/** A page of search results in relevance order. */
export async function searchGuests(
  ctx: Ctx,
  q: string,
  filters: ResolvedFilters,
  limit: number,
  cursor: string | undefined,
): Promise<GuestPage> {
  if (!cursor) {
    const byReference = await referencePage(ctx, q, filters, limit);
    if (byReference) return byReference;
    const byDocument = await documentPage(ctx, q, filters, limit);
    if (byDocument) return byDocument;
  }
  const parsed = await parseSearch(ctx, q);
  if (!parsed) return { rows: [], nextCursor: null, total: 0 };
  if (parsed.mode === 'phone') return phonePage(ctx, parsed.digits, filters, limit, cursor);
  if (parsed.words.length === 1) return oneWordPage(ctx, parsed.words[0] ?? '', filters, limit, cursor);
  return manyWordsPage(ctx, parsed, filters, limit, cursor);
}

// ---- a booking reference (ours or a connected tool's): its guests, customer first, and nothing else

async function referencePage(ctx: Ctx, q: string, filters: ResolvedFilters, limit: number): Promise<GuestPage | null> {
  const ids = await guestIdsByBookingReference(ctx.db, q);
  if (!ids.length) return null;
  const found = await ctx.db
    .selectFrom('guest')
    .selectAll('guest')
    .select(guestListColumns())
    .where('guest.id', 'in', ids)
    .where((eb) => eb.and(filterConditions(eb, filters)))
    .execute();
  const rows = ids.flatMap((id) => found.filter((r) => r.id === id)).slice(0, limit);
  return { rows, nextCursor: null, total: rows.length };
}

// ---- one word: stream the (token, guest_id) index: exact and prefix (tier 0), then fuzzy (tier 1)

async function oneWordPage(ctx: Ctx, w: string, filters: ResolvedFilters, limit: number, cursor?: string) {
  let tier = 0;
  let after: [string, string] | undefined;
  if (cursor) {
    const [t, tok, id] = decodeCursor(cursor, `q1:${w}`, ['int', 'string', 'string']);
    tier = t;
    after = [tok, id];
  }
  // The page and the count run side by side (on PostgreSQL, two connections) and share one
  // lookup of the one-typo words.
  let fuzzyLookup: Promise<string[]> | undefined;
  const fuzzy = () => (fuzzyLookup ??= fuzzyWords(ctx, w));
  const pageRows = async () => {
    const range: Range = { lo: w, hi: prefixEnd(w), fuzzy: [] };
    const rows: (ListedGuestRow & { matchToken: string; tier: number })[] = [];
    if (tier === 0) {
      const found = await tokenStream(ctx, range, false, filters, limit + 1, after);
      rows.push(...found.map((r) => ({ ...r, tier: 0 })));
      after = undefined;
    }
    if (rows.length <= limit) {
      range.fuzzy = await fuzzy();
      if (range.fuzzy.length) {
        const found = await tokenStream(ctx, range, true, filters, limit + 1 - rows.length, after);
        rows.push(...found.map((r) => ({ ...r, tier: 1 })));
      }
    }
    return rows;
  };
  const [rows, total] = await Promise.all([pageRows(), countOneWord(ctx, w, filters, fuzzy)]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last ? encodeCursor(`q1:${w}`, [last.tier, last.matchToken, last.id]) : null;
  return { rows: page, nextCursor, total };
}

/** Guests whose first matching token (exact/prefix, or fuzzy) is next in (token, id) order. */
function tokenStream(
  ctx: Ctx,
  r: Range,
  fuzzy: boolean,
  filters: ResolvedFilters,
  n: number,
  after?: [string, string],
) {
  const page = tokenQuery(ctx, r, fuzzy, filters, after)
    .selectAll('guest')
    .select('t.token as matchToken')
    .orderBy('t.token')
    .orderBy('t.guestId')
    .limit(n);
  return withGuestLists(ctx.db, page).orderBy('guest.matchToken').orderBy('guest.id').execute();
}

/** Each matching guest once, at its first matching token; a btree range scan that LIMIT can stop. */
function tokenQuery(ctx: Ctx, r: Range, fuzzy: boolean, filters: ResolvedFilters, after?: [string, string]) {
  return ctx.db
    .selectFrom('guestSearchToken as t')
    .innerJoin('guest', (j) => j.onRef('guest.orgId', '=', 't.orgId').onRef('guest.id', '=', 't.guestId'))
    .where(
      fuzzy ? sql<SqlBool>`t.token = any(${r.fuzzy}::text[])` : sql<SqlBool>`t.token >= ${r.lo} and t.token < ${r.hi}`,
    )
    .$if(after !== undefined, (qb) => qb.where(sql<SqlBool>`(t.token, t.guest_id) > (${after?.[0]}, ${after?.[1]})`))
    .where(
      fuzzy
        ? sql<SqlBool>`not exists (select 1 from unnest(guest.search_tokens) x
            where (x >= ${r.lo} and x < ${r.hi}) or (x = any(${r.fuzzy}::text[]) and x < t.token))`
        : sql<SqlBool>`not exists (select 1 from unnest(guest.search_tokens) x where x >= ${r.lo} and x < t.token)`,
    )
    .where((eb) => eb.and(filterConditions(eb as unknown as Eb, filters)));
}

async function countOneWord(
  ctx: Ctx,
  w: string,
  filters: ResolvedFilters,
  fuzzy: () => Promise<string[]>,
): Promise<number> {
  const range: Range = { lo: w, hi: prefixEnd(w), fuzzy: [] };
  const count = async (fuzzy: boolean, cap: number) => {
    if (!hasFilters(filters.input)) {
      // Index-only: distinct guests among the first tokens of the range (no guest row visits).
      const r = await ctx.db
        .selectFrom(
          ctx.db
            .selectFrom('guestSearchToken as t')
            .select('t.guestId')
            .where(
              fuzzy
                ? sql<SqlBool>`t.token = any(${range.fuzzy}::text[])`
                : sql<SqlBool>`t.token >= ${range.lo} and t.token < ${range.hi}`,
            )
            .limit(cap * 2)
            .as('m'),
        )
        .select(sql<number>`count(distinct m.guest_id)`.as('n'))
        .executeTakeFirstOrThrow();
      return Math.min(Number(r.n), cap);
    }
    const r = await ctx.db
      .selectFrom(
        tokenQuery(ctx, range, fuzzy, filters)
          .select(sql`1`.as('one'))
          .limit(cap)
          .as('m'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const n = await count(false, SEARCH_TOTAL_CAP);
  if (n >= SEARCH_TOTAL_CAP) return SEARCH_TOTAL_CAP;
  range.fuzzy = await fuzzy();
  return range.fuzzy.length ? n + (await count(true, SEARCH_TOTAL_CAP - n)) : n;
}

// ---- several words: stream the rarest word's tokens; every other word must match one of the guest's tokens

/**
 * Several-word search thresholds (exported so tests can shrink them and reach both paths):
 * `rangeSizeCap`: index entries counted per word to find the rarest; when every word stays under
 * it, the guests are an index intersection, else the rarest word's tokens are streamed;
 * `countBudget`: driver tokens a streamed search's count reads before it extrapolates.
 */
export const wordSearchTuning = { rangeSizeCap: 5_000, countBudget: 500 };

async function manyWordsPage(
  ctx: Ctx,
  parsed: Extract<ParsedSearch, { mode: 'words' }>,
  filters: ResolvedFilters,
  limit: number,
  cursor?: string,
) {
  const ranges = await wordRanges(ctx, parsed.words, wordSearchTuning.rangeSizeCap);
  const kind = `qn:${parsed.words.join(' ')}`;
  const driver = rarestRange(ranges);
  const others = ranges.filter((r) => r.lo !== driver.lo);
  const after = cursor ? decodeCursor(cursor, kind, ['string', 'string']) : undefined;
  if (ranges.every((r) => r.size < wordSearchTuning.rangeSizeCap))
    return fewTokensPage(ctx, kind, driver, others, filters, limit, after);
  const matches = (tokens?: number) => manyWordsQuery(ctx, driver, others, filters, tokens);
  const pageQuery = after
    ? matches().where(sql<SqlBool>`(t.token, t.guest_id) > (${after[0]}, ${after[1]})`)
    : matches();
  const [rows, total] = await Promise.all([
    withGuestLists(
      ctx.db,
      pageQuery
        .selectAll('guest')
        .select('t.token as matchToken')
        .orderBy('t.token')
        .orderBy('t.guestId')
        .limit(limit + 1),
    )
      .orderBy('guest.matchToken')
      .orderBy('guest.id')
      .execute(),
    countManyWords(ctx, driver, matches),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor(kind, [last.matchToken, last.id]) : null,
    total,
  };
}

/**
 * Several words whose token ranges are all small (each under `rangeSizeCap` entries, as counted):
 * the guests are the intersection of the ranges, read from the token index alone, and only the
 * page's guest rows are visited. Same order and cursor as the stream below (first driver token,
 * then id), and an exact total. Streaming read a guest row per driver token instead: "paula carm"
 * checked some 3,000 Paulas for a "carm…" word.
 */
async function fewTokensPage(
  ctx: Ctx,
  kind: string,
  driver: Range,
  others: Range[],
  filters: ResolvedFilters,
  limit: number,
  after: [string, string] | undefined,
): Promise<GuestPage> {
  const filtered = hasFilters(filters.input);
  // Each guest with a token in every word's range, at its first driver token: one aggregation over
  // the ranges' index entries (a join between them was planned as a nested loop from misestimated
  // ranges: 12 million comparisons, 2 s, for "iris rapo").
  const parts = [driver, ...others].map((r, w) =>
    ctx.db
      .selectFrom('guestSearchToken')
      .select([
        'guestSearchToken.guestId',
        (w === 0 ? sql<string | null>`token` : sql<string | null>`null`).as('token'),
        sql<number>`${sql.lit(w)}`.as('w'),
      ])
      .where(inRange(r)),
  );
  const [first, ...more] = parts;
  if (!first) throw new Error('no search words');
  const grouped = () =>
    ctx.db
      .selectFrom(more.reduce((acc, p) => acc.unionAll(p), first).as('u'))
      .select(['u.guestId', sql<string>`min(u.token)`.as('token')])
      .groupBy('u.guestId')
      .having(
        sql<SqlBool>`${sql.join(
          parts.map((_, w) => sql`bool_or(u.w = ${sql.lit(w)})`),
          sql` and `,
        )}`,
      );
  const matched = () =>
    ctx.db
      .with('m', () => grouped())
      .selectFrom('m')
      .innerJoin('guest', 'guest.id', 'm.guestId')
      .where((eb) => eb.and(filterConditions(eb as unknown as Eb, filters)));
  const [rows, counted] = await Promise.all([
    withGuestLists(
      ctx.db,
      matched()
        .selectAll('guest')
        .select('m.token as matchToken')
        .$if(after !== undefined, (qb) =>
          qb.where(sql<SqlBool>`(m.token, m.guest_id) > (${after?.[0]}, ${after?.[1]})`),
        )
        .orderBy('m.token')
        .orderBy('m.guestId')
        .limit(limit + 1),
    )
      .orderBy('guest.matchToken')
      .orderBy('guest.id')
      .execute(),
    // Without filters the count needs no guest row at all.
    (filtered
      ? matched().select((eb) => eb.fn.countAll<number>().as('n'))
      : ctx.db.selectFrom(grouped().as('m')).select((eb) => eb.fn.countAll<number>().as('n'))
    ).executeTakeFirstOrThrow(),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor(kind, [last.matchToken, last.id]) : null,
    total: Math.min(Number(counted.n), SEARCH_TOTAL_CAP),
  };
}

/**
 * The total of a several-word search: exact while the rarest word's range holds at most
 * `countBudget` tokens, otherwise extrapolated from its first `countBudget` tokens (each needs the
 * guest row, so an exact count of a common pair such as "mar gar" would read thousands of rows).
 * Capped at SEARCH_TOTAL_CAP like every search total.
 */
async function countManyWords(
  ctx: Ctx,
  driver: SizedRange,
  matches: (tokens?: number) => ReturnType<typeof manyWordsQuery>,
): Promise<number> {
  const sampled = driver.size > wordSearchTuning.countBudget;
  const r = await ctx.db
    .selectFrom(
      matches(sampled ? wordSearchTuning.countBudget : undefined)
        .select(sql`1`.as('one'))
        .limit(SEARCH_TOTAL_CAP)
        .as('m'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  if (!sampled) return n;
  return Math.min(SEARCH_TOTAL_CAP, Math.round((n * driver.size) / wordSearchTuning.countBudget));
}

/** Guests at their first token in the driver's range that match every other word too. */
function manyWordsQuery(ctx: Ctx, driver: Range, others: Range[], filters: ResolvedFilters, tokens?: number) {
  const x = sql.ref('x');
  const source =
    tokens === undefined
      ? ctx.db.selectFrom('guestSearchToken as t')
      : ctx.db.selectFrom((db) =>
          db
            .selectFrom('guestSearchToken')
            .select(['orgId', 'token', 'guestId'])
            .where(inRange(driver, sql.ref('token')))
            .orderBy('token')
            .orderBy('guestId')
            .limit(tokens)
            .as('t'),
        );
  return source
    .innerJoin('guest', (j) => j.onRef('guest.orgId', '=', 't.orgId').onRef('guest.id', '=', 't.guestId'))
    .where(inRange(driver, sql.ref('t.token')))
    .where(
      sql<SqlBool>`not exists (select 1 from unnest(guest.search_tokens) x where ${inRange(driver, x)} and x < t.token)`,
    )
    .where((eb) =>
      eb.and([
        ...others.map((r) => sql<SqlBool>`exists (select 1 from unnest(guest.search_tokens) x where ${inRange(r, x)})`),
        ...filterConditions(eb as unknown as Eb, filters),
      ]),
    );
}

/**
 * The word whose token range holds the fewest entries (as counted by wordRanges); between words
 * counted up to the cap, the longest (in "ines.g", "ines" rather than every token starting with "g").
 */
export function rarestRange<R extends SizedRange>(ranges: R[]): R {
  const [first, ...rest] = ranges;
  if (!first) throw new Error('no search words');
  const rarer = (r: R, best: R) => r.size < best.size || (r.size === best.size && r.lo.length > best.lo.length);
  return rest.reduce((best, r) => (rarer(r, best) ? r : best), first);
}

type SizedRange = Range & { size: number };

/**
 * The prefix range of each word, plus close words when the word matches no token at all, with
 * the number of index entries it covers counted up to `sizeCap` (index only; 1 just tells
 * whether there is any).
 */
async function wordRanges(ctx: Ctx, words: string[], sizeCap = 1): Promise<SizedRange[]> {
  const count = async (r: Range) => {
    const row = await ctx.db
      .selectFrom((db) =>
        db
          .selectFrom('guestSearchToken')
          .select(sql`1`.as('one'))
          .where(inRange(r))
          .limit(sizeCap)
          .as('m'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return Promise.all(
    words.map(async (w) => {
      const range: Range = { lo: w, hi: prefixEnd(w), fuzzy: [] };
      const size = await count(range);
      if (size > 0) return { ...range, size };
      range.fuzzy = await fuzzyWords(ctx, w);
      return { ...range, size: range.fuzzy.length ? await count(range) : 0 };
    }),
  );
}

function candidateIds(ctx: Ctx, ranges: Range[]) {
  const one = (r: Range) => ctx.db.selectFrom('guestSearchToken').select('guestSearchToken.guestId').where(inRange(r));
  const [first, ...rest] = ranges.map(one);
  if (!first) throw new Error('no search words');
  return rest.reduce((acc, q) => acc.intersect(q), first);
}

// ---- digits: phones by any fragment (a prefix of one of the phone's suffixes, migration 0024)

/**
 * Phone search thresholds (exported so tests can shrink them and reach every path):
 * `indexRows`: suffix rows up to which a fragment's guests are collected from the suffix index;
 * `filteredRows`: with filters every matching guest row is read up to this many, else the planner joins;
 * `walkChunk` / `walkSteps`: phones read per step, and steps, when a very common fragment walks guests in id order.
 */
/** Suffix rows read to count a fragment's guests (a guest has a few phones and occurrences at most). */
const PHONE_COUNT_ROWS = 20_000;

export const phoneSearchTuning = { indexRows: 5_000, filteredRows: 5_000, walkChunk: 2_000, walkSteps: 100 };

async function phonePage(ctx: Ctx, digits: string[], filters: ResolvedFilters, limit: number, cursor?: string) {
  const kind = `qp:${digits.join(',')}`;
  const after = cursor ? decodeCursor(cursor, kind, ['string'])[0] : undefined;
  const filtered = hasFilters(filters.input);
  const fromIndex = filtered ? undefined : await phonePageFromIndex(ctx, digits, limit, after);
  if (fromIndex?.page) {
    const { nextAfter, ...page } = fromIndex.page;
    return { ...page, nextCursor: nextAfter ? encodeCursor(kind, [nextAfter]) : null };
  }
  const rows = fromIndex?.rows ?? (await suffixRows(ctx, digits, phoneSearchTuning.indexRows));
  const phoneIds = phoneIdsQuery(ctx, digits);
  const totalQuery = filtered
    ? cappedCount(ctx, (eb) => [eb('guest.id', 'in', phoneIds), ...filterConditions(eb, filters)])
    : fromIndex && fromIndex.guests >= SEARCH_TOTAL_CAP
      ? // The probe counted the cap's worth of distinct guests in the fragment's first rows.
        Promise.resolve(SEARCH_TOTAL_CAP)
      : distinctPhoneGuests(ctx, digits, rows);
  let found: ListedGuestRow[];
  let resumeAfter: string | undefined;
  if (!filtered && rows >= phoneSearchTuning.indexRows) {
    // Very common ("346" starts every Spanish mobile): so many guests match that walking the
    // phones in guest order fills a page after a few thousand rows (estimates for LIKE '%…%' are
    // far too low for the planner to find this plan itself).
    const walk = await walkPhonesInGuestOrder(ctx, digits, limit + 1, after);
    found = walk.rows;
    resumeAfter = walk.stoppedAt;
  } else if (rows < phoneSearchTuning.filteredRows) {
    // With filters, a sparse fragment: its guests collected from the suffix index first
    // (materialised, so the planner cannot turn it into a walk over every guest), then filtered.
    const page = ctx.db
      .with(
        (w) => w('phoneIds').materialized(),
        (db) =>
          db
            .selectFrom(suffixGuestIds(ctx, digits).as('s'))
            .select('s.guestId')
            .distinct()
            .$if(after !== undefined, (qb) => qb.where('s.guestId', '>', after ?? '')),
      )
      .selectFrom('phoneIds')
      .innerJoin('guest', 'guest.id', 'phoneIds.guestId')
      .selectAll('guest')
      .where((eb) => eb.and(filterConditions(eb as unknown as Eb, filters)))
      .orderBy('guest.id')
      .limit(limit + 1);
    found = await withGuestLists(ctx.db, page).orderBy('guest.id').execute();
  } else {
    const page = ctx.db
      .selectFrom('guest')
      .selectAll('guest')
      .where('guest.id', 'in', phoneIds)
      .$if(after !== undefined, (qb) => qb.where('guest.id', '>', after ?? ''))
      .where((eb) => eb.and(filterConditions(eb, filters)))
      .orderBy('guest.id')
      .limit(limit + 1);
    found = await withGuestLists(ctx.db, page).orderBy('guest.id').execute();
  }
  const total = await totalQuery;
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  const nextAfter = found.length > limit && last ? last.id : resumeAfter;
  return { rows: page, nextCursor: nextAfter ? encodeCursor(kind, [nextAfter]) : null, total };
}

/**
 * Without filters, a fragment with fewer than `indexRows` suffix rows is answered by one read of
 * them: the distinct guests, their number and the page's ids together (three reads of the same
 * range before: 400–650 ms for "0427" → "0427" or "427" on the embedded engine). No page when the
 * fragment is too common (the caller walks guests instead).
 */
async function phonePageFromIndex(ctx: Ctx, digits: string[], limit: number, after: string | undefined) {
  const cap = phoneSearchTuning.indexRows;
  const firstRows = (n: number) => ctx.db.selectFrom(suffixGuestIds(ctx, digits).as('s')).select('s.guestId').limit(n);
  // The suffix rows are counted first (index only, nothing kept); the guests are collected only
  // when the fragment turns out sparse, else only the distinct guests of its first rows are
  // counted for the total (collecting 5,000 rows and their distinct guests, then counting them
  // again, took 15–30 ms for a 3-digit fragment on the embedded engine). Each CASE branch's
  // subquery runs only when taken.
  const sparse = sql<boolean>`n.rows < ${cap}`;
  const probe = await ctx.db
    .with(
      (w) => w('r').materialized(),
      () => firstRows(cap),
    )
    .with(
      (w) => w('d').materialized(),
      (db) => db.selectFrom('r').select('r.guestId').distinct(),
    )
    .selectFrom(
      ctx.db
        .selectFrom(firstRows(cap).as('c'))
        .select(sql<number>`count(*)::int`.as('rows'))
        .as('n'),
    )
    .select([
      'n.rows',
      sql<number>`case when ${sparse} then (select count(*) from d)::int
        else (select count(distinct f.guest_id) from (${firstRows(DENSE_COUNT_ROWS)}) f)::int end`.as('guests'),
      sql<string[]>`case when ${sparse} then array(select guest_id from d
        where ${after === undefined ? sql`true` : sql`guest_id > ${after}`} order by guest_id limit ${limit + 1})
        else '{}'::text[] end`.as('ids'),
    ])
    .executeTakeFirstOrThrow();
  if (Number(probe.rows) >= phoneSearchTuning.indexRows)
    return { rows: Number(probe.rows), guests: Number(probe.guests), page: undefined };
  const found = await guestsInIdOrder(ctx, probe.ids);
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: Number(probe.rows),
    guests: Number(probe.guests),
    page: {
      rows: page,
      nextAfter: probe.ids.length > limit && last ? last.id : undefined,
      total: Math.min(Number(probe.guests), SEARCH_TOTAL_CAP),
    },
  };
}

/**
 * The first `n` guests (by id, after `after`) with a phone containing one of the fragments, with
 * their lists: the phone table is read in its primary-key order for at most walkChunk × walkSteps
 * rows, the fragments are tested in the database and only the matching guests come back (the
 * phones came back 2,000 at a time to be tested here: up to four round trips and 8,000 rows for a
 * 3-digit fragment). When the window was read to its end without `n` guests, `stoppedAt` is where
 * a next page resumes: after the last guest all of whose phones were in the window.
 */
async function walkPhonesInGuestOrder(ctx: Ctx, digits: string[], n: number, after: string | undefined) {
  const budget = phoneSearchTuning.walkChunk * phoneSearchTuning.walkSteps;
  const window = () =>
    ctx.db
      .selectFrom('guestPhone')
      .select(['guestId', 'e164'])
      .$if(after !== undefined, (qb) => qb.where('guestId', '>', after ?? ''))
      .orderBy('guestId')
      .orderBy('e164')
      .limit(budget);
  const matching = ctx.db
    .selectFrom(window().as('w'))
    .select('w.guestId')
    .distinct()
    .where(
      sql<SqlBool>`${sql.join(
        digits.map((d) => sql`strpos(w.e164, ${d}) > 0`),
        sql` or `,
      )}`,
    )
    .orderBy('w.guestId')
    .limit(n);
  const rows = await withGuestLists(
    ctx.db,
    ctx.db.selectFrom('guest').selectAll('guest').where('guest.id', 'in', matching).orderBy('guest.id').limit(n),
  )
    .orderBy('guest.id')
    .execute();
  if (rows.length === n) return { rows, stoppedAt: undefined };
  // Fewer than n: the window was read to its end. Was it the end of the phones, or of the budget?
  const end = await ctx.db
    .with(
      (w) => w('w').materialized(),
      () => window(),
    )
    .selectNoFrom([
      sql<number>`(select count(*) from w)::int`.as('rows'),
      sql<string | null>`(select max(guest_id) from w where guest_id < (select max(guest_id) from w))`.as('complete'),
    ])
    .executeTakeFirstOrThrow();
  if (Number(end.rows) < budget) return { rows, stoppedAt: undefined };
  // Out of budget: this page ends early and the next one resumes after the last guest fully read.
  const resume = end.complete ?? undefined;
  return { rows: rows.filter((r) => resume !== undefined && r.id <= resume), stoppedAt: resume };
}

/** The guests of these ids with their lists, in id order. */
async function guestsInIdOrder(ctx: Ctx, ids: string[]): Promise<ListedGuestRow[]> {
  if (!ids.length) return [];
  return ctx.db
    .selectFrom('guest')
    .selectAll('guest')
    .select(guestListColumns())
    .where('guest.id', 'in', ids)
    .orderBy('guest.id')
    .execute();
}

/**
 * The guest id of every suffix row of the fragments: one index-only range scan per fragment, put
 * together with UNION ALL. (One scan with an OR of the ranges became a bitmap heap scan that read a
 * table page per row: 8,400 pages, 450 ms on the embedded engine, for "0437" → "0437" or "437".)
 */
function suffixGuestIds(ctx: Ctx, digits: string[]) {
  const scans = digits.map((d) =>
    ctx.db
      .selectFrom('guestPhoneSuffix')
      .select('guestPhoneSuffix.guestId')
      .where(sql<SqlBool>`suffix >= ${d} and suffix < ${prefixEnd(d)}`),
  );
  const [first, ...rest] = scans;
  if (!first) throw new Error('no phone fragment');
  return rest.reduce((acc, q) => acc.unionAll(q), first);
}

/** Guests with a phone containing one of the fragments (index only). */
function phoneIdsQuery(ctx: Ctx, digits: string[]) {
  return ctx.db.selectFrom(suffixGuestIds(ctx, digits).as('s')).select('s.guestId');
}

/** Suffix rows of the fragments, counted up to `cap` (index only). */
async function suffixRows(ctx: Ctx, digits: string[], cap: number): Promise<number> {
  const r = await ctx.db
    .selectFrom((db) => db.selectFrom(suffixGuestIds(ctx, digits).as('s')).select('s.guestId').limit(cap).as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Suffix rows whose distinct guests a common fragment's total is first counted from. */
const DENSE_COUNT_ROWS = Math.ceil(SEARCH_TOTAL_CAP * 2.5);

/** Distinct guests with a matching phone, up to SEARCH_TOTAL_CAP, from the suffix index alone. */
async function distinctPhoneGuests(ctx: Ctx, digits: string[], suffixRowCount: number): Promise<number> {
  const first = DENSE_COUNT_ROWS;
  // A first short read settles almost every fragment: it is all of its rows, or already the cap.
  for (const rows of suffixRowCount <= first ? [first] : [first, PHONE_COUNT_ROWS]) {
    const r = await ctx.db
      .selectFrom((db) =>
        db
          .selectFrom((inner) =>
            inner.selectFrom(suffixGuestIds(ctx, digits).as('s')).select('s.guestId').limit(rows).as('m'),
          )
          .select('m.guestId')
          .distinct()
          .as('d'),
      )
      .select((eb) => [eb.fn.countAll<string>().as('n')])
      .executeTakeFirstOrThrow();
    const distinct = Number(r.n);
    if (distinct >= SEARCH_TOTAL_CAP || rows === PHONE_COUNT_ROWS || suffixRowCount <= first) {
      return Math.min(distinct, SEARCH_TOTAL_CAP);
    }
  }
  return SEARCH_TOTAL_CAP;
}

// ---- shared

/** Counts matches up to SEARCH_TOTAL_CAP. */
export async function cappedCount(ctx: Ctx, conds: (eb: Eb) => Cond[]): Promise<number> {
  const r = await ctx.db
    .selectFrom((db) =>
      db
        .selectFrom('guest')
        .select(sql`1`.as('one'))
        .where((eb) => eb.and(conds(eb)))
        .limit(SEARCH_TOTAL_CAP)
        .as('m'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The condition "matches the search" on guest, for a search listed in an explicit sort order. */
export async function searchCondition(ctx: Ctx, q: string): Promise<(eb: Eb) => Cond> {
  const byReference = await guestIdsByBookingReference(ctx.db, q);
  if (byReference.length) return (eb) => eb('guest.id', 'in', byReference);
  const parsed = await parseSearch(ctx, q);
  if (!parsed) return () => sql<SqlBool>`false`;
  if (parsed.mode === 'phone') {
    const ids = phoneIdsQuery(ctx, parsed.digits);
    return (eb) => eb('guest.id', 'in', ids);
  }
  const ranges = await wordRanges(ctx, parsed.words);
  const ids = candidateIds(ctx, ranges);
  return (eb) => eb('guest.id', 'in', ids);
}
