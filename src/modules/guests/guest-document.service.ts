import type { Ctx } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { hasPermission } from '../auth/permissions.ts';
import { openDocumentNumber } from './guest-document.ts';

export interface RevealedDocument {
  type: string | null;
  number: string | null;
  issuingCountry: string | null;
  expiry: string | null;
}

/**
 * A guest's identity document with its number in full (SPEC P-5): only for principals holding
 * `personal-data:read` and `guests:read`, and always audited (`guest.document.revealed`, without
 * the number). 404 for a guest of another organisation or none.
 */
export async function revealGuestDocument(ctx: Ctx, guestId: string): Promise<RevealedDocument> {
  const access = ctx.permissions;
  if (!Array.isArray(access) && access !== 'system')
    throw forbidden('Revealing a document needs the personal-data:read permission', 'personal_data_required');
  if (
    Array.isArray(access) &&
    !(hasPermission(access as string[], 'personal-data:read') && hasPermission(access as string[], 'guests:read'))
  )
    throw forbidden('Revealing a document needs the personal-data:read permission', 'personal_data_required');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('guest')
      .select(['id', 'documentType', 'documentNumber', 'documentCountry', 'documentExpiry'])
      .where('id', '=', guestId)
      .executeTakeFirst();
    if (!row) throw notFound('Guest');
    await recordAudit(
      ctx,
      'guest.document.revealed',
      { type: 'guest', id: row.id },
      { documentType: row.documentType, hadNumber: row.documentNumber !== null },
      trx,
    );
    return {
      type: row.documentType,
      number: row.documentNumber === null ? null : openDocumentNumber(row.documentNumber),
      issuingCountry: row.documentCountry,
      expiry: row.documentExpiry,
    };
  });
}
