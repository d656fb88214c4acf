import { Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconCalendarEvent, IconChevronRight, IconKey, IconUserEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../shared/page-header.tsx';
import { useCustomer, useCustomerBookings } from '../account.api.ts';
import { isUpcoming, statusColor, useAccountFormat } from './account-format.ts';

const LINKS = [
  { to: '/bookings', key: 'bookings', icon: IconCalendarEvent, color: 'teal' },
  { to: '/details', key: 'details', icon: IconUserEdit, color: 'cyan' },
  { to: '/password', key: 'password', icon: IconKey, color: 'grape' },
] as const;

/** the welcome dashboard with the next stay and quick links. */
export function DashboardPage() {
  const { t } = useTranslation();
  const customer = useCustomer().data;
  const bookings = useCustomerBookings();
  const format = useAccountFormat();
  const next = bookings.data?.items.filter(isUpcoming).sort((a, b) => a.checkIn.localeCompare(b.checkIn))[0];

  return (
    <Stack gap="lg" data-testid="account-dashboard">
      <PageHeader
        title={t('accountArea.dashboard.welcome', { name: customer?.firstName || customer?.username || '' })}
        description={t('accountArea.dashboard.subtitle')}
      />
      <Card withBorder radius="lg" p="lg" data-testid="next-stay">
        <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb={6}>
          {t('accountArea.dashboard.nextStay')}
        </Text>
        {bookings.isPending ? (
          <Skeleton h={48} />
        ) : next ? (
          <UnstyledButton component={Link} to={`/bookings/${next.id}`} w="100%">
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Title order={4}>
                  {format.longStayDate(next.checkIn)} → {format.longStayDate(next.checkOut)}
                </Title>
                <Text size="sm" c="dimmed">
                  {next.propertyName} · {next.roomTypeName} · {t('accountArea.bookings.nights', { count: next.nights })}
                </Text>
              </div>
              <Group gap="xs" wrap="nowrap">
                <Badge color={statusColor[next.status] ?? 'gray'} variant="light">
                  {t(`accountArea.status.${next.status}`, { defaultValue: next.status })}
                </Badge>
                <IconChevronRight size={18} />
              </Group>
            </Group>
          </UnstyledButton>
        ) : (
          <Text c="dimmed">{t('accountArea.dashboard.noUpcoming')}</Text>
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {LINKS.map((l) => (
          <Card
            key={l.key}
            component={Link}
            to={l.to}
            withBorder
            radius="lg"
            p="lg"
            style={{ textDecoration: 'none', color: 'inherit' }}
            data-testid={`quick-link-${l.key}`}
          >
            <Stack gap="sm">
              <ThemeIcon size={42} radius="md" variant="light" color={l.color}>
                <l.icon size={22} />
              </ThemeIcon>
              <Text fw={600}>{t(`accountArea.nav.${l.key}`)}</Text>
              <Text size="sm" c="dimmed">
                {t(`accountArea.dashboard.links.${l.key}`)}
              </Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
