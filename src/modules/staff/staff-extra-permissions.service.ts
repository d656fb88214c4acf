import type { Ctx } from '../../core/context.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import type { StaffUserRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { assertMayGrantRole, missingPermissions, type Grantor } from '../auth/grant.ts';
import { EXTRA_PERMISSIONS } from '../auth/permissions.ts';

/**
 * Gives or takes back one staff member's permissions beyond their role (issue 12 point 5: reception
 * may be trusted with personal data). The grant rule holds: the grantor must hold every permission
 * given or taken and be allowed to touch the person's role (an owner, or a manager for reception);
 * only the extras the role may carry are accepted.
 */
export async function setStaffExtraPermissions(
  ctx: Ctx,
  id: string,
  permissions: string[],
  by: Grantor,
): Promise<StaffUserRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('staffUser').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('Staff member');
    const held = by.kind === 'system' ? ['admin'] : by.permissions;
    const touched = [...new Set([...permissions, ...current.extraPermissions])];
    const missing = missingPermissions(held, touched);
    if (missing.length)
      throw new AppError(
        'forbidden',
        'permission_not_held',
        `You cannot give permissions you do not hold: ${missing.join(', ')}`,
        [{ field: 'permissions', message: `not held: ${missing.join(', ')}`, code: 'permission_not_held' }],
      );
    assertMayGrantRole(by, current.role, current.role);
    const allowed = EXTRA_PERMISSIONS[current.role] ?? [];
    const refused = permissions.filter((p) => !allowed.includes(p as never));
    if (refused.length)
      throw invalid('extra_permission_not_for_role', `The ${current.role} role cannot be given ${refused.join(', ')}`, [
        { field: 'permissions', message: `not for the ${current.role} role`, code: 'extra_permission_not_for_role' },
      ]);
    const next = [...new Set(permissions)].sort();
    const row = await trx
      .updateTable('staffUser')
      .set({ extraPermissions: next, updatedAt: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const granted = next.filter((p) => !current.extraPermissions.includes(p));
    const revoked = current.extraPermissions.filter((p) => !next.includes(p));
    if (granted.length || revoked.length)
      await recordAudit(ctx, 'staff.permissions_changed', { type: 'staff', id }, { granted, revoked }, trx);
    return row;
  });
}
