import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { threadsQueryKey, useWaitingCount, type ThreadPage } from './threads.api.ts';

const waitingCountKey = [...threadsQueryKey, 'waiting-count'] as const;

/**
 * The number of threads waiting for a staff reply, live: the server pushes it over server-sent
 * events (`/threads/stream`) as messages arrive anywhere; each new count also refreshes the inbox
 * and the open thread. While the stream is down (EventSource retries by itself), the count is polled every minute.
 */
export function useLiveWaitingCount(enabled: boolean): number | undefined {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/threads/stream', { withCredentials: true });
    let first = true;
    source.addEventListener('count', (event: MessageEvent<string>) => {
      const { waitingForReply } = JSON.parse(event.data) as { waitingForReply: number };
      setLive(true);
      queryClient.setQueryData<ThreadPage>(waitingCountKey, (page) => ({
        items: page?.items ?? [],
        nextCursor: page?.nextCursor ?? null,
        total: waitingForReply,
      }));
      // A new count means a message arrived or was answered: the inbox and an open thread refresh.
      if (!first)
        void queryClient.invalidateQueries({
          queryKey: threadsQueryKey,
          predicate: (query) => query.queryKey[1] !== 'waiting-count',
        });
      first = false;
    });
    source.onerror = () => setLive(false);
    return () => {
      source.close();
      setLive(false);
    };
  }, [enabled, queryClient]);
  return useWaitingCount(enabled, live).data;
}
