import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import { guestsQueryKey } from '../guests/guests.api.ts';

export const CONSENT_CHANNELS = ['email', 'sms', 'phone', 'post'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type ConsentStatus = 'granted' | 'withdrawn';

/** One record of a guest's consent ledger (GET /guests/{id}/consents). */
export interface GuestConsent {
  id: string;
  guestId: string;
  channel: ConsentChannel;
  purpose: string;
  status: ConsentStatus;
  at: string;
  source: 'booking_site' | 'account' | 'staff' | 'import' | 'api';
  wording: { text: string; version: number | null; language: string | null } | null;
  actor: { type: string | null; id: string | null; name: string | null };
  ip: string | null;
  reference: string | null;
  migrated: boolean;
  fromMergedProfile: boolean;
}

export interface ConsentPurpose {
  key: string;
  builtIn: boolean;
  names: Record<string, string>;
}

export interface ConsentWording {
  id: string;
  purpose: string;
  language: string;
  version: number;
  text: string;
  createdAt: string;
  current: boolean;
}

const consentKey = ['consent'] as const;
const guestConsentsKey = (guestId: string) => [...guestsQueryKey, 'one', guestId, 'consents'];

export function useGuestConsents(guestId: string) {
  return useQuery({
    queryKey: guestConsentsKey(guestId),
    queryFn: ({ signal }) =>
      api.get<{ items: GuestConsent[]; marketingConsent: boolean }>(
        `/guests/${encodeURIComponent(guestId)}/consents`,
        signal,
      ),
  });
}

export interface RecordConsent {
  channel: ConsentChannel;
  purpose: string;
  status: ConsentStatus;
  wording?: { text: string; version?: number; language?: string };
}

/** Records a consent change on a guest (source `staff`); the profile's flag follows. */
export function useRecordConsent(guestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordConsent) =>
      api.post<GuestConsent>(`/guests/${encodeURIComponent(guestId)}/consents`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...guestsQueryKey, 'one', guestId] }),
  });
}

export function useConsentPurposes() {
  return useQuery({
    queryKey: [...consentKey, 'purposes'],
    queryFn: ({ signal }) => api.get<{ items: ConsentPurpose[] }>('/consent/purposes', signal),
  });
}

export function useConsentWordings() {
  return useQuery({
    queryKey: [...consentKey, 'wordings'],
    queryFn: ({ signal }) => api.get<{ items: ConsentWording[] }>('/consent/wordings', signal),
  });
}

export function useSavePurpose() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, names, isNew }: { key: string; names: Record<string, string>; isNew: boolean }) =>
      isNew
        ? api.post<ConsentPurpose>('/consent/purposes', { key, names })
        : api.patch<ConsentPurpose>(`/consent/purposes/${encodeURIComponent(key)}`, { names }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consentKey }),
  });
}

export function usePublishWording() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { purpose: string; language: string; text: string }) =>
      api.post<ConsentWording>('/consent/wordings', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consentKey }),
  });
}

/** A purpose's name in the UI language (falls back to English, then to its key). */
export function purposeName(purposes: ConsentPurpose[] | undefined, key: string, language: string): string {
  const p = purposes?.find((x) => x.key === key);
  return p?.names[language] ?? p?.names.en ?? key;
}
