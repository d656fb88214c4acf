import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../shared/api.ts';
import type { Booking } from '../bookings/booking.types.ts';

/** GET /guests/{id}/erasure-preview: what "Delete guest" erases and keeps (counts only). */
export interface ErasurePreview {
  guestId: string;
  emails: number;
  phones: number;
  addresses: number;
  documents: number;
  notes: number;
  historyEntries: number;
  bookingsKept: number;
  mailLog: number;
  customerAccount: boolean;
  merges: number;
  upcomingBookings: {
    id: string;
    reference: string;
    checkIn: string;
    checkOut: string;
    status: string;
    propertyName: string;
  }[];
}

export function useErasurePreview(guestId: string | null) {
  return useQuery({
    queryKey: ['guests', 'one', guestId, 'erasure-preview'],
    queryFn: ({ signal }) =>
      api.get<ErasurePreview>(`/guests/${encodeURIComponent(guestId ?? '')}/erasure-preview`, signal),
    enabled: guestId !== null,
    // Always read afresh when the confirmation opens (a booking may have been replaced meanwhile).
    staleTime: 0,
    gcTime: 0,
  });
}

/** POST /bookings/{id}/replace-guest. */
export function useReplaceGuest(bookingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { from: string; to: Record<string, unknown> }) =>
      api.post<Booking>(`/bookings/${encodeURIComponent(bookingId)}/replace-guest`, body),
    meta: { inlineErrors: true },
    onSuccess: async (booking) => {
      queryClient.setQueryData(['bookings', 'one', bookingId], booking);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
        queryClient.invalidateQueries({ queryKey: ['guests'] }),
      ]);
    },
  });
}

/** Settings → Privacy. */
export interface PrivacySettings {
  retentionYears: number | null;
  backupDays: number;
  updatedAt: string | null;
}

const settingsKey = ['settings', 'privacy'] as const;

export function usePrivacySettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<PrivacySettings>('/settings/privacy', signal),
  });
}

export function useSavePrivacySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { retentionYears: number | null; backupDays: number }) =>
      apiRequest<PrivacySettings>('PUT', '/settings/privacy', { body }),
    meta: { inlineErrors: true },
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}

export interface RetentionPreview {
  years: number;
  cutoff: string;
  guests: number;
  blocked: number;
}

/** How many guests N years would touch now (shown before the rule is switched on). */
export function useRetentionPreview(years: number | null) {
  return useQuery({
    queryKey: [...settingsKey, 'preview', years],
    queryFn: ({ signal }) => api.get<RetentionPreview>(`/settings/privacy/retention/preview?years=${years}`, signal),
    enabled: years !== null && years >= 1 && years <= 20,
    placeholderData: keepPreviousData,
  });
}
