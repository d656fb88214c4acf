import type { Ctx } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { canReadPersonalData, getGuestOrMerged } from '../guests/index.ts';
import type { DocumentSectionsValue, PersonalDataDocumentValue } from './document.schemas.ts';
import { ACCOUNT_SECTIONS, GUEST_SECTIONS } from './guest-document.ts';
import type { Section, SectionName } from './sections/section.ts';

async function buildSections<S>(
  ctx: Ctx,
  sections: { [K in SectionName]?: Section<S, K> },
  subject: S,
): Promise<DocumentSectionsValue> {
  const out: Record<string, unknown> = {};
  for (const [name, build] of Object.entries(sections) as [SectionName, Section<S, SectionName>][]) {
    out[name] = await build(ctx, subject);
  }
  return out;
}

async function envelope(
  ctx: Ctx,
  subject: PersonalDataDocumentValue['subject'],
  scope: PersonalDataDocumentValue['scope'],
  sections: DocumentSectionsValue,
): Promise<PersonalDataDocumentValue> {
  const org = await ctx.db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', '=', ctx.orgId)
    .executeTakeFirstOrThrow();
  return {
    format: 'clientela.personal-data',
    version: 1,
    generatedAt: new Date().toISOString(),
    controller: { organisationId: org.id, name: org.name },
    subject,
    scope,
    sections,
  };
}

/**
 * Subject access (P-3): everything held about one guest profile, unmasked. Needs `personal-data:read`
 * besides `guests:read` (403 `personal_data_required`); recorded as `guest.personal_data.exported`.
 */
export async function exportGuestPersonalData(ctx: Ctx, guestId: string): Promise<PersonalDataDocumentValue> {
  if (!canReadPersonalData(ctx))
    throw forbidden(
      'Exporting a guest’s personal data needs the personal-data:read permission',
      'personal_data_required',
    );
  return ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx };
    const guest = await getGuestOrMerged(tctx, guestId);
    const [emails, accounts] = await Promise.all([
      trx.selectFrom('guestEmail').select('email').where('guestId', '=', guest.id).execute(),
      trx.selectFrom('customerAccount').select('id').where('guestId', '=', guest.id).execute(),
    ]);
    const subject = {
      guest,
      emails: [
        ...new Set([...emails.map((e) => e.email), ...(guest.email ? [guest.email] : [])].map((e) => e.toLowerCase())),
      ],
      accountIds: accounts.map((a) => a.id),
    };
    const sections = await buildSections(tctx, GUEST_SECTIONS, subject);
    await recordAudit(
      tctx,
      'guest.personal_data.exported',
      { type: 'guest', id: guest.id },
      { sections: Object.keys(sections) },
      trx,
    );
    return envelope(tctx, { type: 'guest', id: guest.id }, 'full', sections);
  });
}

/** The customer's own copy: only what the account proves is its own; recorded as `account.personal_data.exported`. */
export async function exportOwnPersonalData(ctx: Ctx, accountId: string): Promise<PersonalDataDocumentValue> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx };
    const account = await trx.selectFrom('customerAccount').selectAll().where('id', '=', accountId).executeTakeFirst();
    if (!account) throw notFound('Account');
    const sections = await buildSections(tctx, ACCOUNT_SECTIONS, { account });
    await recordAudit(
      tctx,
      'account.personal_data.exported',
      { type: 'customer_account', id: account.id },
      { sections: Object.keys(sections) },
      trx,
    );
    return envelope(tctx, { type: 'customer_account', id: account.id }, 'own', sections);
  });
}
