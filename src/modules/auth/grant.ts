import { AppError } from '../../core/errors.ts';
import type { StaffRole } from '../../db/schema.ts';
import { hasPermission, ROLE_PERMISSIONS, SCOPES, type Permission } from './permissions.ts';
import type { Principal } from './principal.ts';

/**
 * Who grants a role or a scope: a request's principal, or the system itself (the CLI, the
 * environment's first owner, test factories) which holds everything.
 */
export type Grantor = Principal | { kind: 'system' };

const SYSTEM_GRANTOR: Grantor = { kind: 'system' };
export const systemGrantor = (): Grantor => SYSTEM_GRANTOR;

const permissionsOf = (by: Grantor): readonly string[] => (by.kind === 'system' ? ['admin'] : by.permissions);
const isOwner = (by: Grantor) => by.kind === 'system' || (by.kind === 'staff' && by.role === 'owner');

/** The permissions of `wanted` that `granted` does not cover (`admin` covers all, write covers read). */
export function missingPermissions(granted: readonly string[], wanted: readonly string[]): string[] {
  return wanted.filter((p) => !SCOPES.includes(p as Permission) || !hasPermission(granted, p as Permission));
}

/**
 * The grant rule for staff roles: only an owner (a signed-in owner, not a key) gives, changes,
 * demotes or deactivates the owner role; anyone else may give or touch only a role whose every
 * permission they hold themselves. `current` is the role the staff member has now, when changing.
 */
export function assertMayGrantRole(by: Grantor, role: StaffRole, current?: StaffRole): void {
  for (const r of current === undefined ? [role] : [current, role]) {
    if (r === 'owner' && !isOwner(by))
      throw new AppError(
        'forbidden',
        'owner_role_required',
        'Only an owner can create, change or deactivate an owner',
        [{ field: 'role', message: 'only an owner can give or change the owner role', code: 'owner_role_required' }],
      );
    const missing = missingPermissions(permissionsOf(by), ROLE_PERMISSIONS[r]);
    if (missing.length)
      throw new AppError(
        'forbidden',
        'role_not_held',
        `You cannot give or change the ${r} role: it has permissions you do not hold (${missing.join(', ')})`,
        [{ field: 'role', message: `needs ${missing.join(', ')}`, code: 'role_not_held' }],
      );
  }
}

/** The grant rule for API key scopes: a key carries only scopes its creator holds. */
export function assertMayGrantScopes(by: Grantor, scopes: readonly string[]): void {
  const missing = missingPermissions(permissionsOf(by), scopes);
  if (missing.length)
    throw new AppError(
      'forbidden',
      'scope_not_held',
      `You cannot grant scopes you do not have: ${missing.join(', ')}`,
      [{ field: 'scopes', message: `not held: ${missing.join(', ')}`, code: 'scope_not_held' }],
    );
}
