import type { Ctx } from '../../core/context.ts';
import { filterConditions, type ResolvedFilters } from './guest-list.filters.ts';
import type { GuestPage } from './guest-list.service.ts';
import { documentNumberIndexes, normaliseDocumentNumber } from './guest-document.ts';
import { guestListColumns } from './guest.presenter.ts';
import { canReadPersonalData } from './personal-data.ts';

/** Looks like an ID document number: one word of 5–40 letters and digits with at least one digit. */
const DOCUMENT_LIKE = /^(?=.*\d)[\p{L}\d][\p{L}\d\s./-]{3,39}$/u;

/**
 * A search by ID document number (exact, through the blind index `guest.document_number_index`:
 * numbers are encrypted, so there is nothing else to search). Only for principals who may read
 * personal data, so the search is no oracle for the others; null when it finds nothing (the
 * ordinary search runs then).
 */
export async function documentPage(
  ctx: Ctx,
  q: string,
  filters: ResolvedFilters,
  limit: number,
): Promise<GuestPage | null> {
  if (!canReadPersonalData(ctx) || !DOCUMENT_LIKE.test(q)) return null;
  const normalised = normaliseDocumentNumber(q);
  if (normalised.length < 5) return null;
  const rows = await ctx.db
    .selectFrom('guest')
    .selectAll('guest')
    .select(guestListColumns())
    .where('guest.documentNumberIndex', 'in', documentNumberIndexes(q))
    .where((eb) => eb.and(filterConditions(eb, filters)))
    .orderBy('guest.id')
    .limit(limit)
    .execute();
  return rows.length ? { rows, nextCursor: null, total: rows.length } : null;
}
