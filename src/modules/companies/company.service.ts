import { sql, type Updateable } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { CompanyRow, CompanyTable } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { scanCompanyDuplicates } from './company-duplicates.service.ts';
import { recordCompanyChanges } from './company-history.service.ts';
import { companyExtras, presentCompany } from './company.presenter.ts';
import type { Company, CreateCompanyInput, UpdateCompanyInput } from './company.schemas.ts';
import { parseTaxId } from './tax-id.ts';

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/** Creates a company; the same tax id as an existing company is a 409 `company_exists` naming it. */
export async function createCompany(ctx: Ctx, input: CreateCompanyInput): Promise<Company> {
  const columns = await columnsOf(ctx, ctx.db, input, null);
  let company: Company;
  try {
    company = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('company')
        .values({ orgId: ctx.orgId, id: newId('cmp'), name: input.name, ...columns })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(ctx, 'company.created', { type: 'company', id: row.id }, { name: row.name }, trx);
      return presentCompany(row, { contactCount: 0, purchasingContactId: null });
    });
  } catch (err) {
    if (isUniqueViolation(err) && columns.taxKey) throw await sameTaxId(ctx, columns.taxKey);
    throw err;
  }
  await scanCompanyDuplicates(ctx, company.id);
  return company;
}

/** A company by id, or 404 (another organisation's id is not found either). */
export async function getCompanyRow(ctx: Ctx, id: string, db: TenantDb = ctx.db): Promise<CompanyRow> {
  const row = await db.selectFrom('company').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Company');
  return row;
}

export async function getCompany(ctx: Ctx, id: string): Promise<Company> {
  const row = await getCompanyRow(ctx, id);
  const [extras] = await companyExtras(ctx.db, [id]);
  return presentCompany(row, extras);
}

/** Edits a company; every changed field goes to its history (G-9). */
export async function updateCompany(ctx: Ctx, id: string, patch: UpdateCompanyInput): Promise<Company> {
  let taxKey: string | null | undefined;
  let company: Company;
  try {
    company = await ctx.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('company').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('Company');
      const columns = await columnsOf(ctx, trx, patch, before);
      taxKey = columns.taxKey;
      const after = await trx
        .updateTable('company')
        .set({ ...columns, ...(patch.name !== undefined ? { name: patch.name } : {}), updatedAt: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const [extras] = await companyExtras(trx, [id]);
      const was = presentCompany(before, extras);
      const now = presentCompany(after, extras);
      const changed = (Object.keys(patch) as (keyof UpdateCompanyInput)[]).filter(
        (f) => JSON.stringify(was[f]) !== JSON.stringify(now[f]),
      );
      await recordCompanyChanges(
        ctx,
        trx,
        id,
        changed.map((field) => ({ field, oldValue: was[field], newValue: now[field] })),
      );
      if (changed.length) await recordAudit(ctx, 'company.updated', { type: 'company', id }, { fields: changed }, trx);
      return now;
    });
  } catch (err) {
    if (isUniqueViolation(err) && taxKey) throw await sameTaxId(ctx, taxKey, id);
    throw err;
  }
  if (DEDUPE_FIELDS.some((f) => patch[f] !== undefined)) await scanCompanyDuplicates(ctx, id);
  return company;
}

/** The fields whose change can make or unmake a near-duplicate (issue 15 point 1). */
const DEDUPE_FIELDS = ['name', 'legalName', 'taxId', 'country', 'billingAddress'] as const;

/** Deletes a company and its contact links; refused (409) while bookings are linked to it. */
export async function deleteCompany(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await getCompanyRow(ctx, id, trx);
    const booked = await trx.selectFrom('booking').select('id').where('companyId', '=', id).limit(1).executeTakeFirst();
    if (booked)
      throw conflict('company_has_bookings', 'This company has bookings: it cannot be deleted', [
        { field: 'id', message: 'detach or keep its bookings' },
      ]);
    await trx.deleteFrom('company').where('id', '=', id).execute();
    await recordAudit(ctx, 'company.deleted', { type: 'company', id }, {}, trx);
  });
}

/** The company's KPIs (bookings not cancelled, their nights and revenue, the last one made). */
export async function companyKpis(ctx: Ctx, id: string) {
  const row = await ctx.db
    .selectFrom('booking')
    .where('companyId', '=', id)
    .where('status', '!=', 'cancelled')
    .select([
      sql<number>`count(*)::int`.as('bookings'),
      sql<number>`coalesce(sum(check_out - check_in), 0)::int`.as('nights'),
      sql<number>`coalesce(sum(total), 0)::numeric`.as('revenue'),
      sql<Date | null>`max(created_at)`.as('lastBookingAt'),
    ])
    .executeTakeFirstOrThrow();
  return {
    bookings: Number(row.bookings),
    nights: Number(row.nights),
    revenue: Number(row.revenue),
    lastBookingAt: row.lastBookingAt ? new Date(row.lastBookingAt).toISOString() : null,
  };
}

/** The columns a create or edit writes (tax id normalised and keyed, group checked). */
export async function columnsOf(
  ctx: Ctx,
  db: TenantDb,
  input: UpdateCompanyInput,
  before: CompanyRow | null,
): Promise<Updateable<CompanyTable>> {
  const out: Updateable<CompanyTable> = {};
  const copy = ['legalName', 'country', 'language', 'rateCode', 'paymentTerms', 'notes', 'groupId'] as const;
  for (const f of copy) if (input[f] !== undefined) out[f] = input[f] || null;
  if (input.discount !== undefined) out.discount = input.discount;
  if (input.tags !== undefined) out.tags = [...new Set(input.tags)];
  if (input.billingAddress !== undefined) {
    const a = input.billingAddress ?? {};
    out.billingStreet = a.street || null;
    out.billingCity = a.city || null;
    out.billingPostcode = a.postcode || null;
    out.billingRegion = a.region || null;
    out.billingCountry = a.country || null;
  }
  const country = input.country !== undefined ? input.country : (before?.country ?? null);
  const rawTaxId = input.taxId !== undefined ? input.taxId : before?.taxId;
  // A new tax id, or a new country for the old one, is checked again.
  if (rawTaxId && (input.taxId !== undefined || input.country !== undefined)) {
    const parsed = parseTaxId(rawTaxId, country);
    if (!parsed.ok)
      throw invalid('invalid_tax_id', `The tax id is not valid: ${parsed.message}`, [
        { field: 'taxId', message: parsed.message },
      ]);
    out.taxId = parsed.taxId.value;
    out.taxKey = parsed.taxId.key;
  } else if (input.taxId !== undefined) {
    out.taxId = null;
    out.taxKey = null;
  }
  if (input.groupId) {
    const group = await db.selectFrom('guestGroup').select('id').where('id', '=', input.groupId).executeTakeFirst();
    if (!group) throw invalid('unknown_group', 'Unknown group', [{ field: 'groupId', message: 'not found' }]);
  }
  void ctx;
  return out;
}

/** 409 naming the company that already has this tax id (the one to use, or to merge into). */
export async function sameTaxId(ctx: Ctx, taxKey: string, exceptId?: string) {
  // Only a validated company holds its tax id (registrations waiting for review may share it).
  let q = ctx.db
    .selectFrom('company')
    .select(['id', 'name'])
    .where('taxKey', '=', taxKey)
    .where('status', '=', 'validated');
  if (exceptId) q = q.where('id', '!=', exceptId);
  const existing = await q.executeTakeFirst();
  return conflict(
    'company_exists',
    existing
      ? `A company with this tax id already exists: ${existing.name}`
      : 'A company with this tax id already exists',
    [{ field: 'taxId', message: existing ? `same tax id as ${existing.id}` : 'already in use', code: existing?.id }],
  );
}
