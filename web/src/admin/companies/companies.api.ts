import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';

export const CONTACT_ROLES = ['purchasing', 'billing', 'logistics', 'support'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** A company as `GET /api/v1/companies/{id}` returns it. */
export interface Company {
  id: string;
  name: string;
  legalName: string | null;
  taxId: string | null;
  country: string | null;
  language: string | null;
  billingAddress: {
    street: string | null;
    city: string | null;
    postcode: string | null;
    region: string | null;
    country: string | null;
  };
  groupId: string | null;
  discount: number | null;
  rateCode: string | null;
  paymentTerms: string | null;
  notes: string | null;
  tags: string[];
  contactCount: number;
  purchasingContactId: string | null;
  /** A-4: `new` while a registration from the booking site waits for review. */
  status: 'new' | 'validated' | 'cancelled';
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
  kpis?: { bookings: number; nights: number; revenue: number; lastBookingAt: string | null };
}

export interface Contact {
  guestId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  roles: ContactRole[];
  invitedAt: string | null;
  createdAt: string;
}

export interface CompanyHistoryEntry {
  id: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  actor: { type: string; id: string | null; name: string | null };
  at: string;
}

export interface CompanyBooking {
  id: string;
  reference: string;
  customerName: string;
  checkIn: string;
  checkOut: string;
  nights: number;
  status: string;
  total: number;
  currency: string;
  contactId: string | null;
}

const key = ['companies'] as const;
const path = (id: string) => `/companies/${encodeURIComponent(id)}`;

export function useCompanies(q: string) {
  return useQuery({
    queryKey: [...key, 'list', q],
    queryFn: ({ signal }) =>
      api.get<{ items: Company[]; nextCursor: string | null; total: number }>(
        `/companies?limit=200${q ? `&q=${encodeURIComponent(q)}` : ''}`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCompany(id: string) {
  return useQuery({ queryKey: [...key, id], queryFn: ({ signal }) => api.get<Company>(path(id), signal) });
}

export function useCompanyContacts(id: string) {
  return useQuery({
    queryKey: [...key, id, 'contacts'],
    queryFn: ({ signal }) => api.get<{ items: Contact[] }>(`${path(id)}/contacts`, signal),
  });
}

export function useCompanyBookings(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key, id, 'bookings'],
    queryFn: ({ signal }) =>
      api.get<{ items: CompanyBooking[]; nextCursor: string | null }>(`${path(id)}/bookings?limit=50`, signal),
    enabled,
  });
}

export function useCompanyHistory(id: string) {
  return useQuery({
    queryKey: [...key, id, 'history'],
    queryFn: ({ signal }) =>
      api.get<{ items: CompanyHistoryEntry[]; nextCursor: string | null }>(`${path(id)}/history?limit=50`, signal),
  });
}

/** Every write refreshes the company's page and the list. */
function useCompanyMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }) });
}

export const useCreateCompany = () =>
  useCompanyMutation((body: Record<string, unknown>) => api.post<Company>('/companies', body));

export const useUpdateCompany = (id: string) =>
  useCompanyMutation((body: Record<string, unknown>) => api.patch<Company>(path(id), body));

export const useAddContact = (id: string) =>
  useCompanyMutation((body: Record<string, unknown>) => api.post<Contact>(`${path(id)}/contacts`, body));

export const useUpdateContact = (id: string) =>
  useCompanyMutation((v: { guestId: string; roles: ContactRole[]; transferPurchasing?: boolean }) =>
    api.patch<Contact>(`${path(id)}/contacts/${encodeURIComponent(v.guestId)}`, {
      roles: v.roles,
      transferPurchasing: v.transferPurchasing ?? false,
    }),
  );

export const useRemoveContact = (id: string) =>
  useCompanyMutation((guestId: string) => api.delete(`${path(id)}/contacts/${encodeURIComponent(guestId)}`));
