import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { DB } from '../../db/schema.ts';
import type { GuestFilterInput } from './guest-list.schemas.ts';

type GuestEb = ExpressionBuilder<DB, 'guest'>;

/** Filters resolved against the database (tag names → ids); `none` when nothing can match. */
export interface ResolvedFilters {
  input: GuestFilterInput;
  tagIds: string[];
  none: boolean;
}

/** Whether any filter besides `q` is set. */
export function hasFilters(f: GuestFilterInput): boolean {
  return Object.entries(f).some(([k, v]) => k !== 'q' && k !== 'tagMode' && v !== undefined);
}

/** Looks up the tag names of a filter (case-insensitive); unknown names match no guest. */
export async function resolveFilters(ctx: Ctx, input: GuestFilterInput): Promise<ResolvedFilters> {
  const names = input.tag ?? [];
  if (names.length === 0) return { input, tagIds: [], none: false };
  const rows = await ctx.db
    .selectFrom('tag')
    .select('id')
    .where(
      sql<string>`lower(name)`,
      'in',
      names.map((n) => n.toLowerCase()),
    )
    .execute();
  const tagIds = rows.map((r) => r.id);
  const none =
    input.tagMode === 'all' ? tagIds.length < new Set(names.map((n) => n.toLowerCase())).size : !tagIds.length;
  return { input, tagIds, none };
}

const dayAfter = (d: string) => sql<Date>`(${d}::date + 1)::timestamptz`;

/** The WHERE conditions on `guest` for the filters (all combined with AND). */
export function filterConditions(eb: GuestEb, f: ResolvedFilters): Expression<SqlBool>[] {
  const i = f.input;
  const c: Expression<SqlBool>[] = [];
  if (f.none) c.push(sql<SqlBool>`false`);
  if (i.language) c.push(eb('guest.language', '=', i.language));
  if (i.marketingConsent !== undefined) c.push(eb('guest.marketingConsent', '=', i.marketingConsent));
  if (i.firstContactFrom) c.push(eb('guest.firstContactAt', '>=', sql<Date>`${i.firstContactFrom}::timestamptz`));
  if (i.firstContactTo) c.push(eb('guest.firstContactAt', '<', dayAfter(i.firstContactTo)));
  if (i.lastActivityFrom) c.push(eb('guest.lastActivityAt', '>=', sql<Date>`${i.lastActivityFrom}::timestamptz`));
  if (i.lastActivityTo) c.push(eb('guest.lastActivityAt', '<', dayAfter(i.lastActivityTo)));
  if (f.tagIds.length) {
    c.push(
      i.tagMode === 'all'
        ? sql<SqlBool>`${sql.ref('guest.tagIds')} @> ${f.tagIds}::text[]`
        : sql<SqlBool>`${sql.ref('guest.tagIds')} && ${f.tagIds}::text[]`,
    );
  }
  if (i.groupId) c.push(sql<SqlBool>`${sql.ref('guest.groupIds')} @> array[${i.groupId}]::text[]`);
  if (i.country) c.push(eb('guest.country', '=', i.country));
  if (i.hasAccount !== undefined) c.push(eb('guest.userId', i.hasAccount ? 'is not' : 'is', null));
  if (i.minBookings !== undefined) c.push(eb('guest.bookingCount', '>=', i.minBookings));
  if (i.maxBookings !== undefined) c.push(eb('guest.bookingCount', '<=', i.maxBookings));
  if (i.source) c.push(eb('guest.source', '=', i.source));
  return c;
}
