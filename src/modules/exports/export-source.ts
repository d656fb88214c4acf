import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import {
  canReadPersonalData,
  filterConditions,
  presentListedGuests,
  searchCondition,
  withGuestLists,
  type ListedGuestRow,
  type ResolvedFilters,
} from '../guests/index.ts';
import type { Guest } from '../guests/index.ts';
import type { ExportGuest } from './export-record.ts';

/** Guests read per statement: enough to amortise the round trip, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 1000;

interface ExtraColumns {
  groupNames: string[];
  notes: string | null;
}

/**
 * Pages of `fetchPage(after)` in key order until a short page: the next page is read while the
 * caller writes this one (the database works while Node formats), so memory holds two pages.
 */
export async function* keysetPages<T>(
  fetchPage: (after: string) => Promise<T[]>,
  keyOf: (row: T) => string,
  pageSize: number,
): AsyncGenerator<T[]> {
  let next = fetchPage('');
  for (;;) {
    const page = await next;
    const last = page[page.length - 1];
    const more = page.length === pageSize && last !== undefined;
    if (more) {
      next = fetchPage(keyOf(last));
      // Awaited on the next turn; this only keeps an abandoned read from being an unhandled rejection.
      next.catch(() => undefined);
    }
    if (page.length) yield page;
    if (!more) return;
  }
}

/**
 * The guests an export lists, page after page in id order (keyset: `id > last`), each page one
 * statement with the guests' lists (withGuestLists). Memory holds one page whatever the total, and
 * the embedded engine's single session is free between pages. Presented through the guest list's
 * presenter, so a principal without personal-data:read gets exactly the list's masks.
 */
export async function* readExportGuests(
  ctx: Ctx,
  filters: ResolvedFilters,
  q: string | undefined,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportGuest[]> {
  const search = q ? await searchCondition(ctx, q) : undefined;
  const withNotes = canReadPersonalData(ctx);
  const fetchPage = async (after: string): Promise<ExportGuest[]> => {
    const page = ctx.db
      .selectFrom('guest')
      .selectAll('guest')
      .where((eb) => eb.and([...filterConditions(eb, filters), ...(search ? [search(eb)] : [])]))
      .where('guest.id', '>', after)
      .orderBy('guest.id')
      .limit(pageSize);
    const rows = (await withGuestLists(ctx.db, page)
      .select([
        sql<string[]>`coalesce((
          select json_agg(g.name order by u.i)
            from unnest(guest.group_ids) with ordinality u(id, i)
            join guest_group g on g.org_id = guest.org_id and g.id = u.id), '[]'::json)`.as('groupNames'),
        (withNotes
          ? sql<string | null>`(select string_agg(n.body, E'\n\n' order by n.created_at, n.id)
              from guest_note n where n.org_id = guest.org_id and n.guest_id = guest.id)`
          : sql<string | null>`null::text`
        ).as('notes'),
      ])
      .orderBy('guest.id')
      .execute()) as (ListedGuestRow & ExtraColumns)[];
    const guests: Guest[] = presentListedGuests(ctx, rows);
    return guests.map((guest, i) => ({
      guest,
      secondLastName: rows[i]?.secondLastName ?? null,
      groupNames: rows[i]?.groupNames ?? [],
      notes: rows[i]?.notes ?? null,
    }));
  };
  yield* keysetPages(fetchPage, (x) => x.guest.id, pageSize);
}

/** How many guests the export will list (for its progress bar). */
export async function countExportGuests(ctx: Ctx, filters: ResolvedFilters, q: string | undefined): Promise<number> {
  const search = q ? await searchCondition(ctx, q) : undefined;
  const r = await ctx.db
    .selectFrom('guest')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and([...filterConditions(eb, filters), ...(search ? [search(eb)] : [])]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
