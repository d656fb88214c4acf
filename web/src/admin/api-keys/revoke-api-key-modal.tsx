import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../shared/errors.ts';
import type { ApiKey } from '../../shared/types.ts';
import { useRevokeApiKey } from './api-keys.api.ts';

/** Asks before revoking: tools using the key stop working at once. */
export function RevokeApiKeyModal({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiKey();
  const confirm = () => {
    if (!apiKey) return;
    revoke.mutate(apiKey.id, {
      onSuccess: () => {
        notifySuccess(t('apiKeys.revoked', { name: apiKey.name }));
        onClose();
      },
    });
  };
  return (
    <Modal opened={apiKey !== null} onClose={onClose} title={t('apiKeys.revokeTitle')}>
      <Stack>
        <Text size="sm">{t('apiKeys.revokeConfirm', { name: apiKey?.name ?? '' })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button color="red" onClick={confirm} loading={revoke.isPending}>
            {t('apiKeys.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
