import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';

/** Subject access and the audit log (issue 12 points 3 and 7): API calls of the admin. */

export interface AuditEntry {
  id: string;
  createdAt: string;
  action: string;
  actor: { type: string; id: string | null; name: string | null };
  entity: { type: string; id: string | null };
  data: Record<string, unknown>;
  requestId: string | null;
}

export interface AuditFilters {
  actorType: string | null;
  actorId: string | null;
  action: string | null;
  entityType: string | null;
  entityId: string;
  from: string;
  to: string;
}

export const ACTOR_TYPES = ['staff', 'api_key', 'customer', 'system'] as const;

/** The audit log, newest first, page after page (keyset cursor). */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit-log', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '50' });
      if (filters.actorType) params.set('actorType', filters.actorType);
      if (filters.actorId) params.set('actorId', filters.actorId);
      if (filters.action) params.set('action', filters.action);
      if (filters.entityType) params.set('entityType', filters.entityType);
      if (filters.entityId.trim()) params.set('entityId', filters.entityId.trim());
      if (filters.from) params.set('from', filters.from);
      if (filters.to) params.set('to', filters.to);
      if (pageParam) params.set('cursor', pageParam);
      return api.get<{ items: AuditEntry[]; nextCursor: string | null }>(`/audit-log?${params.toString()}`, signal);
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Saves a JSON value as a file through the browser's download. */
export function saveJson(value: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `personal-data-gst_…-2026-12-07.json`: who and when, never a name (the file may travel). */
export const personalDataFileName = (id: string, at = new Date()) =>
  `personal-data-${id}-${at.toISOString().slice(0, 10)}.json`;

/** Fetches a guest's subject-access document and downloads it (the server records the export). */
export async function downloadGuestPersonalData(guestId: string): Promise<void> {
  const doc = await api.get<unknown>(`/guests/${encodeURIComponent(guestId)}/personal-data`);
  saveJson(doc, personalDataFileName(guestId));
}
