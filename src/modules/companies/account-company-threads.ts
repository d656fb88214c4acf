import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { CustomerPrincipal } from '../accounts/index.ts';
import {
  answerAccountThread,
  assertOwnThread,
  createAccountThread,
  getAccountThread,
  listAccountThreads,
  type AttachmentLimits,
  type ThreadScope,
} from '../communication/index.ts';
import { requireCompanyRole } from './account-company.service.ts';

/**
 * The company's customer-service threads for its support contacts (issue 15, C-3). "The company's
 * threads" are those about one of its bookings (whoever wrote them: a traveller, a colleague, the
 * hotel) and those a contact opened from the company area (`thread.company_id`). A colleague's
 * own threads with no company booking are theirs alone, and staff notes are never shown.
 */

type Language = 'en' | 'es' | 'fr';
type NewThread = Parameters<typeof createAccountThread>[2];

/** Uncorrelated, so the company's bookings come from booking_company_idx and their threads from thread_booking_idx. */
function companyScope(orgId: string, companyId: string): ThreadScope {
  return () => sql<SqlBool>`(t.company_id = ${companyId} or t.booking_id in (
      select b.id from booking b where b.org_id = ${orgId} and b.company_id = ${companyId}))`;
}

async function supportScope(ctx: Ctx, c: CustomerPrincipal, companyId: string): Promise<ThreadScope> {
  await requireCompanyRole(ctx, c, companyId, ['support']);
  return companyScope(ctx.orgId, companyId);
}

export async function listCompanyThreads(ctx: Ctx, c: CustomerPrincipal, companyId: string, lang: Language) {
  return listAccountThreads(ctx, c, lang, await supportScope(ctx, c, companyId));
}

export async function getCompanyThread(ctx: Ctx, c: CustomerPrincipal, companyId: string, id: string, lang: Language) {
  return getAccountThread(ctx, c, id, lang, await supportScope(ctx, c, companyId));
}

export async function answerCompanyThread(
  ctx: Ctx,
  c: CustomerPrincipal,
  companyId: string,
  id: string,
  input: Parameters<typeof answerAccountThread>[3],
  limits: AttachmentLimits,
) {
  return answerAccountThread(ctx, c, id, input, limits, await supportScope(ctx, c, companyId));
}

/** A new thread for the company, optionally about one of its bookings. */
export async function createCompanyThread(
  ctx: Ctx,
  c: CustomerPrincipal,
  companyId: string,
  input: NewThread,
  settings: Parameters<typeof createAccountThread>[3],
) {
  const scope = await supportScope(ctx, c, companyId);
  return createAccountThread(ctx, c, input, settings, {
    companyId,
    scope,
    booking: (bookingId) =>
      ctx.db
        .selectFrom('booking')
        .select('id')
        .where('id', '=', bookingId)
        .where('companyId', '=', companyId)
        .executeTakeFirst(),
  });
}

/** Fails with 404 unless the thread is one of the company's (and 403 without the support role). */
export async function assertCompanyThread(ctx: Ctx, c: CustomerPrincipal, companyId: string, id: string) {
  await assertOwnThread(ctx, c, id, await supportScope(ctx, c, companyId));
}
