import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { api } from '../../shared/api.ts';
import { notifySuccess } from '../../shared/errors.ts';
import { guestsQueryKey } from '../guests/guests.api.ts';

/** The few fields the queue shows to judge whether two profiles are one person. */
export interface GuestSummary {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  bookingCount: number;
  lastActivityAt: string;
}

export type DuplicateKind = 'candidate' | 'related';

/** One reason code of the resolver (issue 14, point 4), translated by `ExplanationText`. */
export interface Explanation {
  code: string;
  field?: string;
  fields?: string[];
}

export interface DuplicatePair {
  guestA: GuestSummary;
  guestB: GuestSummary;
  kind: DuplicateKind;
  score: number;
  rule: string;
  reasons: string[];
  explanation: Explanation[];
  status: 'open' | 'dismissed' | 'merged';
  createdAt: string;
}

export interface IdentityDecision {
  source: string;
  role: string;
  outcome: 'matched' | 'created';
  rule: string;
  score: number;
  reasons: string[];
  explanation: Explanation[];
  createdAt: string;
}

export interface GuestIdentity {
  decisions: IdentityDecision[];
  related: (GuestSummary & { kind: DuplicateKind; score: number })[];
}

export const duplicatesQueryKey = ['duplicates'] as const;
const PAGE_SIZE = 20;

/** The review queue (I-5), best score first, one keyset page at a time. */
export function useDuplicates(kind: DuplicateKind, status: 'open' | 'dismissed' = 'open') {
  return useInfiniteQuery({
    queryKey: [...duplicatesQueryKey, kind, status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ kind, status, limit: String(PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api.get<{ items: DuplicatePair[]; nextCursor: string | null }>(`/duplicates?${query.toString()}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });
}

/** "Not the same person": the pair is never suggested again. */
export function useDismissDuplicate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (guestIds: [string, string]) => api.post<DuplicatePair>('/duplicates/dismiss', { guestIds }),
    // Said here, not by the caller: the pair's card leaves the list (and unmounts) on refresh.
    onSuccess: () => {
      notifySuccess(i18next.t('duplicates.dismissed'));
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: duplicatesQueryKey }),
        queryClient.invalidateQueries({ queryKey: guestsQueryKey }),
      ]);
    },
  });
}

/** Why a profile is what it is: the resolver's decisions and its related people. */
export function useGuestIdentity(guestId: string) {
  return useQuery({
    queryKey: [...guestsQueryKey, 'one', guestId, 'identity'],
    queryFn: ({ signal }) => api.get<GuestIdentity>(`/guests/${encodeURIComponent(guestId)}/identity`, signal),
    staleTime: 0,
  });
}
