import { createContext, useContext } from 'react';
import type { User } from '../../shared/types.ts';

export const CurrentUserContext = createContext<User | null>(null);

/** The signed-in staff member; only inside the signed-in part of the app. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser() used outside a signed-in page');
  return user;
}

/** Owners and admins can do everything; others need the named permission. */
export function hasPermission(user: User, ...permissions: string[]): boolean {
  return user.permissions.includes('admin') || user.role === 'owner' || permissions.some((p) => user.permissions.includes(p));
}
