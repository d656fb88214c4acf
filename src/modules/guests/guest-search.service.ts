import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { DB, GuestRow } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { filterConditions, hasFilters, type ResolvedFilters } from './guest-list.filters.ts';
import type { GuestPage } from './guest-list.service.ts';
import { fuzzyWords, parseSearch, prefixEnd, type ParsedSearch } from './guest-search.parse.ts';
import { guestIdsByBookingReference } from '../bookings/index.ts';

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
    const [t, tok, id] = decodeCursor(cursor, `q1:${w}`, 3);
    tier = Number(t);
    after = [String(tok), String(id)];
  }
  const range: Range = { lo: w, hi: prefixEnd(w), fuzzy: [] };
  const rows: (GuestRow & { matchToken: string; tier: number })[] = [];
  if (tier === 0) {
    const found = await tokenStream(ctx, range, false, filters, limit + 1, after);
    rows.push(...found.map((r) => ({ ...r, tier: 0 })));
    after = undefined;
  }
  if (rows.length <= limit) {
    range.fuzzy = await fuzzyWords(ctx, w);
    if (range.fuzzy.length) {
      const found = await tokenStream(ctx, range, true, filters, limit + 1 - rows.length, after);
      rows.push(...found.map((r) => ({ ...r, tier: 1 })));
    }
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last ? encodeCursor(`q1:${w}`, [last.tier, last.matchToken, last.id]) : null;
  return { rows: page, nextCursor, total: await countOneWord(ctx, w, filters) };
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
  return tokenQuery(ctx, r, fuzzy, filters, after)
    .selectAll('guest')
    .select('t.token as matchToken')
    .orderBy('t.token')
    .orderBy('t.guestId')
    .limit(n)
    .execute();
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

async function countOneWord(ctx: Ctx, w: string, filters: ResolvedFilters): Promise<number> {
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
  range.fuzzy = await fuzzyWords(ctx, w);
  return range.fuzzy.length ? n + (await count(true, SEARCH_TOTAL_CAP - n)) : n;
}

// ---- several words: every word must match one of the guest's tokens

async function manyWordsPage(
  ctx: Ctx,
  parsed: Extract<ParsedSearch, { mode: 'words' }>,
  filters: ResolvedFilters,
  limit: number,
  cursor?: string,
) {
  const ranges = await wordRanges(ctx, parsed.words);
  const kind = `qn:${parsed.words.join(' ')}`;
  const rank = rankExpression(ranges);
  let query = ctx.db
    .selectFrom('guest')
    .selectAll('guest')
    .select(rank.as('rank'))
    .where('guest.id', 'in', candidateIds(ctx, ranges))
    .where((eb) => eb.and(filterConditions(eb, filters)));
  if (cursor) {
    const [r, id] = decodeCursor(cursor, kind, 2);
    query = query.where(sql<SqlBool>`(${rank}, guest.id) > (${Number(r)}, ${String(id)})`);
  }
  const [rows, total] = await Promise.all([
    query
      .orderBy('rank')
      .orderBy('guest.id')
      .limit(limit + 1)
      .execute(),
    cappedCount(ctx, (eb) => [eb('guest.id', 'in', candidateIds(ctx, ranges)), ...filterConditions(eb, filters)]),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor(kind, [Number(last.rank), last.id]) : null,
    total,
  };
}

/** The prefix range of each word, plus close words when the word matches no token at all. */
async function wordRanges(ctx: Ctx, words: string[]): Promise<Range[]> {
  return Promise.all(
    words.map(async (w) => {
      const range: Range = { lo: w, hi: prefixEnd(w), fuzzy: [] };
      const hit = await ctx.db
        .selectFrom('guestSearchToken')
        .select('guestId')
        .where(sql<SqlBool>`token >= ${range.lo} and token < ${range.hi}`)
        .limit(1)
        .executeTakeFirst();
      if (!hit) range.fuzzy = await fuzzyWords(ctx, w);
      return range;
    }),
  );
}

function candidateIds(ctx: Ctx, ranges: Range[]) {
  const one = (r: Range) =>
    ctx.db
      .selectFrom('guestSearchToken')
      .select('guestSearchToken.guestId')
      .where(sql<SqlBool>`(token >= ${r.lo} and token < ${r.hi}) or token = any(${r.fuzzy}::text[])`);
  const [first, ...rest] = ranges.map(one);
  if (!first) throw new Error('no search words');
  return rest.reduce((acc, q) => acc.intersect(q), first);
}

/** 0 per word matched exactly, 1 by prefix, 2 by a close word (lower is better). */
function rankExpression(ranges: Range[]) {
  const parts = ranges.map(
    (r) => sql`(case when ${r.lo} = any(guest.search_tokens) then 0
      when exists (select 1 from unnest(guest.search_tokens) x where x >= ${r.lo} and x < ${r.hi}) then 1 else 2 end)`,
  );
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

// ---- digits: phones by any fragment (trigram index on guest_phone.e164)

async function phonePage(ctx: Ctx, digits: string[], filters: ResolvedFilters, limit: number, cursor?: string) {
  const kind = `qp:${digits.join(',')}`;
  const phoneIds = phoneIdsQuery(ctx, digits);
  let query = ctx.db
    .selectFrom('guest')
    .selectAll('guest')
    .where('guest.id', 'in', phoneIds)
    .where((eb) => eb.and(filterConditions(eb, filters)));
  if (cursor) {
    const [id] = decodeCursor(cursor, kind, 1);
    query = query.where('guest.id', '>', String(id));
  }
  const [rows, total] = await Promise.all([
    query
      .orderBy('guest.id')
      .limit(limit + 1)
      .execute(),
    cappedCount(ctx, (eb) => [eb('guest.id', 'in', phoneIds), ...filterConditions(eb, filters)]),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(kind, [last.id]) : null, total };
}

function phoneIdsQuery(ctx: Ctx, digits: string[]) {
  return ctx.db
    .selectFrom('guestPhone')
    .select('guestPhone.guestId')
    .where((eb) => eb.or(digits.map((d) => eb('guestPhone.e164', 'like', `%${d}%`))));
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
