import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, isApiError, setCsrfToken } from '../shared/api.ts';

/** The customer area's API calls (/api/v1/account/…) and their query hooks. */

export type AccountStatus = 'new' | 'validated' | 'cancelled';

export interface Customer {
  accountId: string;
  guestId: string;
  username: string;
  status: AccountStatus;
  firstName: string;
  lastName: string;
  language: string | null;
}

export interface AccountSite {
  hotelName: string;
  registrationMode: 'direct' | 'validation';
  loginPage: 'public' | 'hidden';
}

export interface CustomerAddress {
  street: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
}

export interface CustomerDetails {
  titleId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  language: string | null;
  country: string | null;
  address: CustomerAddress | null;
  marketingConsent: boolean;
}

export interface CustomerBooking {
  id: string;
  reference: string;
  propertyName: string;
  roomTypeName: string;
  checkIn: string;
  checkOut: string;
  nights: number;
  adults: number;
  children: number;
  status: string;
  total: number;
  currency: string;
  guests: { name: string; role: string }[];
  createdAt: string;
}

const meKey = ['account', 'me'] as const;

/** The signed-in customer, or null when nobody is signed in (401). */
export function useCustomer() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }) => {
      try {
        const r = await api.get<{ customer: Customer; csrfToken: string }>('/account/me', signal);
        setCsrfToken(r.csrfToken);
        return r.customer;
      } catch (error) {
        if (isApiError(error) && (error.status === 401 || error.status === 403)) return null;
        throw error;
      }
    },
    retry: false,
    staleTime: 60_000,
  });
}

export function useAccountSite() {
  return useQuery({
    queryKey: ['account', 'site'],
    queryFn: ({ signal }) => api.get<AccountSite>('/account/site', signal),
    staleTime: 5 * 60_000,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (body: { email: string; password: string }) =>
      api.post<{ customer: Customer; csrfToken: string }>('/account/login', body),
    onSuccess: (r) => {
      setCsrfToken(r.csrfToken);
      queryClient.setQueryData(meKey, r.customer);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/account/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ queryKey: ['account'] });
      queryClient.setQueryData(meKey, null);
    },
  });
}

export interface RegisterBody {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
  language?: string;
  marketingConsent?: boolean;
  /** Optional: chosen now, the e-mail still has to be confirmed before signing in. */
  password?: string;
}

export function useRegister() {
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (body: RegisterBody) => api.post<{ status: AccountStatus; message: string }>('/account/register', body),
  });
}

export function useForgotPassword() {
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (email: string) => api.post<void>('/account/forgot-password', { email }),
  });
}

/** Sets the password from an e-mailed link (`set` for a new account, `reset` for a forgotten one). */
export function useTokenPassword(kind: 'set' | 'reset') {
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (body: { token: string; password: string }) =>
      api.post<{ status: AccountStatus; canSignIn: boolean }>(`/account/${kind}-password`, body),
  });
}

/** Confirms the e-mail of an account registered with a password (the link of account.verify_email). */
export function useVerifyEmail() {
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (token: string) =>
      api.post<{ status: AccountStatus; canSignIn: boolean }>('/account/verify-email', { token }),
  });
}

export function useChangePassword() {
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (body: { current: string; new: string }) => api.post<void>('/account/change-password', body),
  });
}

export function useCustomerDetails() {
  return useQuery({
    queryKey: ['account', 'details'],
    queryFn: ({ signal }) => api.get<CustomerDetails>('/account/details', signal),
  });
}

export type DetailsPatch = Partial<Omit<CustomerDetails, 'email' | 'titleId' | 'country'>> & {
  /** The consent wording shown next to the consent box (P-4). */
  consentWording?: { version: number; language: string };
};

export function useUpdateDetails() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (body: DetailsPatch) => apiRequest<CustomerDetails>('PATCH', '/account/details', { body }),
    onSuccess: (details) => {
      queryClient.setQueryData(['account', 'details'], details);
      void queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useCustomerBookings() {
  return useQuery({
    queryKey: ['account', 'bookings'],
    queryFn: ({ signal }) => api.get<{ items: CustomerBooking[] }>('/account/bookings', signal),
  });
}

export function useCustomerBooking(id: string) {
  return useQuery({
    queryKey: ['account', 'bookings', id],
    queryFn: ({ signal }) => api.get<CustomerBooking>(`/account/bookings/${encodeURIComponent(id)}`, signal),
    retry: false,
  });
}
