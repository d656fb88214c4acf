import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../shared/api.ts';

/** Settings → Booking site (GET/PUT /api/v1/settings/booking-site). */
export interface SiteSettings {
  hosts: string[];
  maxRoomsPerCheckout: number;
}

const settingsKey = ['settings', 'booking-site'] as const;

export function useSiteSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<SiteSettings>('/settings/booking-site', signal),
  });
}

export function useSaveSiteSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SiteSettings) => apiRequest<SiteSettings>('PUT', '/settings/booking-site', { body }),
    meta: { inlineErrors: true },
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}
