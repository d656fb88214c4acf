import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { Property, RoomType } from '../bookings/booking.types.ts';

export { useProperties, useRoomTypes } from '../bookings/bookings.api.ts';

const invalidate = (queryClient: ReturnType<typeof useQueryClient>) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: ['properties'] }),
    queryClient.invalidateQueries({ queryKey: ['availability'] }),
  ]);

/** Creates (no id) or edits a property. */
export function useSaveProperty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Record<string, unknown> }) =>
      id ? api.patch<Property>(`/properties/${encodeURIComponent(id)}`, body) : api.post<Property>('/properties', body),
    meta: { inlineErrors: true },
    onSuccess: () => invalidate(queryClient),
  });
}

/** Creates (no id, with the property) or edits a room type. */
export function useSaveRoomType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, propertyId, body }: { id?: string; propertyId: string; body: Record<string, unknown> }) =>
      id
        ? api.patch<RoomType>(`/room-types/${encodeURIComponent(id)}`, body)
        : api.post<RoomType>(`/properties/${encodeURIComponent(propertyId)}/room-types`, body),
    meta: { inlineErrors: true },
    onSuccess: () => invalidate(queryClient),
  });
}

export function useDeleteRoomType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/room-types/${encodeURIComponent(id)}`),
    meta: { inlineErrors: true },
    onSuccess: () => invalidate(queryClient),
  });
}
