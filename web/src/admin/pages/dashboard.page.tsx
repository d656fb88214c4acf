import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconArrowRight, IconCalendarTime, IconId, IconShieldCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { mainNavigation, settingsNavigation } from '../layout/navigation.ts';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';

function greetingKey(hour: number): string {
  if (hour < 12) return 'dashboard.greeting.morning';
  if (hour < 18) return 'dashboard.greeting.afternoon';
  return 'dashboard.greeting.evening';
}

function Fact({ icon, label, value }: { icon: ReactNode; label: string; value: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon variant="light" size={34}>
        {icon}
      </ThemeIcon>
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text fw={500}>{value}</Text>
      </div>
    </Group>
  );
}

/** Start page: who is signed in, into which organisation, and the way to each section. */
export function DashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const format = useFormat();
  const firstName = user.name.trim().split(/\s+/)[0] ?? user.name;
  const sections = [
    ...mainNavigation.filter((item) => item.key !== 'dashboard'),
    ...settingsNavigation.filter(
      (item) => !item.comingSoon && (!item.permissions || hasPermission(user, ...item.permissions)),
    ),
  ];

  return (
    <Stack gap="lg" data-testid="dashboard">
      <PageHeader
        title={t(greetingKey(new Date().getHours()), { name: firstName })}
        description={t('dashboard.subtitle', { organisation: user.organisation.name })}
      />
      <Card>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          <Fact icon={<IconId size={18} />} label={t('dashboard.facts.role')} value={t(`roles.${user.role}`)} />
          <Fact
            icon={<IconCalendarTime size={18} />}
            label={t('dashboard.facts.lastSignIn')}
            value={user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('dashboard.facts.firstSignIn')}
          />
          <Fact
            icon={<IconShieldCheck size={18} />}
            label={t('dashboard.facts.memberSince')}
            value={format.date(user.createdAt)}
          />
        </SimpleGrid>
      </Card>
      <Title order={4}>{t('dashboard.sections')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {sections.map((item) => (
          <UnstyledButton key={item.key} component={Link} to={item.path} data-testid={`dashboard-link-${item.key}`}>
            <Card h="100%">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <ThemeIcon variant="light" size={40} radius="md">
                  <item.icon size={22} stroke={1.6} />
                </ThemeIcon>
                {item.comingSoon ? (
                  <Badge variant="light" color="gray">
                    {t('comingSoon.badge')}
                  </Badge>
                ) : (
                  <IconArrowRight size={18} color="var(--mantine-color-dimmed)" />
                )}
              </Group>
              <Text fw={600} mt="md">
                {t(`nav.${item.key}`)}
              </Text>
              <Text size="sm" c="dimmed" mt={4}>
                {t(`sections.${item.key}`)}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
