import { Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A booking whose customer was erased: `*****` where the name, e-mail and phone were. */
export function ErasedCustomer({ withContact = false }: { withContact?: boolean }) {
  const { t } = useTranslation();
  const value = t('privacyFlows.erased.value');
  return (
    <Tooltip label={t('privacyFlows.erased.hint')} multiline w={260}>
      <Stack gap={0} data-testid="erased-customer">
        <Group gap={4} wrap="nowrap">
          <IconShieldX size={14} color="var(--mantine-color-dimmed)" />
          <Text c="dimmed" size="sm" span>
            {value}
          </Text>
        </Group>
        {withContact ? (
          <Text c="dimmed" size="xs">
            {t('privacyFlows.erased.email')}: {value} · {t('privacyFlows.erased.phone')}: {value}
          </Text>
        ) : null}
      </Stack>
    </Tooltip>
  );
}
