import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../shared/api.ts';
import { duplicatesQueryKey } from '../duplicates/duplicates.api.ts';
import { guestsQueryKey } from '../guests/guests.api.ts';

/** One re-run of identity resolution over the whole organisation (GET /api/v1/identity/rescan/{id}). */
export interface Rescan {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  dryRun: boolean;
  progress: { done: number; total: number | null };
  summary: {
    compared: number;
    merges: number;
    mergedProfiles: number;
    queued: number;
    related: number;
    removed: number;
    skipped: number;
  };
  failure: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const rescanQueryKey = ['identity-rescan'] as const;
const POLL_MS = 1000;
const isActive = (run: Rescan | undefined) => run?.status === 'queued' || run?.status === 'running';

/** The latest rescan, polled while it waits or runs; the queue and guests are fetched again when it ends. */
export function useLatestRescan() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: rescanQueryKey,
    queryFn: async ({ signal }) => (await api.get<{ items: Rescan[] }>('/identity/rescan', signal)).items[0] ?? null,
    refetchInterval: (current) => (isActive(current.state.data ?? undefined) ? POLL_MS : false),
    staleTime: 0,
  });
  const ended = query.data && !isActive(query.data) ? query.data : undefined;
  useEffect(() => {
    if (!ended || ended.dryRun) return;
    void queryClient.invalidateQueries({ queryKey: duplicatesQueryKey });
    void queryClient.invalidateQueries({ queryKey: guestsQueryKey });
  }, [ended?.id, ended?.status]); // once per ending
  return query;
}

/** Starts a rescan (or answers the one already waiting or running). */
export function useStartRescan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dryRun: boolean) => api.post<{ id: string; status: string }>('/identity/rescan', { dryRun }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rescanQueryKey }),
  });
}
