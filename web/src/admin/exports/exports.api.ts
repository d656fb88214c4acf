import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'vcf';
export const EXPORT_FORMATS: ExportFormat[] = ['csv', 'xlsx', 'vcf'];

/** An export as `GET /api/v1/exports/{id}` returns it. */
export interface GuestExport {
  id: string;
  format: ExportFormat;
  status: 'queued' | 'running' | 'done' | 'failed' | 'expired' | 'deleted';
  progress: { done: number; total: number | null };
  rows: number;
  masked: boolean;
  fileName: string | null;
  createdBy: { type: string; id: string | null; name: string | null };
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string;
}

export const exportsQueryKey = ['exports'] as const;

/** The file's URL: a plain GET with the session cookie, so the browser downloads it. */
export const exportFileUrl = (id: string) => `/api/v1/exports/${encodeURIComponent(id)}/file`;

export function useStartExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      format: ExportFormat;
      segmentId?: string;
      filters?: Record<string, unknown>;
      fields?: string[];
    }) => api.post<{ id: string; status: string }>('/exports', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: exportsQueryKey }),
  });
}

const running = (e: GuestExport | undefined) => e?.status === 'queued' || e?.status === 'running';

/** One export, polled every second while it runs. */
export function useExport(id: string | null) {
  return useQuery({
    queryKey: [...exportsQueryKey, 'one', id],
    queryFn: ({ signal }) => api.get<GuestExport>(`/exports/${encodeURIComponent(id ?? '')}`, signal),
    enabled: id !== null,
    refetchInterval: (query) => (running(query.state.data) || !query.state.data ? 1000 : false),
  });
}

/** Past exports, newest first (the first 100). */
export function useExports() {
  return useQuery({
    queryKey: [...exportsQueryKey, 'list'],
    queryFn: ({ signal }) => api.get<{ items: GuestExport[]; nextCursor: string | null }>('/exports?limit=100', signal),
    refetchInterval: (query) => (query.state.data?.items.some(running) ? 2000 : false),
  });
}
