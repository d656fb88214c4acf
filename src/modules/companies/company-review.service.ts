import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import { conflict } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import type { CompanyRow, CompanyStatus } from '../../db/schema.ts';
import { accountUrl, hotelName } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { queueEmail } from '../email/index.ts';
import { contactFor } from '../guests/index.ts';
import { recordCompanyChanges } from './company-history.service.ts';
import { similarCompanyNames } from './company-name.ts';
import { companyExtras, presentCompany } from './company.presenter.ts';
import type { CompanyRegistrationSchema, RegistrationCandidate } from './company-registration.schemas.ts';
import type { Company } from './company.schemas.ts';
import { getCompanyRow, sameTaxId } from './company.service.ts';

type Registration = z.infer<typeof CompanyRegistrationSchema>;
type Candidate = z.infer<typeof RegistrationCandidate>;

/**
 * The review of company registrations (issue 15 point 5, A-4): staff see each `new` company beside
 * the existing companies it may be, then validate or cancel it; the purchasing contact is told by
 * e-mail either way.
 */
export async function listRegistrations(ctx: Ctx, status: CompanyStatus) {
  const rows = await ctx.db
    .selectFrom('company')
    .selectAll()
    .where('status', '=', status)
    .where((eb) => (status === 'new' ? eb.val(true) : eb('statusChangedAt', 'is not', null)))
    .orderBy(status === 'new' ? 'createdAt' : 'statusChangedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  const extras = await companyExtras(
    ctx.db,
    rows.map((r) => r.id),
  );
  const items: Registration[] = [];
  for (const [i, row] of rows.entries()) {
    items.push({
      company: presentCompany(row, extras[i]),
      contact: await purchasingContact(ctx, ctx.db, row.id),
      candidates: await candidatesFor(ctx.db, row),
    });
  }
  const counts = await ctx.db
    .selectFrom('company')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('statusChangedAt', 'is not', null)
    .groupBy('status')
    .execute();
  const count = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  return { items, counts: { new: count('new'), validated: count('validated'), cancelled: count('cancelled') } };
}

async function purchasingContact(ctx: Ctx, db: TenantDb, companyId: string) {
  const row = await db
    .selectFrom('companyContact as cc')
    .innerJoin('guest as g', (j) => j.onRef('g.orgId', '=', 'cc.orgId').onRef('g.id', '=', 'cc.guestId'))
    .select(['cc.guestId', 'g.firstName', 'g.lastName', 'g.email', 'g.phone', 'g.language'])
    .where('cc.companyId', '=', companyId)
    .where(sql<boolean>`'purchasing' = any (cc.roles)`)
    .executeTakeFirst();
  if (!row) return null;
  const { language: _language, ...shown } = row;
  void _language;
  return contactFor(ctx, shown);
}

/** Existing companies with the same tax id, or a near-identical name in the same country (and city, when known). */
async function candidatesFor(db: TenantDb, row: CompanyRow): Promise<Candidate[]> {
  const country = row.billingCountry ?? row.country;
  const others = await db
    .selectFrom('company')
    .select(['id', 'name', 'legalName', 'taxId', 'taxKey', 'country', 'billingCountry', 'billingCity', 'status'])
    .where('id', '!=', row.id)
    .where('status', '!=', 'cancelled')
    .where((eb) =>
      eb.or([
        ...(row.taxKey ? [eb('taxKey', '=', row.taxKey)] : []),
        ...(country ? [eb(eb.fn.coalesce('billingCountry', 'country'), '=', country)] : []),
        ...(!country ? [eb.val(true)] : []),
      ]),
    )
    .orderBy('name')
    .limit(2000)
    .execute();
  const city = row.billingCity?.trim().toLowerCase();
  const out: Candidate[] = [];
  for (const o of others) {
    const sameTax = row.taxKey !== null && o.taxKey === row.taxKey;
    const sameCity = !city || !o.billingCity || o.billingCity.trim().toLowerCase() === city;
    const similar =
      sameCity &&
      [o.name, o.legalName].some((n) => n && [row.name, row.legalName].some((m) => m && similarCompanyNames(n, m)));
    if (!sameTax && !similar) continue;
    out.push({
      id: o.id,
      name: o.name,
      legalName: o.legalName,
      taxId: o.taxId,
      country: o.billingCountry ?? o.country,
      city: o.billingCity,
      status: o.status,
      reason: sameTax ? 'same_tax_id' : 'similar_name',
    });
    if (out.length >= 10) break;
  }
  return out.sort((a, b) => (a.reason === b.reason ? 0 : a.reason === 'same_tax_id' ? -1 : 1));
}

/**
 * Validates or cancels a `new` company (409 `registration_decided` once decided). Validating a
 * company whose tax id a validated company already has is a 409 `company_exists` naming it: cancel
 * the registration instead and add the person as a contact of that company.
 */
export async function decideRegistration(
  ctx: Ctx,
  companyId: string,
  decision: 'validated' | 'cancelled',
  reason?: string,
): Promise<Company> {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const before = await getCompanyRow(ctx, companyId, trx);
      if (before.status !== 'new')
        throw conflict('registration_decided', `This registration is already ${before.status}`);
      const row = await trx
        .updateTable('company')
        .set({
          status: decision,
          statusReason: decision === 'cancelled' ? reason || null : null,
          statusChangedAt: new Date(),
          updatedAt: new Date(),
        })
        .where('id', '=', companyId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordCompanyChanges(ctx, trx, companyId, [{ field: 'status', oldValue: 'new', newValue: decision }]);
      await recordAudit(
        ctx,
        decision === 'validated' ? 'company.registration_validated' : 'company.registration_cancelled',
        { type: 'company', id: companyId },
        { reason: reason ?? null },
        trx,
      );
      await sendDecisionEmail(ctx, trx, row);
      const [extras] = await companyExtras(trx, [companyId]);
      return presentCompany(row, extras);
    });
  } catch (err) {
    const taxKey = (err as { code?: string }).code === '23505' ? await taxKeyOf(ctx, companyId) : null;
    if (taxKey) throw await sameTaxId(ctx, taxKey, companyId);
    throw err;
  }
}

async function taxKeyOf(ctx: Ctx, companyId: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('company').select('taxKey').where('id', '=', companyId).executeTakeFirst();
  return row?.taxKey ?? null;
}

/** Tells the purchasing contact (their profile's e-mail) of the decision, in their language, else the company's. */
async function sendDecisionEmail(ctx: Ctx, trx: TenantDb, company: CompanyRow): Promise<void> {
  const contact = await trx
    .selectFrom('companyContact as cc')
    .innerJoin('guest as g', (j) => j.onRef('g.orgId', '=', 'cc.orgId').onRef('g.id', '=', 'cc.guestId'))
    .select(['cc.guestId', 'g.firstName', 'g.email', 'g.language'])
    .where('cc.companyId', '=', company.id)
    .where(sql<boolean>`'purchasing' = any (cc.roles)`)
    .executeTakeFirst();
  if (!contact?.email) return;
  const validated = company.status === 'validated';
  await queueEmail(ctx, trx, {
    event: validated ? 'company.registration.validated' : 'company.registration.cancelled',
    to: contact.email,
    language: contact.language ?? company.language,
    guestId: contact.guestId,
    dedupeKey: `company.registration:${company.id}`,
    data: {
      firstName: contact.firstName,
      companyName: company.name,
      reason: company.statusReason ?? '',
      signInUrl: accountUrl('/account/sign-in'),
      bookUrl: accountUrl('/book'),
      hotelName: await hotelName(trx, ctx.orgId),
    },
  });
}
