import type { Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { conflict, forbidden, fromDatabaseError, invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { DB, Language, StaffRole, StaffUserRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { assertMayGrantRole, type Grantor } from '../auth/grant.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from '../auth/password.ts';

/** Lists the organisation's staff, owners first. */
export async function listStaff(ctx: Ctx): Promise<StaffUserRow[]> {
  return ctx.db.selectFrom('staffUser').selectAll().orderBy('role').orderBy('name').execute();
}

export async function getStaff(ctx: Ctx, id: string): Promise<StaffUserRow> {
  const row = await ctx.db.selectFrom('staffUser').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Staff member');
  return row;
}

/** Creates a staff member with a role `by` may grant (the grant rule, docs/security/staff-auth.md). */
export async function createStaff(
  ctx: Ctx,
  input: { name: string; email: string; role: StaffRole; password: string; language: Language },
  by: Grantor,
): Promise<StaffUserRow> {
  assertMayGrantRole(by, input.role);
  assertPasswordPolicy(input.password, { userInputs: [input.email, input.name] });
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('staffUser')
        .values({
          orgId: ctx.orgId,
          id: newId('stf'),
          email: input.email,
          name: input.name,
          role: input.role,
          language: input.language,
          passwordHash,
          propertyIds: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(ctx, 'staff.created', { type: 'staff', id: row.id }, { role: row.role }, trx);
      return row;
    });
  } catch (err) {
    const mapped = fromDatabaseError(err);
    if (mapped !== err)
      throw conflict('email_taken', 'A staff member with this e-mail already exists', [
        { field: 'email', message: 'already in use' },
      ]);
    throw err;
  }
}

/**
 * Updates a staff member; the last active owner cannot be demoted or deactivated. Changing
 * someone else, or one's own role or status, follows the grant rule for both the current and
 * the new role, so nobody raises their own role or touches someone who holds more than they do.
 */
export async function updateStaff(
  ctx: Ctx,
  id: string,
  patch: { name?: string; role?: StaffRole; active?: boolean; language?: Language },
  by: Grantor,
): Promise<StaffUserRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('staffUser').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('Staff member');
    const isSelf = by.kind === 'staff' && by.staffId === id;
    if (!isSelf || patch.role !== undefined || patch.active !== undefined)
      assertMayGrantRole(by, patch.role ?? current.role, current.role);
    const losesOwner = current.role === 'owner' && ((patch.role && patch.role !== 'owner') || patch.active === false);
    if (losesOwner) {
      const owners = await trx
        .selectFrom('staffUser')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'owner')
        .where('active', '=', true)
        .executeTakeFirstOrThrow();
      if (Number(owners.n) <= 1) throw conflict('last_owner', 'The organisation must keep at least one active owner');
    }
    const row = await trx
      .updateTable('staffUser')
      // Extras belong to a role (reception's personal-data grant): a new role starts without them.
      .set({
        ...patch,
        ...(patch.role && patch.role !== current.role ? { extraPermissions: [] } : {}),
        updatedAt: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (patch.active === false) await trx.deleteFrom('staffSession').where('staffId', '=', id).execute();
    await recordAudit(ctx, 'staff.updated', { type: 'staff', id }, { fields: Object.keys(patch) }, trx);
    return row;
  });
}

/** A staff member changes their own password; other sessions are signed out. */
export async function changeOwnPassword(
  ctx: Ctx,
  staffId: string,
  keepSessionId: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const me = await getStaff(ctx, staffId);
  if (!(await verifyPassword(me.passwordHash, input.currentPassword))) {
    throw invalid('wrong_password', 'The current password is not correct', [
      { field: 'currentPassword', message: 'not correct' },
    ]);
  }
  if (input.currentPassword === input.newPassword) {
    throw invalid('same_password', 'Choose a password different from the current one', [
      { field: 'newPassword', message: 'same as current' },
    ]);
  }
  assertPasswordPolicy(input.newPassword, { field: 'newPassword', userInputs: [me.email, me.name] });
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('staffUser').set({ passwordHash, updatedAt: new Date() }).where('id', '=', staffId).execute();
    let q = trx.deleteFrom('staffSession').where('staffId', '=', staffId);
    if (keepSessionId) q = q.where('id', '<>', keepSessionId);
    await q.execute();
    await recordAudit(ctx, 'staff.password_changed', { type: 'staff', id: staffId }, {}, trx);
  });
}

/**
 * Creates the owner when the installation has no staff at all; refuses otherwise. The
 * first-run page checks the password policy; the operator's CLIENTELA_ADMIN_PASSWORD is theirs.
 */
export async function createFirstOwner(
  system: Kysely<DB>,
  orgId: string,
  input: { name: string; email: string; password: string; language: Language },
  options: { checkPassword: boolean } = { checkPassword: true },
): Promise<StaffUserRow> {
  if (options.checkPassword) assertPasswordPolicy(input.password, { userInputs: [input.email, input.name] });
  const passwordHash = await hashPassword(input.password);
  return system.transaction().execute(async (trx) => {
    // Lock the organisation row so two first-run requests cannot both create an owner.
    await trx.selectFrom('organisation').select('id').where('id', '=', orgId).forUpdate().executeTakeFirstOrThrow();
    const any = await trx.selectFrom('staffUser').select('id').limit(1).executeTakeFirst();
    if (any) throw forbidden('The owner already exists; sign in instead', 'setup_done');
    return trx
      .insertInto('staffUser')
      .values({
        orgId,
        id: newId('stf'),
        email: input.email,
        name: input.name,
        role: 'owner',
        language: input.language,
        passwordHash,
        propertyIds: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** True when no staff account exists anywhere (first-run page). */
export async function needsOwner(system: Kysely<DB>): Promise<boolean> {
  return !(await system.selectFrom('staffUser').select('id').limit(1).executeTakeFirst());
}
