import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { ItemList } from '../../shared/types.ts';

export interface HotelContact {
  id: string;
  name: string;
  names: { en: string; es: string; fr: string };
  description: string;
  email: string;
  propertyId: string | null;
  staffIds: string[];
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface HotelContactInput {
  name: { en: string; es?: string; fr?: string };
  description: string;
  email: string;
  propertyId: string | null;
  staffIds: string[];
}

export const hotelContactsQueryKey = ['hotel-contacts'] as const;

/** The hotel's contacts (Settings → Contacts), named in the given language. */
export function useHotelContacts(lang: string, enabled = true) {
  return useQuery({
    queryKey: [...hotelContactsQueryKey, lang],
    queryFn: ({ signal }) =>
      api.get<ItemList<HotelContact>>(`/hotel-contacts?lang=${encodeURIComponent(lang)}`, signal),
    enabled,
  });
}

export function useSaveHotelContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: HotelContactInput }) =>
      id
        ? api.patch<HotelContact>(`/hotel-contacts/${encodeURIComponent(id)}`, body)
        : api.post<HotelContact>('/hotel-contacts', body),
    meta: { inlineErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: hotelContactsQueryKey }),
  });
}

export function useDeleteHotelContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/hotel-contacts/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: hotelContactsQueryKey }),
  });
}
