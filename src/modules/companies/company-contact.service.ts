import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, invalid, notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import type { CompanyContactRole, CompanyRow } from '../../db/schema.ts';
import { inviteCompanyContact } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { PersonResolver } from '../bookings/index.ts';
import { contactFor, findMergedGuestId } from '../guests/index.ts';
import { recordCompanyChanges } from './company-history.service.ts';
import { getCompanyRow } from './company.service.ts';
import type { AddContactInput, Contact } from './company.schemas.ts';

const PURCHASING_INDEX = 'company_contact_one_purchasing';

/** The contacts of a company (each a guest profile), purchasing first, then by name. */
export async function listContacts(ctx: Ctx, companyId: string): Promise<Contact[]> {
  await getCompanyRow(ctx, companyId);
  return contactsOf(ctx, ctx.db, companyId);
}

async function contactsOf(ctx: Ctx, db: TenantDb, companyId: string, guestId?: string): Promise<Contact[]> {
  let q = db
    .selectFrom('companyContact as cc')
    .innerJoin('guest as g', (j) => j.onRef('g.orgId', '=', 'cc.orgId').onRef('g.id', '=', 'cc.guestId'))
    .select([
      'cc.guestId',
      'cc.roles',
      'cc.invitedAt',
      'cc.createdAt',
      'g.firstName',
      'g.lastName',
      'g.email',
      'g.phone',
    ])
    .where('cc.companyId', '=', companyId);
  if (guestId) q = q.where('cc.guestId', '=', guestId);
  const rows = await q
    .orderBy(sql`'purchasing' = any (cc.roles)`, 'desc')
    .orderBy('g.lastName')
    .orderBy('g.firstName')
    .orderBy('cc.guestId')
    .execute();
  return rows.map((r) =>
    contactFor(ctx, {
      guestId: r.guestId,
      firstName: r.firstName,
      lastName: r.lastName,
      email: r.email,
      phone: r.phone,
      roles: r.roles,
      invitedAt: r.invitedAt ? new Date(r.invitedAt).toISOString() : null,
      createdAt: new Date(r.createdAt).toISOString(),
    }),
  );
}

/**
 * Adds a contact to a company: an existing guest by id, or a person found or created through the
 * identity resolver (identity grants nothing: the link is what staff made here). A second purchasing
 * contact is a 409 `purchasing_contact_exists` naming the current one, unless `transferPurchasing`.
 */
export async function addContact(
  ctx: Ctx,
  companyId: string,
  input: AddContactInput,
  resolvePerson: PersonResolver,
): Promise<Contact> {
  const wantsPurchasing = input.roles.includes('purchasing');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const company = await getCompanyRow(ctx, companyId, trx);
      const guestId =
        'guestId' in input
          ? await existingGuest(trx, input.guestId)
          : await resolveContact(ctx, trx, input, resolvePerson);
      const already = await trx
        .selectFrom('companyContact')
        .select('guestId')
        .where('companyId', '=', companyId)
        .where('guestId', '=', guestId)
        .executeTakeFirst();
      if (already)
        throw conflict('contact_exists', 'This person is already a contact of the company', [
          { field: 'guestId', message: guestId },
        ]);
      if (wantsPurchasing && input.transferPurchasing) await takePurchasing(ctx, trx, companyId, guestId);
      await trx
        .insertInto('companyContact')
        .values({ orgId: ctx.orgId, companyId, guestId, roles: input.roles })
        .execute();
      if (input.invite) await invite(ctx, trx, company, guestId, input);
      await recordCompanyChanges(ctx, trx, companyId, [
        { field: 'contacts', oldValue: null, newValue: { guestId, roles: input.roles } },
      ]);
      await recordAudit(
        ctx,
        'company.contact_added',
        { type: 'company', id: companyId },
        { guestId, roles: input.roles },
        trx,
      );
      const [contact] = await contactsOf(ctx, trx, companyId, guestId);
      return contact!;
    });
  } catch (err) {
    throw await purchasingConflict(ctx, companyId, err);
  }
}

/** Changes a contact's roles; `transferPurchasing` moves the purchasing role to them in one step. */
export async function updateContact(
  ctx: Ctx,
  companyId: string,
  guestId: string,
  input: { roles: CompanyContactRole[]; transferPurchasing: boolean },
): Promise<Contact> {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await getCompanyRow(ctx, companyId, trx);
      const before = await trx
        .selectFrom('companyContact')
        .select('roles')
        .where('companyId', '=', companyId)
        .where('guestId', '=', guestId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('Contact');
      if (input.roles.includes('purchasing') && input.transferPurchasing)
        await takePurchasing(ctx, trx, companyId, guestId);
      await trx
        .updateTable('companyContact')
        .set({ roles: input.roles, updatedAt: new Date() })
        .where('companyId', '=', companyId)
        .where('guestId', '=', guestId)
        .execute();
      if (JSON.stringify([...before.roles].sort()) !== JSON.stringify([...input.roles].sort())) {
        await recordCompanyChanges(ctx, trx, companyId, [
          { field: 'contacts', oldValue: { guestId, roles: before.roles }, newValue: { guestId, roles: input.roles } },
        ]);
        await recordAudit(
          ctx,
          'company.contact_updated',
          { type: 'company', id: companyId },
          { guestId, roles: input.roles },
          trx,
        );
      }
      const [contact] = await contactsOf(ctx, trx, companyId, guestId);
      return contact!;
    });
  } catch (err) {
    throw await purchasingConflict(ctx, companyId, err);
  }
}

/** Removes a contact from a company (the guest profile stays; their bookings keep the company). */
export async function removeContact(ctx: Ctx, companyId: string, guestId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await getCompanyRow(ctx, companyId, trx);
    const removed = await trx
      .deleteFrom('companyContact')
      .where('companyId', '=', companyId)
      .where('guestId', '=', guestId)
      .returning('roles')
      .executeTakeFirst();
    if (!removed) throw notFound('Contact');
    await recordCompanyChanges(ctx, trx, companyId, [
      { field: 'contacts', oldValue: { guestId, roles: removed.roles }, newValue: null },
    ]);
    await recordAudit(ctx, 'company.contact_removed', { type: 'company', id: companyId }, { guestId }, trx);
  });
}

/** The companies a guest is a contact of, with their roles (the guest profile's "Companies"). */
export async function listGuestCompanies(ctx: Ctx, guestId: string) {
  const guest = await ctx.db.selectFrom('guest').select('id').where('id', '=', guestId).executeTakeFirst();
  if (!guest) throw notFound('Guest');
  const rows = await ctx.db
    .selectFrom('companyContact as cc')
    .innerJoin('company as c', (j) => j.onRef('c.orgId', '=', 'cc.orgId').onRef('c.id', '=', 'cc.companyId'))
    .select(['cc.companyId', 'c.name', 'cc.roles'])
    .where('cc.guestId', '=', guestId)
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({ companyId: r.companyId, name: r.name, roles: r.roles }));
}

async function existingGuest(trx: TenantDb, id: string): Promise<string> {
  const found = await trx.selectFrom('guest').select('id').where('id', '=', id).executeTakeFirst();
  const survivor = found ? undefined : await findMergedGuestId(trx, id);
  if (!found && !survivor)
    throw invalid('unknown_guest', 'Unknown guest', [{ field: 'guestId', message: 'not found' }]);
  return found?.id ?? survivor!;
}

async function resolveContact(
  ctx: Ctx,
  trx: TenantDb,
  input: Exclude<AddContactInput, { guestId: string }>,
  resolvePerson: PersonResolver,
): Promise<string> {
  if (!input.firstName && !input.lastName)
    throw invalid('validation_failed', 'A first or last name is required', [
      { field: 'lastName', message: 'required' },
    ]);
  return resolvePerson(
    ctx,
    trx,
    {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.language ? { language: input.language } : {}),
    },
    { source: 'company_contact', role: 'customer' },
  );
}

/** Takes the purchasing role from whoever holds it (the transfer's first half), with its history. */
async function takePurchasing(ctx: Ctx, trx: TenantDb, companyId: string, newHolder: string): Promise<void> {
  const taken = await trx
    .updateTable('companyContact')
    .set({ roles: sql<CompanyContactRole[]>`array_remove(roles, 'purchasing')`, updatedAt: new Date() })
    .where('companyId', '=', companyId)
    .where('guestId', '!=', newHolder)
    .where(sql<boolean>`'purchasing' = any (roles)`)
    .returning('guestId')
    .execute();
  if (taken.length)
    await recordCompanyChanges(ctx, trx, companyId, [
      { field: 'purchasingContact', oldValue: taken[0]!.guestId, newValue: newHolder },
    ]);
}

/** A unique violation of the one-purchasing index becomes 409 `purchasing_contact_exists` naming the holder. */
async function purchasingConflict(ctx: Ctx, companyId: string, err: unknown): Promise<unknown> {
  if (err instanceof AppError || (err as { code?: string }).code !== '23505') return err;
  const constraint = (err as { constraint?: string }).constraint;
  if (constraint && constraint !== PURCHASING_INDEX) {
    return conflict('contact_exists', 'This person is already a contact of the company');
  }
  const [holder] = await ctx.db
    .selectFrom('companyContact as cc')
    .innerJoin('guest as g', (j) => j.onRef('g.orgId', '=', 'cc.orgId').onRef('g.id', '=', 'cc.guestId'))
    .select(['cc.guestId', 'g.firstName', 'g.lastName'])
    .where('cc.companyId', '=', companyId)
    .where(sql<boolean>`'purchasing' = any (cc.roles)`)
    .execute();
  const name = holder ? `${holder.firstName} ${holder.lastName}`.trim() : 'another contact';
  return conflict(
    'purchasing_contact_exists',
    `This company already has a purchasing contact: ${name}. Transfer the role (transferPurchasing: true) or remove it from them first.`,
    [
      {
        field: 'roles',
        message: holder ? `current purchasing contact: ${holder.guestId}` : 'already taken',
        code: holder?.guestId,
      },
    ],
  );
}

/**
 * C-3: a contact with an e-mail (the one entered, else their profile's) is invited to the customer
 * area (`company.invitation`, through the outbox) and the link records when.
 */
async function invite(
  ctx: Ctx,
  trx: TenantDb,
  company: CompanyRow,
  guestId: string,
  input: AddContactInput,
): Promise<void> {
  const guest = await trx
    .selectFrom('guest')
    .select(['email', 'firstName', 'lastName', 'language'])
    .where('id', '=', guestId)
    .executeTakeFirstOrThrow();
  const email = 'email' in input ? input.email : guest.email;
  if (!email) return;
  const named = 'firstName' in input ? input : guest;
  await inviteCompanyContact(ctx, trx, {
    email,
    firstName: named.firstName,
    lastName: named.lastName,
    language: ('language' in input ? input.language : undefined) ?? guest.language ?? company.language,
    guestId,
    companyName: company.name,
    roles: input.roles,
  });
  await trx
    .updateTable('companyContact')
    .set({ invitedAt: new Date() })
    .where('companyId', '=', company.id)
    .where('guestId', '=', guestId)
    .execute();
}
