import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { facetKey, guestFacets } from '../../db/guest-facets.ts';
import type { DB } from '../../db/schema.ts';
import type { GuestFilterInput } from './guest-list.schemas.ts';

type GuestEb = ExpressionBuilder<DB, 'guest'>;

/** Filters resolved against the database (tag names → ids); `none` when nothing can match. */
export interface ResolvedFilters {
  orgId: string;
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
  if (names.length === 0) return { orgId: ctx.orgId, input, tagIds: [], none: false };
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
  return { orgId: ctx.orgId, input, tagIds, none };
}

const dayAfter = (d: string) => sql<Date>`(${d}::date + 1)::timestamptz`;

/**
 * The WHERE conditions on `guest` for the filters (all combined with AND). Every equality filter
 * (language, consent, country, source, account, tags, group) is one facet-key condition, so the
 * GIN index guest_facets_idx intersects them in one scan; ranges are checked on the rows it finds.
 */
export function filterConditions(eb: GuestEb, f: ResolvedFilters): Expression<SqlBool>[] {
  const i = f.input;
  const org = f.orgId;
  const c: Expression<SqlBool>[] = [];
  if (f.none) c.push(sql<SqlBool>`false`);
  const all: string[] = [];
  if (i.language) all.push(facetKey.language(org, i.language));
  if (i.marketingConsent !== undefined) all.push(facetKey.consent(org, i.marketingConsent));
  if (i.country) all.push(facetKey.country(org, i.country));
  if (i.source) all.push(facetKey.source(org, i.source));
  if (i.hasAccount !== undefined) all.push(facetKey.account(org, i.hasAccount));
  if (i.groupId) all.push(i.groupId);
  if (f.tagIds.length && i.tagMode === 'all') all.push(...f.tagIds);
  if (all.length) c.push(sql<SqlBool>`${guestFacets()} @> ${all}::text[]`);
  if (f.tagIds.length && i.tagMode !== 'all') c.push(sql<SqlBool>`${guestFacets()} && ${f.tagIds}::text[]`);
  if (i.firstContactFrom) c.push(eb('guest.firstContactAt', '>=', sql<Date>`${i.firstContactFrom}::timestamptz`));
  if (i.firstContactTo) c.push(eb('guest.firstContactAt', '<', dayAfter(i.firstContactTo)));
  if (i.lastActivityFrom) c.push(eb('guest.lastActivityAt', '>=', sql<Date>`${i.lastActivityFrom}::timestamptz`));
  if (i.lastActivityTo) c.push(eb('guest.lastActivityAt', '<', dayAfter(i.lastActivityTo)));
  if (i.minBookings !== undefined) c.push(eb('guest.bookingCount', '>=', i.minBookings));
  if (i.maxBookings !== undefined) c.push(eb('guest.bookingCount', '<=', i.maxBookings));
  if (i.companyId) c.push(companyCondition(org, i.companyId));
  return c;
}

/**
 * The people of a company (issue 15): its contacts, and the customers and travellers of the
 * bookings made for it. A company of another organisation matches no one (every table is read
 * within `org`).
 */
function companyCondition(org: string, companyId: string): Expression<SqlBool> {
  return sql<SqlBool>`guest.id in (
      select cc.guest_id from company_contact cc where cc.org_id = ${org} and cc.company_id = ${companyId}
      union
      select bg.guest_id from booking b
        join booking_guest bg on bg.org_id = b.org_id and bg.booking_id = b.id
       where b.org_id = ${org} and b.company_id = ${companyId}
      union
      select b.customer_id from booking b
       where b.org_id = ${org} and b.company_id = ${companyId} and b.customer_id is not null)`;
}
