import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { Company, ContactRole } from '../companies/companies.api.ts';

/** Company dedupe and merge (issue 15 point 1): the review queue and the merge with field choice. */

export const MERGE_FIELDS = [
  'name',
  'legalName',
  'taxId',
  'country',
  'language',
  'billingAddress',
  'groupId',
  'discount',
  'rateCode',
  'paymentTerms',
  'notes',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export interface CompanyDuplicate {
  id: string;
  score: number;
  reasons: string[];
  status: 'open' | 'merged' | 'dismissed';
  createdAt: string;
  decidedAt: string | null;
  companies: Company[];
}

export interface MergePreview {
  survivorId: string;
  otherId: string;
  companies: Company[];
  fields: {
    field: MergeField;
    values: { companyId: string; value: unknown }[];
    chosenCompanyId: string;
    conflict: boolean;
  }[];
  result: Company;
  contacts: { guestId: string; name: string; roles: ContactRole[]; losesPurchasing: boolean }[];
  moves: { contacts: number; bookings: number; historyEntries: number; droppedTags: string[] };
}

const key = ['companies'] as const;

export function useCompanyDuplicates() {
  return useQuery({
    queryKey: [...key, 'duplicates'],
    queryFn: ({ signal }) =>
      api.get<{ items: CompanyDuplicate[]; nextCursor: string | null }>('/companies/duplicates?limit=200', signal),
  });
}

export function useMergePreview(survivorId: string, otherId: string, choices: Partial<Record<MergeField, string>>) {
  const query = new URLSearchParams({ otherId, ...choices }).toString();
  return useQuery({
    queryKey: [...key, 'merge-preview', survivorId, query],
    queryFn: ({ signal }) =>
      api.get<MergePreview>(`/companies/${encodeURIComponent(survivorId)}/merge/preview?${query}`, signal),
  });
}

function useDedupeMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }) });
}

export const useDismissCompanyDuplicate = () =>
  useDedupeMutation((pairId: string) =>
    api.post<CompanyDuplicate>(`/companies/duplicates/${encodeURIComponent(pairId)}/dismiss`, {}),
  );

export const useRescanCompanies = () =>
  useDedupeMutation(() => api.post<{ companies: number; open: number }>('/companies/duplicates/rescan', {}));

export const useMergeCompanies = () =>
  useDedupeMutation((v: { survivorId: string; otherId: string; fields: Partial<Record<MergeField, string>> }) =>
    api.post<{ company: Company; mergedId: string }>(`/companies/${encodeURIComponent(v.survivorId)}/merge`, {
      otherId: v.otherId,
      fields: v.fields,
    }),
  );
