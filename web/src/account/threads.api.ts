import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { Attachment, AttachmentUpload } from '../shared/attachments.tsx';

/** The customer area's "Contact the hotel" calls (/api/v1/account/threads…, issue 16 point 4). */

export interface AccountThread {
  id: string;
  /** Who opened it: the account itself, or a colleague for a company's threads. */
  writtenBy: string;
  subject: string;
  status: 'open' | 'waiting_for_guest' | 'closed';
  hotelContactId: string | null;
  hotelContactName: string | null;
  bookingId: string | null;
  bookingReference: string | null;
  waitingForHotel: boolean;
  messageCount: number;
  createdAt: string;
  lastMessageAt: string;
}

export interface AccountThreadMessage {
  id: string;
  direction: 'in' | 'out';
  body: string;
  authorName: string;
  createdAt: string;
  attachments: Attachment[];
}

export interface HotelContactChoice {
  id: string;
  name: string;
  description: string;
  propertyId: string | null;
}

const lang = (l: string) => (['en', 'es', 'fr'].includes(l.slice(0, 2)) ? l.slice(0, 2) : 'en');

/**
 * Where the threads are: the guest's own (`/account/threads`), or a company's for its support
 * contacts (`companyThreadsBase`).
 */
export const OWN_THREADS = '/account/threads';
export const companyThreadsBase = (companyId: string) => `/account/company/${encodeURIComponent(companyId)}/threads`;

export function useAccountThreads(base = OWN_THREADS, enabled = true) {
  const { i18n } = useTranslation();
  const l = lang(i18n.language);
  return useQuery({
    queryKey: ['account', 'threads', base, l],
    queryFn: ({ signal }) => api.get<{ items: AccountThread[] }>(`${base}?lang=${l}`, signal),
    enabled,
  });
}

export function useAccountThread(id: string, base = OWN_THREADS) {
  const { i18n } = useTranslation();
  const l = lang(i18n.language);
  return useQuery({
    queryKey: ['account', 'threads', base, l, id],
    queryFn: ({ signal }) =>
      api.get<AccountThread & { messages: AccountThreadMessage[] }>(
        `${base}/${encodeURIComponent(id)}?lang=${l}`,
        signal,
      ),
    retry: false,
  });
}

export function useHotelContactChoices() {
  const { i18n } = useTranslation();
  const l = lang(i18n.language);
  return useQuery({
    queryKey: ['account', 'hotel-contacts', l],
    queryFn: ({ signal }) => api.get<{ items: HotelContactChoice[] }>(`/account/hotel-contacts?lang=${l}`, signal),
  });
}

export function useNewAccountThread(base = OWN_THREADS) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (body: {
      hotelContactId: string;
      subject: string;
      message: string;
      bookingId?: string;
      attachments?: AttachmentUpload[];
    }) => api.post<AccountThread>(base, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['account', 'threads'] }),
  });
}

export function useAnswerAccountThread(id: string, base = OWN_THREADS) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (body: { body: string; attachments?: AttachmentUpload[] }) =>
      api.post<AccountThreadMessage>(`${base}/${encodeURIComponent(id)}/messages`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['account', 'threads'] }),
  });
}
