import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { ItemList } from '../../shared/types.ts';
import type { Guest, GuestPage } from '../guests/guest.types.ts';
import type { Availability, Booking, BookingFilters, BookingPage, Property, RoomType } from './booking.types.ts';
import { filterKeys } from './booking.types.ts';

export const bookingsQueryKey = ['bookings'] as const;
const PAGE_SIZE = 50;
const bookingPath = (id: string) => `/bookings/${encodeURIComponent(id)}`;

/** Bookings for the given filters, one keyset page at a time ("load more"). */
export function useBookingList(filters: BookingFilters) {
  const params = new URLSearchParams();
  for (const key of filterKeys) if (filters[key]) params.set(key, filters[key]);
  return useInfiniteQuery({
    queryKey: [...bookingsQueryKey, 'list', params.toString()],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams(params);
      query.set('limit', String(PAGE_SIZE));
      if (pageParam) query.set('cursor', pageParam);
      return api.get<BookingPage>(`/bookings?${query.toString()}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** A guest's most recent bookings (as customer or stay guest). */
export function useGuestBookings(guestId: string, limit = 20) {
  return useQuery({
    queryKey: [...bookingsQueryKey, 'guest', guestId, limit],
    queryFn: ({ signal }) =>
      api.get<BookingPage>(`/bookings?guestId=${encodeURIComponent(guestId)}&limit=${limit}`, signal),
  });
}

export function useBooking(id: string) {
  return useQuery({
    queryKey: [...bookingsQueryKey, 'one', id],
    queryFn: ({ signal }) => api.get<Booking>(bookingPath(id), signal),
  });
}

/** Creates a booking by hand (form errors are shown on the fields). */
export function useCreateBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<Booking>('/bookings', body),
    meta: { inlineErrors: true },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: bookingsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['guests'] }),
        queryClient.invalidateQueries({ queryKey: ['availability'] }),
      ]),
  });
}

export function useUpdateBooking(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Booking>(bookingPath(id), body),
    meta: { inlineErrors: true },
    onSuccess: async (booking) => {
      queryClient.setQueryData([...bookingsQueryKey, 'one', id], booking);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: bookingsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['guests'] }),
        queryClient.invalidateQueries({ queryKey: ['availability'] }),
      ]);
    },
  });
}

export function useCancelBooking(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Booking>(`${bookingPath(id)}/cancel`),
    onSuccess: async (booking) => {
      queryClient.setQueryData([...bookingsQueryKey, 'one', id], booking);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: bookingsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['guests'] }),
        queryClient.invalidateQueries({ queryKey: ['availability'] }),
      ]);
    },
  });
}

export function useProperties() {
  return useQuery({
    queryKey: ['properties'],
    queryFn: ({ signal }) => api.get<ItemList<Property>>('/properties', signal),
    staleTime: 60_000,
  });
}

export function useRoomTypes(propertyId: string | null) {
  return useQuery({
    queryKey: ['properties', propertyId, 'room-types'],
    queryFn: ({ signal }) =>
      api.get<ItemList<RoomType>>(`/properties/${encodeURIComponent(propertyId ?? '')}/room-types`, signal),
    enabled: Boolean(propertyId),
    staleTime: 30_000,
  });
}

/** Rooms left per room type for a stay [from, to). */
export function useAvailability(propertyId: string | null, from: string, to: string) {
  const valid = Boolean(propertyId && from && to && to > from);
  return useQuery({
    queryKey: ['availability', propertyId, from, to],
    queryFn: ({ signal }) =>
      api.get<Availability>(
        `/properties/${encodeURIComponent(propertyId ?? '')}/availability?from=${from}&to=${to}`,
        signal,
      ),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
}

/** One guest, when an id is given (the form's prefilled customer). */
export function useGuestIfAny(id: string) {
  return useQuery({
    queryKey: ['guests', 'one', id],
    queryFn: ({ signal }) => api.get<Guest>(`/guests/${encodeURIComponent(id)}`, signal),
    enabled: Boolean(id),
  });
}

/** Guests matching what is typed (name, email, phone), for the customer picker. */
export function useGuestSearch(q: string) {
  return useQuery({
    queryKey: ['guests', 'picker', q],
    queryFn: ({ signal }) => api.get<GuestPage>(`/guests?q=${encodeURIComponent(q)}&limit=8`, signal),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** Blocks (with a reason) or unblocks a guest (G-11). */
export function useGuestBlock(guestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string | null) =>
      reason === null
        ? api.post<Guest>(`/guests/${encodeURIComponent(guestId)}/unblock`)
        : api.post<Guest>(`/guests/${encodeURIComponent(guestId)}/block`, { reason }),
    meta: { inlineErrors: true },
    onSuccess: async (guest) => {
      queryClient.setQueryData(['guests', 'one', guestId], guest);
      await queryClient.invalidateQueries({ queryKey: ['guests'] });
    },
  });
}
