import { Alert, Button, Modal, Radio, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowMerge } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api.ts';
import { describeError, notifySuccess } from '../../shared/errors.ts';
import { useDateTime } from './thread-display.tsx';
import { threadsQueryKey, type Thread, type ThreadPage } from './threads.api.ts';

/** Threads to merge this one into: the same guest's, or any found by words. */
function useMergeCandidates(thread: Thread, q: string) {
  const params = new URLSearchParams({ limit: '20' });
  if (q) params.set('q', q);
  else if (thread.guestId) params.set('guestId', thread.guestId);
  return useQuery({
    queryKey: [...threadsQueryKey, 'merge-candidates', thread.id, params.toString()],
    queryFn: ({ signal }) => api.get<ThreadPage>(`/threads?${params.toString()}`, signal),
    enabled: Boolean(q || thread.guestId),
    select: (page) => page.items.filter((item) => item.id !== thread.id),
  });
}

/**
 * "Merge into…" (M-2): this thread's messages move into the chosen thread, which stays; e-mail
 * answers to this thread keep arriving there. Opens the surviving thread afterwards.
 */
export function MergeIntoButton({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [target, setTarget] = useState<string | null>(null);
  const candidates = useMergeCandidates(thread, q);
  const dateTime = useDateTime();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const merge = useMutation({
    mutationFn: (survivorId: string) =>
      api.post<Thread>(`/threads/${encodeURIComponent(survivorId)}/merge`, { otherThreadId: thread.id }),
    onSuccess: async (survivor) => {
      queryClient.setQueryData([...threadsQueryKey, 'one', survivor.id], survivor);
      await queryClient.invalidateQueries({ queryKey: threadsQueryKey });
      notifySuccess(t('threadJoin.done'));
      setOpened(false);
      void navigate(`/threads/${encodeURIComponent(survivor.id)}`);
    },
  });
  const close = () => {
    setOpened(false);
    merge.reset();
  };

  return (
    <>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconArrowMerge size={14} />}
        onClick={() => setOpened(true)}
        data-testid="thread-merge-open"
      >
        {t('threadJoin.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('threadJoin.title')} size="lg">
        <Stack data-testid="thread-merge-modal">
          <Text size="sm" c="dimmed">
            {t('threadJoin.explain')}
          </Text>
          <TextInput
            label={t('threadJoin.search')}
            placeholder={t('threadJoin.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="thread-merge-search"
          />
          <Text size="xs" c="dimmed">
            {q ? t('threadJoin.found') : t('threadJoin.sameGuest')}
          </Text>
          <ScrollArea.Autosize mah={280}>
            <Radio.Group value={target} onChange={setTarget}>
              <Stack gap="xs">
                {(candidates.data ?? []).map((c) => (
                  <Radio
                    key={c.id}
                    value={c.id}
                    label={c.subject}
                    description={`${c.contactName} · ${dateTime(c.lastActivityAt)}`}
                    data-testid="thread-merge-candidate"
                  />
                ))}
              </Stack>
            </Radio.Group>
            {candidates.data && candidates.data.length === 0 ? <Text size="sm">{t('threadJoin.none')}</Text> : null}
          </ScrollArea.Autosize>
          {merge.isError ? (
            <Alert color="red" title={t('errors.title')}>
              {describeError(merge.error)}
            </Alert>
          ) : null}
          <Button
            disabled={!target}
            loading={merge.isPending}
            onClick={() => target && merge.mutate(target)}
            data-testid="thread-merge-confirm"
          >
            {t('threadJoin.confirm')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
