import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import { IconArrowBackUp } from '@tabler/icons-react';
import i18next from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Merge } from './merges.api.ts';
import { describeMergeError, notifyUndone, undoMerge } from './merge-undo.ts';

function MergeDoneMessage({ text, onUndo }: { text: string; onUndo: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Text size="sm">{text}</Text>
      <Button
        size="compact-sm"
        variant="light"
        leftSection={<IconArrowBackUp size={14} />}
        loading={busy}
        onClick={() => {
          setBusy(true);
          void onUndo().finally(() => setBusy(false));
        }}
        data-testid="merge-notice-undo"
      >
        {t('duplicates.undo.action')}
      </Button>
    </Group>
  );
}

/** "3 profiles merged into Jose Garcia — Undo": shown after a merge, for a while. */
export function showMergeDone(queryClient: QueryClient, merge: Merge, survivorName: string): void {
  const id = `merge-${merge.id}`;
  notifications.show({
    id,
    color: 'teal',
    title: i18next.t('duplicates.merge.doneTitle'),
    autoClose: 20_000,
    withCloseButton: true,
    message: (
      <MergeDoneMessage
        text={i18next.t('duplicates.merge.done', { count: merge.mergedIds.length + 1, name: survivorName })}
        onUndo={async () => {
          try {
            const answer = await undoMerge(queryClient, merge.id);
            notifications.hide(id);
            notifyUndone(Math.max(answer.guests.length - 1, 0));
          } catch (error) {
            notifications.show({ color: 'red', title: i18next.t('errors.title'), message: describeMergeError(error) });
          }
        }}
      />
    ),
    // data-testid for browser tests
    ...({ 'data-testid': 'merge-notice' } as object),
  });
}
