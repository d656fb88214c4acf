import { Box, Container, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../../shared/brand.tsx';
import { LanguageSwitcher } from '../../shared/language-switcher.tsx';

/** Centered card on a soft backdrop, for signing in and the first-run form. */
export function AuthLayout({ children, width = 440 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Box className="auth-backdrop">
      <Group justify="space-between" px="lg" py="md">
        <Brand label={t('app.name')} caption={t('app.tagline')} />
        <LanguageSwitcher />
      </Group>
      <Container size={width} py={48}>
        <Paper withBorder shadow="md" p={32}>
          {children}
        </Paper>
        <Text ta="center" size="xs" c="dimmed" mt="lg">
          {t('app.footer')}
        </Text>
      </Container>
    </Box>
  );
}
