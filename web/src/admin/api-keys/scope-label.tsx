import { Code, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A scope code (`guests:read`) with its translated meaning when one is known. */
export function ScopeLabel({ scope }: { scope: string }) {
  const { t, i18n } = useTranslation();
  const key = `scopes.${scope.replace(/[^a-z0-9]+/gi, '_')}`;
  return (
    <Group gap={6} wrap="nowrap">
      <Code>{scope}</Code>
      {i18n.exists(key) ? (
        <Text size="xs" c="dimmed">
          {t(key)}
        </Text>
      ) : null}
    </Group>
  );
}
