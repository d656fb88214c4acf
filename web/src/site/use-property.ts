import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useSiteProperties } from './site.api.ts';

const STORAGE_KEY = 'clientela.site.property';

/**
 * The property the site books, among the site organisation's own: `?property=` in the address (the
 * picker sets it), else the last one used, else the first.
 */
export function usePropertyId(): string | undefined {
  const properties = useSiteProperties();
  const [params] = useSearchParams();
  const items = properties.data?.items ?? [];
  const fromUrl = params.get('property');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  const chosen =
    items.find((p) => p.id === fromUrl)?.id ?? items.find((p) => p.id === stored)?.id ?? items[0]?.id ?? undefined;
  useEffect(() => {
    if (!chosen) return;
    try {
      localStorage.setItem(STORAGE_KEY, chosen);
    } catch {
      // not remembered; the first property is used next time
    }
  }, [chosen]);
  return chosen;
}
