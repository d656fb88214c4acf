import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconShoppingCartOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { useCartKpis, useCarts, useLiveCarts, type CartStatus } from './carts.api.ts';

const statusColor: Record<CartStatus, string> = { active: 'teal', abandoned: 'orange', converted: 'blue' };
const COLUMNS = 6;

/** B-3: the booking site's carts, live, with their KPIs. */
export function CartsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [status, setStatus] = useState<CartStatus | 'all'>('all');
  const live = useLiveCarts();
  const list = useCarts(status === 'all' ? null : status);
  const kpis = useCartKpis(30);
  const format = useFormat();
  if (!hasPermission(user, 'bookings:read')) return <ForbiddenState />;
  const money = (value: number, currency: string | null) =>
    currency ? new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value) : format.number(value);
  const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10} %`);
  const carts = list.data?.pages.flatMap((p) => p.items);

  return (
    <>
      <PageHeader
        title={t('nav.carts')}
        description={t('sections.carts')}
        actions={
          <Badge
            color={live ? 'teal' : 'gray'}
            variant={live ? 'dot' : 'light'}
            size="lg"
            data-testid="carts-live"
            data-live={live}
          >
            {live ? t('carts.live') : t('carts.offline')}
          </Badge>
        }
      />
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="lg">
        <Kpi
          label={t('carts.kpi.cartsNow')}
          value={kpis.data ? format.number(kpis.data.cartsNow) : null}
          testId="kpi-carts-now"
        />
        <Kpi
          label={t('carts.kpi.abandonmentRate')}
          value={kpis.data ? percent(kpis.data.abandonmentRate) : null}
          testId="kpi-abandonment"
        />
        <Kpi
          label={t('carts.kpi.conversionRate')}
          value={kpis.data ? percent(kpis.data.conversionRate) : null}
          testId="kpi-conversion"
        />
        <Kpi
          label={t('carts.kpi.averageValue')}
          value={
            kpis.data
              ? kpis.data.averageCartValue === null
                ? '—'
                : money(kpis.data.averageCartValue, kpis.data.currency)
              : null
          }
          testId="kpi-average"
        />
      </SimpleGrid>
      {kpis.data ? (
        <Text size="xs" c="dimmed" mb="sm">
          {t('carts.kpi.note', { days: kpis.data.windowDays, minutes: kpis.data.abandonAfterMinutes })}
        </Text>
      ) : null}
      <Group mb="md">
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v)}
          data={[
            { value: 'all', label: t('carts.filter.all') },
            { value: 'active', label: t('carts.status.active') },
            { value: 'abandoned', label: t('carts.status.abandoned') },
            { value: 'converted', label: t('carts.status.converted') },
          ]}
          data-testid="carts-status-filter"
        />
      </Group>
      <Card withBorder p={0}>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="carts-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('carts.column.who')}</Table.Th>
                <Table.Th>{t('carts.column.items')}</Table.Th>
                <Table.Th ta="right">{t('carts.column.value')}</Table.Th>
                <Table.Th>{t('carts.column.lastActivity')}</Table.Th>
                <Table.Th>{t('carts.column.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.isLoading ? (
                [0, 1, 2].map((i) => (
                  <Table.Tr key={i}>
                    <Table.Td colSpan={COLUMNS}>
                      <Skeleton h={20} />
                    </Table.Td>
                  </Table.Tr>
                ))
              ) : !carts || carts.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS}>
                    <Stack align="center" py="xl" gap="xs" data-testid="carts-empty">
                      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
                        <IconShoppingCartOff size={26} />
                      </ThemeIcon>
                      <Text fw={600}>{t('carts.empty.title')}</Text>
                      <Text size="sm" c="dimmed">
                        {t('carts.empty.text')}
                      </Text>
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ) : (
                carts.map((cart) => (
                  <Table.Tr key={cart.id} data-testid="cart-row" data-cart-id={cart.id} data-status={cart.status}>
                    <Table.Td>
                      {cart.customer ? (
                        <Anchor component={Link} to={`/guests/${cart.customer.guestId}`} fw={500}>
                          {cart.customer.name || t('carts.unnamed')}
                        </Anchor>
                      ) : (
                        <Text c="dimmed">{t('carts.visitor')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {cart.items.map((item) => (
                          <Text key={item.id} size="sm">
                            {item.roomTypeName} · {format.date(`${item.checkIn}T12:00:00Z`)} →{' '}
                            {format.date(`${item.checkOut}T12:00:00Z`)}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {money(cart.value, cart.currency)}
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={format.dateTime(cart.lastActivityAt)}>
                        <Text size="sm">{format.relative(cart.lastActivityAt)}</Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[cart.status]} variant="light">
                        {t(`carts.status.${cart.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {cart.refused ? (
                        <Tooltip label={t('carts.refusedHelp')}>
                          <Badge
                            color="red"
                            leftSection={<IconAlertTriangle size={12} />}
                            component={Link}
                            to={cart.refused.guestId ? `/guests/${cart.refused.guestId}` : '/carts'}
                            style={{ cursor: 'pointer' }}
                            data-testid="cart-refused"
                          >
                            {t('carts.refused')}
                          </Badge>
                        </Tooltip>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {list.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button variant="light" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('carts.loadMore')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}

function Kpi({ label, value, testId }: { label: string; value: string | null; testId: string }) {
  return (
    <Card withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {value === null ? (
        <Skeleton h={28} mt={6} />
      ) : (
        <Text size="xl" fw={700} mt={4} data-testid={testId}>
          {value}
        </Text>
      )}
    </Card>
  );
}
