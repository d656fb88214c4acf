import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

/** The organisation's current consent wording in a language (null text: none published yet). */
export interface ConsentWordingShown {
  purpose: string;
  language: string;
  version: number | null;
  text: string | null;
}

/**
 * The consent wording the booking site, registration and the customer area show next to the
 * consent box; its version goes back with the form so the record names the exact text shown (P-4).
 */
export function useConsentWording(language: string) {
  return useQuery({
    queryKey: ['consent-wording', language],
    queryFn: ({ signal }) =>
      api.get<ConsentWordingShown>(`/public/consent-wording?language=${encodeURIComponent(language)}`, signal),
    staleTime: 5 * 60_000,
  });
}
