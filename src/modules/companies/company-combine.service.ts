import type { Updateable } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError, invalid } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import type { CompanyContactRole, CompanyRow, CompanyTable } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import {
  COMPANY_MERGE_FIELDS,
  type CompanyMergeChoices,
  type CompanyMergeField,
  type CompanyMergePreview,
} from './company-dedupe.schemas.ts';
import { closeMergedPairs, scanCompanyDuplicates } from './company-duplicates.service.ts';
import { recordCompanyChanges } from './company-history.service.ts';
import { companyExtras, presentCompany } from './company.presenter.ts';
import { CONTACT_ROLES, MAX_COMPANY_TAGS, type Company } from './company.schemas.ts';

/**
 * Merging two companies (issue 15 point 1): the survivor keeps the chosen value of each field, the
 * union of the tags, the other's contacts (roles unioned; one purchasing contact: the survivor's
 * keeps it), bookings and history. The other company is deleted: its id answers 404 afterwards.
 * No undo (see docs/guide/companies.md): a merge is previewed first, field by field.
 */

/** The columns each mergeable field is stored in. */
const COLUMNS: Record<CompanyMergeField, (keyof CompanyRow)[]> = {
  name: ['name'],
  legalName: ['legalName'],
  taxId: ['taxId', 'taxKey'],
  country: ['country'],
  language: ['language'],
  billingAddress: ['billingStreet', 'billingCity', 'billingPostcode', 'billingRegion', 'billingCountry'],
  groupId: ['groupId'],
  discount: ['discount'],
  rateCode: ['rateCode'],
  paymentTerms: ['paymentTerms'],
  notes: ['notes'],
};

const isEmpty = (v: unknown): boolean =>
  v === null || v === '' || (typeof v === 'object' && Object.values(v).every(isEmpty));

const ordered = (roles: Iterable<CompanyContactRole>) => CONTACT_ROLES.filter((r) => new Set(roles).has(r));

interface MergeRun {
  before: [Company, Company];
  fields: CompanyMergePreview['fields'];
  contacts: CompanyMergePreview['contacts'];
  moves: CompanyMergePreview['moves'];
}

/** 404 naming which id is unknown (another organisation's ids are unknown too). */
async function lockPair(trx: TenantDb, survivorId: string, otherId: string): Promise<[CompanyRow, CompanyRow]> {
  const rows = await trx
    .selectFrom('company')
    .selectAll()
    .where('id', 'in', [survivorId, otherId])
    .orderBy('id')
    .forUpdate()
    .execute();
  const survivor = rows.find((r) => r.id === survivorId);
  const other = rows.find((r) => r.id === otherId);
  if (!survivor) throw notFoundField('id');
  if (!other) throw notFoundField('otherId');
  return [survivor, other];
}

const notFoundField = (field: string) =>
  new AppError('not_found', 'company_not_found', 'Company not found', [{ field, message: 'not found' }]);

/** Moves the other company's contacts to the survivor; answers them as they join it. */
async function moveContacts(ctx: Ctx, trx: TenantDb, survivorId: string, otherId: string) {
  const links = await trx
    .selectFrom('companyContact as c')
    .innerJoin('guest as g', 'g.id', 'c.guestId')
    .select(['c.companyId', 'c.guestId', 'c.roles', 'c.invitedAt', 'g.firstName', 'g.lastName'])
    .where('c.companyId', 'in', [survivorId, otherId])
    .orderBy('c.guestId')
    .execute();
  const own = new Map(links.filter((l) => l.companyId === survivorId).map((l) => [l.guestId, l.roles]));
  const survivorBuys = [...own.values()].some((roles) => roles.includes('purchasing'));
  const moved: CompanyMergePreview['contacts'] = [];
  for (const l of links.filter((x) => x.companyId === otherId)) {
    const losesPurchasing =
      survivorBuys && l.roles.includes('purchasing') && !own.get(l.guestId)?.includes('purchasing');
    const brought = losesPurchasing ? l.roles.filter((r) => r !== 'purchasing') : l.roles;
    const roles = ordered([...(own.get(l.guestId) ?? []), ...brought]);
    const name = [l.firstName, l.lastName].filter(Boolean).join(' ');
    moved.push({ guestId: l.guestId, name, roles, losesPurchasing });
    // The other company's row gives up purchasing first: the survivor's unique index never sees two.
    await trx
      .updateTable('companyContact')
      .set({ roles: [] })
      .where('companyId', '=', otherId)
      .where('guestId', '=', l.guestId)
      .execute();
    if (own.has(l.guestId))
      await trx
        .updateTable('companyContact')
        .set({ roles, updatedAt: new Date() })
        .where('companyId', '=', survivorId)
        .where('guestId', '=', l.guestId)
        .execute();
    else
      await trx
        .insertInto('companyContact')
        .values({ orgId: ctx.orgId, companyId: survivorId, guestId: l.guestId, roles, invitedAt: l.invitedAt })
        .execute();
  }
  return moved;
}

/** The whole merge in the caller's transaction (the preview rolls it back, the merge commits). */
async function runMerge(
  ctx: Ctx,
  trx: TenantDb,
  survivorId: string,
  otherId: string,
  choices: CompanyMergeChoices,
): Promise<MergeRun> {
  const bad = Object.entries(choices).filter(([, id]) => id !== undefined && id !== survivorId && id !== otherId);
  if (survivorId === otherId || bad.length)
    throw invalid('validation_failed', 'The merge request is not valid', [
      ...(survivorId === otherId ? [{ field: 'otherId', message: 'must be another company' }] : []),
      ...bad.map(([f]) => ({ field: `fields.${f}`, message: 'must be one of the two companies' })),
    ]);
  const [survivor, other] = await lockPair(trx, survivorId, otherId);
  const extras = await companyExtras(trx, [survivorId, otherId]);
  const before: [Company, Company] = [presentCompany(survivor, extras[0]), presentCompany(other, extras[1])];
  const fields = COMPANY_MERGE_FIELDS.map((field) => {
    const [s, o] = [before[0][field], before[1][field]];
    const chosen = choices[field] ?? (isEmpty(s) && !isEmpty(o) ? otherId : survivorId);
    return {
      field,
      values: [
        { companyId: survivorId, value: s },
        { companyId: otherId, value: o },
      ],
      chosenCompanyId: chosen,
      conflict: !isEmpty(s) && !isEmpty(o) && JSON.stringify(s) !== JSON.stringify(o),
    };
  });
  const set: Updateable<CompanyTable> = {};
  for (const f of fields)
    if (f.chosenCompanyId === otherId)
      for (const column of COLUMNS[f.field]) Object.assign(set, { [column]: other[column] });
  const allTags = [...new Set([...survivor.tags, ...other.tags])];
  set.tags = allTags.slice(0, MAX_COMPANY_TAGS);

  const contacts = await moveContacts(ctx, trx, survivorId, otherId);
  const bookings = await trx
    .updateTable('booking')
    .set({ companyId: survivorId })
    .where('companyId', '=', otherId)
    .executeTakeFirst();
  await trx.updateTable('guest').set({ companyId: survivorId }).where('companyId', '=', otherId).execute();
  const history = await trx
    .updateTable('companyHistory')
    .set({ companyId: survivorId })
    .where('companyId', '=', otherId)
    .executeTakeFirst();
  await closeMergedPairs(ctx, trx, survivorId, otherId);
  // The other company goes before the survivor takes its tax id (one company per tax id).
  await trx.deleteFrom('company').where('id', '=', otherId).execute();
  const after = await trx
    .updateTable('company')
    .set({ ...set, updatedAt: new Date() })
    .where('id', '=', survivorId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const now = presentCompany(after, (await companyExtras(trx, [survivorId]))[0]);
  const changed = [...COMPANY_MERGE_FIELDS, 'tags' as const].filter(
    (f) => JSON.stringify(before[0][f]) !== JSON.stringify(now[f]),
  );
  await recordCompanyChanges(ctx, trx, survivorId, [
    ...changed.map((field) => ({ field, oldValue: before[0][field], newValue: now[field] })),
    { field: 'merged', oldValue: null, newValue: { companyId: otherId, name: other.name } },
  ]);
  await recordAudit(
    ctx,
    'company.merged',
    { type: 'company', id: survivorId },
    { mergedId: otherId, fields: Object.fromEntries(fields.map((f) => [f.field, f.chosenCompanyId])) },
    trx,
  );
  return {
    before,
    fields,
    contacts,
    moves: {
      contacts: contacts.length,
      bookings: Number(bookings.numUpdatedRows),
      historyEntries: Number(history.numUpdatedRows),
      droppedTags: allTags.slice(MAX_COMPANY_TAGS),
    },
  };
}

class PreviewDone extends Error {
  constructor(readonly preview: CompanyMergePreview) {
    super('preview');
  }
}

/** What merging `otherId` into `survivorId` would do: the merge runs and is rolled back, so they never disagree. */
export async function previewCompanyMerge(
  ctx: Ctx,
  survivorId: string,
  otherId: string,
  choices: CompanyMergeChoices = {},
): Promise<CompanyMergePreview> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const run = await runMerge(ctx, trx, survivorId, otherId, choices);
      const row = await trx.selectFrom('company').selectAll().where('id', '=', survivorId).executeTakeFirstOrThrow();
      throw new PreviewDone({
        survivorId,
        otherId,
        companies: run.before,
        fields: run.fields,
        result: presentCompany(row, (await companyExtras(trx, [survivorId]))[0]),
        contacts: run.contacts,
        moves: run.moves,
      });
    });
  } catch (err) {
    if (err instanceof PreviewDone) return err.preview;
    throw err;
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}

/** Merges `otherId` into `survivorId` in one transaction; then looks for the survivor's near-duplicates again. */
export async function mergeCompanies(ctx: Ctx, survivorId: string, otherId: string, choices: CompanyMergeChoices = {}) {
  await ctx.db.transaction().execute((trx) => runMerge(ctx, trx, survivorId, otherId, choices));
  await scanCompanyDuplicates(ctx, survivorId);
  const row = await ctx.db.selectFrom('company').selectAll().where('id', '=', survivorId).executeTakeFirstOrThrow();
  return { company: presentCompany(row, (await companyExtras(ctx.db, [survivorId]))[0]), mergedId: otherId };
}
