import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  EmptyState,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconCalendarOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { useCustomerBooking, useCustomerBookings, type CustomerBooking } from '../account.api.ts';
import { isUpcoming, statusColor, useAccountFormat } from './account-format.ts';

function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status] ?? 'gray'} variant="light">
      {t(`accountArea.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** every booking the customer made, upcoming first. */
export function BookingsPage() {
  const { t } = useTranslation();
  const bookings = useCustomerBookings();
  const format = useAccountFormat();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'upcoming' | 'all'>('all');

  const items = (bookings.data?.items ?? []).filter((b) => filter === 'all' || isUpcoming(b));
  return (
    <>
      <PageHeader
        title={t('accountArea.nav.bookings')}
        description={t('accountArea.bookings.subtitle')}
        actions={
          <SegmentedControl
            value={filter}
            onChange={(v) => setFilter(v)}
            data={[
              { value: 'all', label: t('accountArea.bookings.all') },
              { value: 'upcoming', label: t('accountArea.bookings.upcoming') },
            ]}
          />
        }
      />
      {bookings.isError ? (
        <Alert color="red" title={t('errors.title')}>
          {describeError(bookings.error)}
        </Alert>
      ) : bookings.isPending ? (
        <Stack>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={52} radius="md" />
          ))}
        </Stack>
      ) : items.length === 0 ? (
        <Card withBorder radius="lg" py={48} data-testid="bookings-empty">
          <EmptyState
            icon={<IconCalendarOff size={28} />}
            variant="light"
            title={t('accountArea.bookings.emptyTitle')}
            description={t('accountArea.bookings.emptyDescription')}
          />
        </Card>
      ) : (
        <Card withBorder radius="lg" p={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accountArea.bookings.reference')}</Table.Th>
                  <Table.Th>{t('accountArea.bookings.dates')}</Table.Th>
                  <Table.Th>{t('accountArea.bookings.room')}</Table.Th>
                  <Table.Th ta="right">{t('accountArea.bookings.total')}</Table.Th>
                  <Table.Th>{t('accountArea.bookings.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((b) => (
                  <Table.Tr
                    key={b.id}
                    style={{ cursor: 'pointer' }}
                    onClick={() => void navigate(`/bookings/${b.id}`)}
                    data-testid="account-booking-row"
                  >
                    <Table.Td>
                      <Anchor component={Link} to={`/bookings/${b.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
                        {b.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {format.stayDate(b.checkIn)} – {format.stayDate(b.checkOut)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('accountArea.bookings.nights', { count: b.nights })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{b.roomTypeName}</Text>
                      <Text size="xs" c="dimmed">
                        {b.propertyName}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{format.money(b.total, b.currency)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={b.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}

/** One of the customer's bookings. */
export function BookingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const booking = useCustomerBooking(id);
  const back = (
    <Button component={Link} to="/bookings" variant="subtle" leftSection={<IconArrowLeft size={16} />} px={0} mb="sm">
      {t('accountArea.bookings.back')}
    </Button>
  );
  if (booking.isError) {
    return (
      <>
        {back}
        <Alert
          color={isApiError(booking.error) && booking.error.status === 404 ? 'gray' : 'red'}
          data-testid="booking-not-found"
        >
          {isApiError(booking.error) && booking.error.status === 404
            ? t('accountArea.bookings.notFound')
            : describeError(booking.error)}
        </Alert>
      </>
    );
  }
  if (booking.isPending) return <Skeleton h={240} radius="lg" />;
  return (
    <>
      {back}
      <BookingDetail b={booking.data} />
    </>
  );
}

function BookingDetail({ b }: { b: CustomerBooking }) {
  const { t } = useTranslation();
  const format = useAccountFormat();
  const people = [
    t('accountArea.bookings.adults', { count: b.adults }),
    b.children ? t('accountArea.bookings.children', { count: b.children }) : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Card withBorder radius="lg" p="xl" data-testid="account-booking-detail">
      <Group justify="space-between" align="flex-start" mb="md">
        <div>
          <Text size="sm" c="dimmed">
            {t('accountArea.bookings.reference')}
          </Text>
          <Title order={2} data-testid="booking-reference">
            {b.reference}
          </Title>
        </div>
        <StatusBadge status={b.status} />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Fact label={t('accountArea.bookings.checkIn')} value={format.longStayDate(b.checkIn)} />
        <Fact label={t('accountArea.bookings.checkOut')} value={format.longStayDate(b.checkOut)} />
        <Fact label={t('accountArea.bookings.hotel')} value={b.propertyName} />
        <Fact
          label={t('accountArea.bookings.room')}
          value={`${b.roomTypeName} · ${t('accountArea.bookings.nights', { count: b.nights })}`}
        />
        <Fact label={t('accountArea.bookings.party')} value={people} />
        <Fact label={t('accountArea.bookings.total')} value={format.money(b.total, b.currency)} />
      </SimpleGrid>
      {b.guests.length ? (
        <>
          <Divider my="lg" />
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} mb={6}>
            {t('accountArea.bookings.guests')}
          </Text>
          <Stack gap={4}>
            {b.guests.map((g, i) => (
              <Group key={i} gap="xs">
                <Text>{g.name}</Text>
                {g.role === 'customer' ? (
                  <Badge size="xs" variant="outline" color="gray">
                    {t('accountArea.bookings.bookedBy')}
                  </Badge>
                ) : null}
              </Group>
            ))}
          </Stack>
        </>
      ) : null}
    </Card>
  );
}
