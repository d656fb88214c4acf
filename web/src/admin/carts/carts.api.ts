import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../shared/api.ts';

export type CartStatus = 'active' | 'abandoned' | 'converted';

export interface StaffCart {
  id: string;
  status: CartStatus;
  customer: { guestId: string; name: string } | null;
  items: {
    id: string;
    roomTypeName: string;
    checkIn: string;
    checkOut: string;
    nights: number;
    adults: number;
    children: number;
    price: number | null;
    currency: string;
  }[];
  itemCount: number;
  value: number;
  currency: string | null;
  createdAt: string;
  lastActivityAt: string;
  convertedAt: string | null;
  refused: { at: string; guestId: string | null } | null;
}

export interface CartKpis {
  windowDays: number;
  abandonAfterMinutes: number;
  cartsNow: number;
  counts: { active: number; abandoned: number; converted: number };
  abandonmentRate: number | null;
  conversionRate: number | null;
  averageCartValue: number | null;
  currency: string | null;
}

const cartsKey = ['carts'] as const;

export function useCarts(status: CartStatus | null) {
  return useInfiniteQuery({
    queryKey: [...cartsKey, 'list', status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ limit: '50' });
      if (status) q.set('status', status);
      if (pageParam) q.set('cursor', pageParam);
      return api.get<{ items: StaffCart[]; nextCursor: string | null }>(`/carts?${q.toString()}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor,
    // Idle carts turn "abandoned" with time, without any event: refresh now and then.
    refetchInterval: 60_000,
  });
}

export function useCartKpis(days: number) {
  return useQuery({
    queryKey: [...cartsKey, 'kpis', days],
    queryFn: ({ signal }) => api.get<CartKpis>(`/carts/kpis?days=${days}`, signal),
    refetchInterval: 60_000,
  });
}

/**
 * Listens to the server-sent cart events and refreshes the list and KPIs on each; EventSource
 * reconnects by itself. Returns whether the stream is connected.
 */
export function useLiveCarts(): boolean {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource('/api/v1/carts/stream', { withCredentials: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      // Bursts of changes (a visitor adding three rooms) refresh once.
      clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: cartsKey }), 150);
    };
    source.addEventListener('ready', () => setLive(true));
    source.addEventListener('cart', refresh);
    source.onerror = () => setLive(false);
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [queryClient]);
  return live;
}
