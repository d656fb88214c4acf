import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { api } from '../../shared/api.ts';
import { describeError } from '../../shared/errors.ts';
import { guestsQueryKey } from '../guests/guests.api.ts';
import type { Guest } from '../guests/guest.types.ts';
import type { Merge } from './merges.api.ts';

/** The text for a failed merge request: our own words for the merge codes, else the shared ones. */
export function describeMergeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const key = `duplicates.errors.${typeof code === 'string' ? code : ''}`;
  return i18next.exists(key) ? i18next.t(key) : describeError(error);
}

/**
 * Undoes a merge outside any component (the "Undo" of the notification shown after a merge
 * lives in the notifications layer, where there is no query or router context).
 */
export async function undoMerge(queryClient: QueryClient, mergeId: string): Promise<{ merge: Merge; guests: Guest[] }> {
  const answer = await api.post<{ merge: Merge; guests: Guest[] }>(`/merges/${encodeURIComponent(mergeId)}/undo`);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: guestsQueryKey }),
    queryClient.invalidateQueries({ queryKey: ['merges'] }),
    queryClient.invalidateQueries({ queryKey: ['duplicates'] }),
  ]);
  return answer;
}

/** After an undo: how many profiles came back. */
export function notifyUndone(restored: number): void {
  notifications.show({
    color: 'teal',
    title: i18next.t('duplicates.undo.doneTitle'),
    message: i18next.t('duplicates.undo.done', { count: restored }),
  });
}
