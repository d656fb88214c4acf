import type { Ctx } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import {
  appendConsents,
  consentSourceOf,
  listGuestConsents,
  type GuestConsent,
  type RecordConsentInput,
} from '../consent/index.ts';
import { recordGuestChanges } from './guest-history.service.ts';

/** The sources each kind of caller may record: staff what they were told, a key what its system holds. */
const ALLOWED_SOURCES: Record<string, string[]> = { staff: ['staff'], api_key: ['api', 'import'] };

/** A guest's consent history, newest first, and the consent to marketing e-mail it derives (404 for another organisation's guest). */
export async function listConsentsOfGuest(
  ctx: Ctx,
  guestId: string,
): Promise<{ items: GuestConsent[]; marketingConsent: boolean }> {
  const guest = await ctx.db
    .selectFrom('guest')
    .select('marketingConsent')
    .where('id', '=', guestId)
    .executeTakeFirst();
  if (!guest) throw notFound('Guest');
  return { items: await listGuestConsents(ctx, guestId), marketingConsent: guest.marketingConsent };
}

/**
 * Records one consent change on a guest (staff or API key). The source is the caller's own: staff
 * record `staff`, a key `api` (or `import` for records it carries from another system); claiming
 * another (the booking site, the customer area) is refused with 403.
 */
export async function recordGuestConsent(ctx: Ctx, guestId: string, body: RecordConsentInput): Promise<GuestConsent> {
  const own = consentSourceOf(ctx);
  const source = body.source ?? own;
  if (!(ALLOWED_SOURCES[ctx.actor.actorType] ?? [own]).includes(source))
    throw forbidden(`This caller cannot record consent with source ${source}`, 'consent_source_not_allowed');
  const at = new Date();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('guest')
      .select(['marketingConsent', 'language'])
      .where('id', '=', guestId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('Guest');
    const [recordId] = await appendConsents(
      ctx,
      trx,
      [{ guestId, ...body, source, language: body.wording?.language ?? before.language }],
      at,
    );
    const after = await trx
      .selectFrom('guest')
      .select('marketingConsent')
      .where('id', '=', guestId)
      .executeTakeFirstOrThrow();
    if (after.marketingConsent !== before.marketingConsent)
      await recordGuestChanges(
        ctx,
        trx,
        guestId,
        [{ field: 'marketingConsent', oldValue: before.marketingConsent, newValue: after.marketingConsent }],
        at,
      );
    await recordAudit(
      ctx,
      'guest.consent_recorded',
      { type: 'guest', id: guestId },
      { consentId: recordId, channel: body.channel, purpose: body.purpose, status: body.status, source },
      trx,
    );
    return recordId!;
  });
  const saved = (await listGuestConsents(ctx, guestId)).find((c) => c.id === id);
  if (!saved) throw notFound('Consent');
  return saved;
}
