import { useMutation, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../shared/api.ts';

/** What the guest is told after deleting their account (POST /account/delete). */
export interface AccountDeletion {
  profileErased: boolean;
  bookingsKept: number;
  backupDays: number;
}

/**
 * "Delete my account": confirmed with the password; on success the session is gone. The page
 * leaves the signed-in area first, then calls `forgetCustomer` (so the area does not redirect first).
 */
export function useDeleteAccount() {
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (password: string) => api.post<AccountDeletion>('/account/delete', { password }),
    onSuccess: () => setCsrfToken(null),
  });
}

/** Drops the signed-out customer's cached data (after leaving the signed-in area). */
export function forgetCustomer(queryClient: QueryClient): void {
  queryClient.setQueryData(['account', 'me'], null);
  queryClient.removeQueries({ queryKey: ['account'], predicate: (q) => q.queryKey[1] !== 'me' });
}
