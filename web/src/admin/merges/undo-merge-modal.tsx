import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeMergeError, notifyUndone } from './merge-undo.ts';
import { useUndoMerge, type Merge } from './merges.api.ts';

/** Confirms and undoes a merge: the merged profiles come back with what was theirs. */
export function UndoMergeModal({
  merge,
  survivorName,
  onClose,
}: {
  merge: Merge | null;
  survivorName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const undo = useUndoMerge();
  return (
    <Modal
      opened={merge !== null}
      onClose={() => {
        undo.reset();
        onClose();
      }}
      title={t('duplicates.undo.title')}
    >
      {merge ? (
        <Stack data-testid="undo-merge-modal">
          <Text size="sm">{t('duplicates.undo.confirm', { count: merge.mergedIds.length })}</Text>
          <List size="sm" spacing={2}>
            {merge.mergedNames.map((name, index) => (
              <List.Item key={`${name}-${index}`} fw={600}>
                {name}
              </List.Item>
            ))}
          </List>
          <Text size="sm" c="dimmed">
            {t('duplicates.undo.afterwards', { name: survivorName })}
          </Text>
          {undo.isError ? (
            <Alert color="red" title={t('errors.title')}>
              {describeMergeError(undo.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button
              color="orange"
              leftSection={<IconArrowBackUp size={16} />}
              loading={undo.isPending}
              onClick={() =>
                undo.mutate(merge.id, {
                  onSuccess: (answer) => {
                    notifyUndone(Math.max(answer.guests.length - 1, 0));
                    onClose();
                  },
                })
              }
              data-testid="undo-merge-confirm"
            >
              {t('duplicates.undo.action')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
