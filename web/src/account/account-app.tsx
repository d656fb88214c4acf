import {
  AppShell,
  Badge,
  Box,
  Button,
  Card,
  Container,
  Group,
  List,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCalendarEvent, IconKey, IconLock, IconUserEdit } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Brand } from '../shared/brand.tsx';
import { LanguageSwitcher } from '../shared/language-switcher.tsx';

/** The guests' own area of the booking site, served under /account (shell for now). */
export function AccountApp() {
  return (
    <BrowserRouter basename="/account">
      <Routes>
        <Route path="*" element={<AccountShell />} />
      </Routes>
    </BrowserRouter>
  );
}

function AccountShell() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('account.title')} · ${t('account.hotelName')}`);
  return (
    <AppShell header={{ height: 64 }} padding={0}>
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Brand label={t('account.hotelName')} caption={t('account.title')} />
            <LanguageSwitcher />
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Box className="auth-backdrop" style={{ minHeight: 'calc(100vh - 64px)' }}>
          <Container size="sm" py={56}>
            <Card shadow="md" p={32} data-testid="account-sign-in-card">
              <Stack gap="md">
                <Group justify="space-between" align="flex-start">
                  <ThemeIcon size={48} radius="xl" variant="light">
                    <IconLock size={24} />
                  </ThemeIcon>
                  <Badge variant="light" color="gray">
                    {t('comingSoon.badge')}
                  </Badge>
                </Group>
                <Title order={2}>{t('account.signInTitle')}</Title>
                <Text c="dimmed">{t('account.comingSoon')}</Text>
                <List spacing="sm" center>
                  <List.Item icon={<FeatureIcon icon={<IconCalendarEvent size={16} />} />}>
                    {t('account.features.bookings')}
                  </List.Item>
                  <List.Item icon={<FeatureIcon icon={<IconUserEdit size={16} />} />}>
                    {t('account.features.details')}
                  </List.Item>
                  <List.Item icon={<FeatureIcon icon={<IconKey size={16} />} />}>
                    {t('account.features.password')}
                  </List.Item>
                </List>
                <Button disabled fullWidth mt="sm">
                  {t('account.signIn')}
                </Button>
                <Text size="sm" c="dimmed" ta="center">
                  {t('account.help')}
                </Text>
              </Stack>
            </Card>
          </Container>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function FeatureIcon({ icon }: { icon: ReactNode }) {
  return (
    <ThemeIcon size={28} radius="xl" variant="light">
      {icon}
    </ThemeIcon>
  );
}
