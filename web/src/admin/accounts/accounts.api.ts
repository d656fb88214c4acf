import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../shared/api.ts';

export type AccountStatus = 'new' | 'validated' | 'cancelled';

export interface CustomerAccount {
  id: string;
  /** The CRM profile, linked once the e-mail is verified. */
  guestId: string | null;
  emailVerified: boolean;
  username: string;
  firstName: string;
  lastName: string;
  status: AccountStatus;
  origin: 'registration' | 'checkout' | 'staff';
  hasPassword: boolean;
  createdAt: string;
  validatedAt: string | null;
  cancelledAt: string | null;
  lastLoginAt: string | null;
}

export interface AccountList {
  items: CustomerAccount[];
  nextCursor: string | null;
  counts: Record<AccountStatus, number>;
}

export interface AccountSettings {
  autoCreateAtCheckout: boolean;
  offerCreateAtCheckout: boolean;
  loginAtCheckout: boolean;
  registrationMode: 'direct' | 'validation';
  loginPage: 'public' | 'hidden';
  stayGuestProfile: boolean;
}

const accountsKey = ['accounts'] as const;

export function useAccounts(query: { status?: AccountStatus; q?: string; limit?: number }) {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.q?.trim()) params.set('q', query.q.trim());
  params.set('limit', String(query.limit ?? 100));
  return useQuery({
    queryKey: [...accountsKey, query],
    queryFn: ({ signal }) => api.get<AccountList>(`/accounts?${params.toString()}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDecideAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'validate' | 'cancel' }) =>
      api.post<CustomerAccount>(`/accounts/${encodeURIComponent(id)}/${action}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  });
}

const settingsKey = ['settings', 'accounts'] as const;

export function useAccountSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<AccountSettings>('/settings/accounts', signal),
  });
}

export function useSaveAccountSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<AccountSettings>) => apiRequest<AccountSettings>('PUT', '/settings/accounts', { body }),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}
