import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { Actor, Guest } from '../guests/guest.types.ts';
import { guestsQueryKey } from '../guests/guests.api.ts';

/** The fields whose value staff choose when profiles are merged (one profile's value wins). */
export const mergeableFields = [
  'titleId',
  'firstName',
  'lastName',
  'secondLastName',
  'nativeName',
  'language',
  'nationality',
  'country',
  'birthDate',
  'document',
  'marketingConsent',
  'companyId',
] as const;

/** A recorded merge (I-5): who was merged into whom, the choices made, and whether it was undone. */
export interface Merge {
  id: string;
  survivorId: string;
  mergedIds: string[];
  mergedNames: string[];
  choices: Record<string, string>;
  createdAt: string;
  createdBy: Actor;
  undoneAt: string | null;
  undoneBy: Actor | null;
}

export interface MergeFieldChoice {
  field: string;
  values: { guestId: string; value: unknown }[];
  chosenGuestId: string;
  conflict: boolean;
}

export interface MergePreview {
  survivorId: string;
  guests: Guest[];
  fields: MergeFieldChoice[];
  result: Guest;
  moves: {
    bookings: number;
    notes: number;
    emails: number;
    phones: number;
    addresses: number;
    historyEntries: number;
    droppedTags: string[];
  };
}

export interface MergeRequest {
  guestIds: string[];
  survivorId: string;
  choices?: Record<string, string>;
}

const mergesQueryKey = ['merges'] as const;

/** What the merge would produce, recomputed on every choice (nothing is saved). */
export function useMergePreview(request: MergeRequest | null) {
  return useQuery({
    queryKey: [...mergesQueryKey, 'preview', request],
    queryFn: () => api.post<MergePreview>('/guests/merge/preview', request),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Merges the profiles into the survivor; every guest view is refreshed. */
export function useMergeGuests() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MergeRequest) => api.post<{ merge: Merge; guest: Guest }>('/guests/merge', request),
    meta: { inlineErrors: true },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: guestsQueryKey }),
        queryClient.invalidateQueries({ queryKey: mergesQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['duplicates'] }),
      ]),
  });
}

/** Undoes a merge: the merged profiles come back with what was theirs. */
export function useUndoMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mergeId: string) =>
      api.post<{ merge: Merge; guests: Guest[] }>(`/merges/${encodeURIComponent(mergeId)}/undo`),
    meta: { inlineErrors: true },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: guestsQueryKey }),
        queryClient.invalidateQueries({ queryKey: mergesQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['duplicates'] }),
      ]),
  });
}

/** The merges a guest took part in, newest first. */
export function useGuestMerges(guestId: string) {
  return useInfiniteQuery({
    queryKey: [...mergesQueryKey, 'guest', guestId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ guestId, limit: '20' });
      if (pageParam) query.set('cursor', pageParam);
      return api.get<{ items: Merge[]; nextCursor: string | null }>(`/merges?${query.toString()}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });
}
