import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { ItemList } from '../../shared/types.ts';
import { useTranslation } from 'react-i18next';
import type { CatalogNames, GuestGroup, Tag, Title } from '../guests/guest.types.ts';

/** The guest catalogs managed in Settings: titles (G-6), tags (G-5) and groups (G-7). */
type Catalog = 'titles' | 'tags' | 'groups';

function useCatalog<T>(catalog: Catalog) {
  return useQuery({
    queryKey: [catalog],
    queryFn: ({ signal }) => api.get<ItemList<T>>(`/${catalog}`, signal),
    staleTime: 60_000,
  });
}

export const useTitles = () => useCatalog<Title>('titles');
export const useTags = () => useCatalog<Tag>('tags');
export const useGroups = () => useCatalog<GuestGroup>('groups');

/** A tag's or group's name in the interface language (predefined tags and default groups are translated). */
export function useCatalogName(): (
  entry: { name: string; names?: CatalogNames } | undefined,
  fallback?: string,
) => string {
  const { i18n } = useTranslation();
  const lang = (i18n.resolvedLanguage ?? i18n.language).slice(0, 2) as keyof CatalogNames;
  return (entry, fallback = '') => (entry ? (entry.names?.[lang] ?? entry.name) : fallback);
}

/** Creates (no id) or updates one catalog entry; errors show on the form. */
export function useSaveCatalogItem<T>(catalog: Catalog) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Record<string, unknown> }) =>
      id ? api.patch<T>(`/${catalog}/${encodeURIComponent(id)}`, body) : api.post<T>(`/${catalog}`, body),
    meta: { inlineErrors: true },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [catalog] }),
        // Renaming a tag renames it on every guest.
        queryClient.invalidateQueries({ queryKey: ['guests'] }),
      ]),
  });
}

export function useDeleteCatalogItem(catalog: Catalog) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/${catalog}/${encodeURIComponent(id)}`),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [catalog] }),
        queryClient.invalidateQueries({ queryKey: ['guests'] }),
      ]),
  });
}
