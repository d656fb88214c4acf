import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { Attachment, AttachmentUpload } from '../../shared/attachments.tsx';

export const threadStatuses = ['open', 'waiting_for_guest', 'closed'] as const;
export type ThreadStatus = (typeof threadStatuses)[number];
export const threadPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type ThreadPriority = (typeof threadPriorities)[number];

export interface ThreadMessage {
  id: string;
  direction: 'in' | 'out' | 'note';
  body: string;
  createdAt: string;
  author: { type: string; id: string | null; name: string };
  emailMessageId: string | null;
  attachments: Attachment[];
}

export interface ThreadSummary {
  id: string;
  subject: string;
  status: ThreadStatus;
  priority: ThreadPriority;
  origin: string;
  hotelContactId: string | null;
  guestId: string | null;
  bookingId: string | null;
  bookingReference: string | null;
  assigneeId: string | null;
  tags: string[];
  waitingForReply: boolean;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  language: string | null;
  messageCount: number;
  createdAt: string;
  lastActivityAt: string;
}

export interface Thread extends ThreadSummary {
  messages: ThreadMessage[];
}

export interface ThreadPage {
  items: ThreadSummary[];
  nextCursor: string | null;
  total: number;
}

/** The inbox filters, kept in the URL (names as the API's). */
export const threadFilterKeys = ['status', 'waitingForReply', 'assigneeId', 'hotelContactId', 'q'] as const;
export type ThreadFilters = Record<(typeof threadFilterKeys)[number], string>;

export const threadsQueryKey = ['threads'] as const;
const PAGE_SIZE = 50;
const threadPath = (id: string) => `/threads/${encodeURIComponent(id)}`;

/** Threads for the given filters, most recent activity first, one keyset page at a time. */
export function useThreadList(filters: ThreadFilters) {
  const params = new URLSearchParams();
  for (const key of threadFilterKeys) if (filters[key]) params.set(key, filters[key]);
  return useInfiniteQuery({
    queryKey: [...threadsQueryKey, 'list', params.toString()],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams(params);
      query.set('limit', String(PAGE_SIZE));
      if (pageParam) query.set('cursor', pageParam);
      return api.get<ThreadPage>(`/threads?${query.toString()}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** How many threads wait for a staff reply (the menu badge), refreshed every minute unless `live` (live-count.ts). */
export function useWaitingCount(enabled: boolean, live = false) {
  return useQuery({
    queryKey: [...threadsQueryKey, 'waiting-count'],
    queryFn: ({ signal }) => api.get<ThreadPage>('/threads?waitingForReply=true&limit=1', signal),
    select: (page) => page.total,
    enabled,
    refetchInterval: live ? false : 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useThread(id: string) {
  return useQuery({
    queryKey: [...threadsQueryKey, 'one', id],
    queryFn: ({ signal }) => api.get<Thread>(threadPath(id), signal),
    refetchInterval: 60_000,
  });
}

export function useUpdateThread(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Pick<ThreadSummary, 'status' | 'priority' | 'assigneeId' | 'tags' | 'bookingId'>>) =>
      api.patch<Thread>(threadPath(id), body),
    onSuccess: async (thread) => {
      queryClient.setQueryData([...threadsQueryKey, 'one', id], thread);
      await queryClient.invalidateQueries({ queryKey: threadsQueryKey });
    },
  });
}

/** A reply (e-mailed to the guest) or, with `internal`, a note only staff see. */
export function useAddThreadMessage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; internal: boolean; attachments?: AttachmentUpload[] }) =>
      api.post<ThreadMessage>(`${threadPath(id)}/messages`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey }),
  });
}
