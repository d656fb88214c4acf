import { createContext, useContext } from 'react';
import type { User } from '../../shared/types.ts';

export const CurrentUserContext = createContext<User | null>(null);

/** The signed-in staff member; only inside the signed-in part of the app. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser() used outside a signed-in page');
  return user;
}

/**
 * The grant rule, as the server applies it: a role may be given (or a member of that role
 * changed) only by someone holding every permission of the role; the owner role only by owners.
 */
export function mayGrantRole(user: User, role: string, rolePermissions: readonly string[]): boolean {
  if (role === 'owner') return user.role === 'owner';
  return rolePermissions.every((permission) => hasPermission(user, permission));
}

/**
 * True when the user holds one of the permissions. Same rule as the server:
 * `admin` covers everything and `x:write` covers `x:read`.
 */
export function hasPermission(user: User, ...permissions: string[]): boolean {
  const granted = user.permissions;
  if (granted.includes('admin')) return true;
  return permissions.some(
    (needed) =>
      granted.includes(needed) || (needed.endsWith(':read') && granted.includes(needed.replace(/:read$/, ':write'))),
  );
}
