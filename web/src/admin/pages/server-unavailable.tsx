import { Button, Center, EmptyState } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Shown when the API cannot be reached at all (not a sign-in problem). */
export function ServerUnavailable({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center h="100vh" p="lg">
      <EmptyState
        icon={<IconPlugConnectedX size={28} />}
        variant="light"
        color="red"
        title={t('serverUnavailable.title')}
        description={t('serverUnavailable.description')}
      >
        <EmptyState.Actions>
          <Button onClick={onRetry}>{t('actions.retry')}</Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
