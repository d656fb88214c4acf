import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../shared/api.ts';

/** GET/PUT /settings/identity (issue 14): how much evidence an automatic merge needs. */
export interface IdentitySettings {
  mode: 'balanced' | 'cautious';
  matchOnNameAlone: boolean;
  model: { profiles: number; pairs: number; emWeights: boolean; version: number; computedAt: string } | null;
}

const settingsKey = ['settings', 'identity'] as const;

export function useIdentitySettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<IdentitySettings>('/settings/identity', signal),
  });
}

export function useSaveIdentitySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { mode: IdentitySettings['mode']; matchOnNameAlone: boolean }) =>
      apiRequest<IdentitySettings>('PUT', '/settings/identity', { body }),
    meta: { inlineErrors: true },
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}
