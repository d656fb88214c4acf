import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { ItemList } from '../../shared/types.ts';
import { filtersToParams, type GuestFilters, type GuestSort } from './guest-filters.ts';
import type {
  BulkResult,
  Guest,
  GuestKpis,
  GuestNote,
  GuestPage,
  HistoryPage,
  KpiInterval,
  Segment,
} from './guest.types.ts';

export const guestsQueryKey = ['guests'] as const;
const segmentsQueryKey = ['segments'] as const;
const PAGE_SIZE = 50;

const guestPath = (id: string) => `/guests/${encodeURIComponent(id)}`;

/** A page of the list with how long the server took, so the UI can show that search is instant. */
export interface TimedGuestPage extends GuestPage {
  tookMs: number;
}

/**
 * The guest list for the given filters, one keyset page at a time ("load more").
 * While new filters load, the previous results stay on screen.
 */
export function useGuestList(filters: GuestFilters, sort: GuestSort | null) {
  const params = filtersToParams(filters, sort);
  return useInfiniteQuery({
    queryKey: [...guestsQueryKey, 'list', params.toString()],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }): Promise<TimedGuestPage> => {
      const query = new URLSearchParams(params);
      query.set('limit', String(PAGE_SIZE));
      if (pageParam) query.set('cursor', pageParam);
      const started = performance.now();
      const page = await api.get<GuestPage>(`/guests?${query.toString()}`, signal);
      return { ...page, tookMs: Math.round(performance.now() - started) };
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useGuest(id: string) {
  return useQuery({
    queryKey: [...guestsQueryKey, 'one', id],
    queryFn: ({ signal }) => api.get<Guest>(guestPath(id), signal),
  });
}

/** Creates a guest (form errors are shown on the fields, not as a notification). */
export function useCreateGuest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<Guest>('/guests', body),
    meta: { inlineErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: guestsQueryKey }),
  });
}

export function useUpdateGuest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Guest>(guestPath(id), body),
    meta: { inlineErrors: true },
    onSuccess: async (guest) => {
      queryClient.setQueryData([...guestsQueryKey, 'one', id], guest);
      await queryClient.invalidateQueries({ queryKey: guestsQueryKey });
    },
  });
}

export function useDeleteGuest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(guestPath(id)),
    // The profile's delete dialog shows why a deletion is refused (upcoming bookings, with links).
    meta: { inlineErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: guestsQueryKey }),
  });
}

/** A guest's change history, newest first, one cursor page at a time. */
export function useGuestHistory(id: string) {
  return useInfiniteQuery({
    queryKey: [...guestsQueryKey, 'one', id, 'history'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '25' });
      if (pageParam) query.set('cursor', pageParam);
      return api.get<HistoryPage>(`${guestPath(id)}/history?${query.toString()}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });
}

export function useGuestNotes(id: string) {
  return useQuery({
    queryKey: [...guestsQueryKey, 'one', id, 'notes'],
    queryFn: ({ signal }) => api.get<ItemList<GuestNote>>(`${guestPath(id)}/notes`, signal),
  });
}

/** Add (no noteId), edit or delete (body null) a note of one guest. */
export function useSaveNote(guestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ noteId, body }: { noteId?: string; body: string | null }): Promise<GuestNote | void> => {
      const base = `${guestPath(guestId)}/notes`;
      if (!noteId) return api.post<GuestNote>(base, { body });
      const path = `${base}/${encodeURIComponent(noteId)}`;
      return body === null ? api.delete(path) : api.patch<GuestNote>(path, { body });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...guestsQueryKey, 'one', guestId, 'notes'] }),
  });
}

export interface BulkChange {
  kind: 'tags' | 'groups';
  guestIds: string[];
  add?: string[];
  remove?: string[];
}

/** Adds or removes tags or groups on many guests at once; some guests may be refused. */
export function useBulkChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, ...body }: BulkChange) => api.post<BulkResult>(`/guests/bulk/${kind}`, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: guestsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['tags'] }),
        queryClient.invalidateQueries({ queryKey: ['groups'] }),
      ]),
  });
}

export function useGuestKpis(range: { from: string; to: string; interval: KpiInterval }) {
  const query = new URLSearchParams(range).toString();
  return useQuery({
    queryKey: [...guestsQueryKey, 'kpis', query],
    queryFn: ({ signal }) => api.get<GuestKpis>(`/guests/kpis?${query}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSegments() {
  return useQuery({
    queryKey: segmentsQueryKey,
    queryFn: ({ signal }) => api.get<ItemList<Segment>>('/segments', signal),
  });
}

/** How many guests a saved segment holds right now. */
export function useSegmentCount(segmentId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...guestsQueryKey, 'segment-count', segmentId],
    queryFn: ({ signal }) =>
      api.get<GuestPage>(`/guests?segmentId=${encodeURIComponent(segmentId)}&limit=1`, signal).then((p) => p.total),
    enabled,
  });
}

export function useCreateSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; filters: Record<string, unknown> }) => api.post<Segment>('/segments', body),
    meta: { inlineErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: segmentsQueryKey }),
  });
}

export function useDeleteSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/segments/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: segmentsQueryKey }),
  });
}
