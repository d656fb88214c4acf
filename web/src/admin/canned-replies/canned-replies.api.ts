import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { ItemList } from '../../shared/types.ts';

export interface CannedReply {
  id: string;
  title: string;
  bodies: { en: string; es?: string; fr?: string };
  hotelContactId: string | null;
}

export interface CannedReplyInput {
  title: string;
  bodies: { en: string; es?: string; fr?: string };
  hotelContactId: string | null;
}

const key = ['canned-replies'] as const;
const path = (id: string) => `/canned-replies/${encodeURIComponent(id)}`;

/** The hotel's canned replies (Settings → Canned replies; the reply box's "Insert reply"). */
export function useCannedReplies(enabled = true) {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<ItemList<CannedReply>>('/canned-replies', signal),
    enabled,
  });
}

export function useSaveCannedReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CannedReplyInput }) =>
      id ? api.patch<CannedReply>(path(id), body) : api.post<CannedReply>('/canned-replies', body),
    meta: { inlineErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteCannedReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(path(id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** A canned reply filled for a thread (its language, placeholders), to insert in the reply box. */
export const renderCannedReply = (id: string, threadId: string) =>
  api.get<{ language: string; body: string }>(`${path(id)}/for-thread/${encodeURIComponent(threadId)}`);
