import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../shared/api.ts';
import { guestsQueryKey } from '../guests/guests.api.ts';
import type { ImportColumns, ImportMapping, ImportPage, ImportRun, OnExisting } from './import.types.ts';

export const importsQueryKey = ['imports'] as const;
const PAGE_SIZE = 20;
/** How often a queued or running import is asked for its progress. */
const POLL_MS = 700;
const HISTORY_POLL_MS = 2_000;

const importPath = (id: string) => `/imports/${encodeURIComponent(id)}`;

/** The address of an import's error report (the rejected records as they were, plus a reason column). */
export const errorReportUrl = (id: string) => `/api/v1${importPath(id)}/errors.csv`;

export const isActive = (run: Pick<ImportRun, 'status'> | undefined) =>
  run?.status === 'queued' || run?.status === 'running';

/**
 * One import, polled while it is queued or running. When it ends, the history (and, for a real
 * import, the guests) are fetched again.
 */
export function useImport(id: string | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: [...importsQueryKey, 'one', id],
    queryFn: ({ signal }) => api.get<ImportRun>(importPath(id as string), signal),
    enabled: id !== null,
    refetchInterval: (current) => (isActive(current.state.data) ? POLL_MS : false),
    staleTime: 0,
  });
  const ended = query.data && !isActive(query.data) ? query.data : undefined;
  useEffect(() => {
    if (!ended) return;
    void queryClient.invalidateQueries({ queryKey: [...importsQueryKey, 'list'] });
    if (!ended.dryRun) void queryClient.invalidateQueries({ queryKey: guestsQueryKey });
  }, [ended?.id, ended?.status]); // once per ending
  return query;
}

/** The columns of an import's uploaded file: headers, first values and the detected field. */
export function useImportColumns(id: string | null) {
  return useQuery({
    queryKey: [...importsQueryKey, 'one', id, 'columns'],
    queryFn: ({ signal }) => api.get<ImportColumns>(`${importPath(id as string)}/columns`, signal),
    enabled: id !== null,
    staleTime: Infinity,
    retry: false,
  });
}

/** Past imports, newest first, one cursor page at a time. */
export function useImportHistory(enabled = true) {
  return useInfiniteQuery({
    queryKey: [...importsQueryKey, 'list'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api.get<ImportPage>(`/imports?${query.toString()}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor ?? null,
    enabled,
    staleTime: 0,
    // Imports started elsewhere (the API, the command line) show their progress here too.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((run) => isActive(run))) ? HISTORY_POLL_MS : false,
  });
}

export interface UploadInput {
  file: File;
  mapping?: ImportMapping;
  onExisting?: OnExisting;
}

/** Uploads a file as a dry run: nothing is written, the server reads it and counts. */
export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mapping, onExisting }: UploadInput) => {
      const form = new FormData();
      form.set('dryRun', 'true');
      if (mapping) form.set('mapping', JSON.stringify(mapping));
      if (onExisting) form.set('onExisting', onExisting);
      // The file goes last: the server reads the other fields before streaming it to disk.
      form.set('file', file, file.name);
      return api.post<{ id: string; status: ImportRun['status'] }>('/imports', form);
    },
    meta: { inlineErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...importsQueryKey, 'list'] }),
  });
}

export interface RunInput {
  /** Any import of the upload (the first dry run). */
  id: string;
  dryRun: boolean;
  mapping: ImportMapping;
  onExisting: OnExisting;
}

/** A new import of an upload already on the server: "Check again" (dry run) or the real run. */
export function useRunImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RunInput) =>
      api.post<{ id: string; status: ImportRun['status'] }>(`${importPath(id)}/run`, body),
    meta: { inlineErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...importsQueryKey, 'list'] }),
  });
}
