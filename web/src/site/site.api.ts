import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, type ApiErrorDetail } from '../shared/api.ts';
import type { Availability, Cart, CheckoutResult, SiteInfo, SiteProperty, Stay } from './site.types.ts';

const siteKey = ['site'] as const;
const propertyPath = (id: string) => `/public/properties/${encodeURIComponent(id)}`;

export function useSiteProperties() {
  return useQuery({
    queryKey: [...siteKey, 'properties'],
    queryFn: ({ signal }) => api.get<{ items: SiteProperty[] }>('/public/properties', signal),
    staleTime: 5 * 60_000,
  });
}

/** The property's price rules, checkout options and the signed-in customer (for pre-filling). */
export function useSiteInfo(propertyId: string | undefined) {
  return useQuery({
    queryKey: [...siteKey, 'info', propertyId],
    queryFn: ({ signal }) => api.get<SiteInfo>(propertyPath(propertyId ?? ''), signal),
    enabled: Boolean(propertyId),
  });
}

export function useAvailability(propertyId: string | undefined, stay: Stay | null) {
  const query = stay
    ? new URLSearchParams({
        checkIn: stay.checkIn,
        checkOut: stay.checkOut,
        adults: String(stay.adults),
        children: String(stay.children),
      }).toString()
    : '';
  return useQuery({
    queryKey: [...siteKey, 'availability', propertyId, query],
    queryFn: ({ signal }) => api.get<Availability>(`${propertyPath(propertyId ?? '')}/availability?${query}`, signal),
    enabled: Boolean(propertyId && stay),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useCart(propertyId: string | undefined) {
  return useQuery({
    queryKey: [...siteKey, 'cart', propertyId],
    queryFn: ({ signal }) => api.get<Cart>(`${propertyPath(propertyId ?? '')}/cart`, signal),
    enabled: Boolean(propertyId),
  });
}

export function useAddToCart(propertyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { roomTypeId: string } & Stay) => api.post<Cart>(`${propertyPath(propertyId)}/cart/items`, body),
    meta: { inlineErrors: true },
    onSuccess: (cart) => {
      queryClient.setQueryData([...siteKey, 'cart', propertyId], cart);
      return queryClient.invalidateQueries({ queryKey: [...siteKey, 'availability'] });
    },
  });
}

export function useRemoveFromCart(propertyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) => api.delete<Cart>(`${propertyPath(propertyId)}/cart/items/${itemId}`),
    onSuccess: (cart) => queryClient.setQueryData([...siteKey, 'cart', propertyId], cart),
  });
}

/**
 * Books the cart; one key per checkout page so a double click or a retry makes one booking.
 * `onBooked` runs before the cart is refreshed (the refreshed, empty cart unmounts the form).
 */
export function useCheckout(propertyId: string, onBooked: (result: CheckoutResult) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: Record<string, unknown>; key: string }) =>
      checkoutRequest({ ...body, propertyId }, key),
    meta: { inlineErrors: true },
    onSuccess: (result) => {
      onBooked(result);
      void queryClient.invalidateQueries({ queryKey: siteKey });
    },
  });
}

async function checkoutRequest(body: Record<string, unknown>, key: string): Promise<CheckoutResult> {
  const response = await fetch('/api/v1/public/checkout', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  }).catch(() => undefined);
  if (!response) throw new ApiError(0, 'network_error', 'The server could not be reached');
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | undefined)
      ?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? `Request failed with status ${response.status}`,
      error?.details ?? [],
    );
  }
  return payload as CheckoutResult;
}

/**
 * Signs a customer in at checkout (A-1 c); the site info then pre-fills the form. The property
 * names the site's organisation, so the account is the one of this hotel (issue 11 #23).
 */
export function useCustomerSignIn(propertyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post<{ csrfToken: string }>('/account/login', { ...body, propertyId }),
    meta: { inlineErrors: true },
    onSuccess: (r) => {
      setCsrfToken(r.csrfToken);
      return queryClient.invalidateQueries({ queryKey: siteKey });
    },
  });
}
