import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiKey } from '../../shared/types.ts';

/** Shows a new key's secret, the only time it is ever visible. */
export function ApiKeySecretModal({ apiKey, onClose }: { apiKey: CreatedApiKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={apiKey !== null}
      onClose={onClose}
      title={t('apiKeys.secretTitle')}
      size="lg"
      closeOnClickOutside={false}
      closeOnEscape={false}
    >
      {apiKey ? (
        <Stack>
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('apiKeys.secretWarningTitle')}>
            {t('apiKeys.secretWarning')}
          </Alert>
          <Text size="sm">{t('apiKeys.secretFor', { name: apiKey.name })}</Text>
          <Code block data-testid="api-key-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {apiKey.secret}
          </Code>
          <Group justify="space-between">
            <CopyButton value={apiKey.secret}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? t('actions.copied') : t('actions.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('apiKeys.secretDone')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
