import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../shared/api.ts';

export type CompanyStatus = 'new' | 'validated' | 'cancelled';

export interface RegistrationCompany {
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
  status: CompanyStatus;
  statusReason: string | null;
  createdAt: string;
}

export interface RegistrationCandidate {
  id: string;
  name: string;
  legalName: string | null;
  taxId: string | null;
  country: string | null;
  city: string | null;
  status: CompanyStatus;
  reason: 'same_tax_id' | 'similar_name';
}

export interface CompanyRegistration {
  company: RegistrationCompany;
  contact: { guestId: string; firstName: string; lastName: string; email: string | null; phone: string | null } | null;
  candidates: RegistrationCandidate[];
}

const key = ['company-registrations'] as const;

/** Companies registered on the booking site, by status (GET /company-registrations). */
export function useCompanyRegistrations(status: CompanyStatus, enabled = true) {
  return useQuery({
    queryKey: [...key, status],
    queryFn: ({ signal }) =>
      api.get<{ items: CompanyRegistration[]; counts: Record<CompanyStatus, number> }>(
        `/company-registrations?status=${status}`,
        signal,
      ),
    enabled,
  });
}

export function useDecideCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: 'validate' | 'cancel'; reason?: string }) =>
      apiRequest<RegistrationCompany>('POST', `/companies/${encodeURIComponent(id)}/${action}`, {
        body: action === 'cancel' ? (reason?.trim() ? { reason: reason.trim() } : {}) : undefined,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
