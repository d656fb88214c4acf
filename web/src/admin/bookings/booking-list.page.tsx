import {
  Anchor,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarOff, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErasedCustomer } from './erased-customer.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { FlaggedBadge, StatusBadge, useCreatedBy, useDay, useMoney, useSourceLabel } from './booking-display.tsx';
import { bookingSources, bookingStatuses, filterKeys, type Booking, type BookingFilters } from './booking.types.ts';
import { useBookingList, useProperties } from './bookings.api.ts';
import { ChannelFilter } from './channel-filter.tsx';

const COLUMNS = 10;

/** B-2: every booking, newest check-in first, with filters kept in the URL. */
export function BookingListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    filterKeys.map((key) => [key, params.get(key) ?? '']),
  ) as unknown as BookingFilters;
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const list = useBookingList(filters);
  const properties = useProperties();

  const setFilter = (key: keyof BookingFilters, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  useEffect(() => {
    if (debounced !== (params.get('q') ?? '')) setFilter('q', debounced);
    // Only the debounced text drives the URL.
  }, [debounced]);

  if (!hasPermission(user, 'bookings:read')) return <ForbiddenState />;
  const bookings = list.data?.pages.flatMap((page) => page.items);
  const anyFilter = filterKeys.some((key) => filters[key]);

  return (
    <>
      <PageHeader
        title={t('bookings.list.title')}
        description={t('bookings.list.description')}
        actions={
          hasPermission(user, 'bookings:write') ? (
            <Button
              component={Link}
              to="/bookings/new"
              leftSection={<IconPlus size={16} />}
              data-testid="booking-create"
            >
              {t('bookings.list.create')}
            </Button>
          ) : null
        }
      />
      <Card mb="md" p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <TextInput
            label={t('bookings.filters.reference')}
            placeholder={t('bookings.filters.referencePlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            data-testid="booking-search"
          />
          <Select
            label={t('bookings.filters.status')}
            placeholder={t('bookings.filters.any')}
            clearable
            data={bookingStatuses.map((status) => ({ value: status, label: t(`bookings.status.${status}`) }))}
            value={filters.status || null}
            onChange={(value) => setFilter('status', value)}
            data-testid="filter-status"
          />
          <Select
            label={t('bookings.filters.property')}
            placeholder={t('bookings.filters.any')}
            clearable
            data={(properties.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={filters.propertyId || null}
            onChange={(value) => setFilter('propertyId', value)}
            data-testid="filter-property"
          />
          <Select
            label={t('bookings.filters.source')}
            placeholder={t('bookings.filters.any')}
            clearable
            data={bookingSources.map((source) => ({ value: source, label: t(`bookings.source.${source}`) }))}
            value={filters.source || null}
            onChange={(value) => setFilter('source', value)}
            data-testid="filter-source"
          />
          <ChannelFilter value={filters.channel} onChange={(value) => setFilter('channel', value)} />
          <TextInput
            type="date"
            label={t('bookings.filters.checkInFrom')}
            value={filters.checkInFrom}
            onChange={(event) => setFilter('checkInFrom', event.currentTarget.value)}
            data-testid="filter-check-in-from"
          />
          <TextInput
            type="date"
            label={t('bookings.filters.checkInTo')}
            value={filters.checkInTo}
            onChange={(event) => setFilter('checkInTo', event.currentTarget.value)}
            data-testid="filter-check-in-to"
          />
          <Select
            label={t('bookings.filters.flagged')}
            placeholder={t('bookings.filters.any')}
            clearable
            data={[
              { value: 'true', label: t('bookings.filters.flaggedOnly') },
              { value: 'false', label: t('bookings.filters.notFlagged') },
            ]}
            value={filters.flagged || null}
            onChange={(value) => setFilter('flagged', value)}
            data-testid="filter-flagged"
          />
          <Group align="flex-end">
            <Button
              variant="subtle"
              disabled={!anyFilter}
              onClick={() => {
                setSearch('');
                setParams({}, { replace: true });
              }}
              data-testid="filter-clear"
            >
              {t('bookings.filters.clear')}
            </Button>
          </Group>
        </SimpleGrid>
      </Card>
      <Card p={0}>
        <BookingTable bookings={bookings} filtered={anyFilter} />
      </Card>
      {list.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
            data-testid="booking-load-more"
          >
            {t('bookings.list.loadMore')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}

function BookingTable({ bookings, filtered }: { bookings: Booking[] | undefined; filtered: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const money = useMoney();
  const day = useDay();
  const createdBy = useCreatedBy();
  const sourceLabel = useSourceLabel();

  if (bookings && bookings.length === 0) {
    return (
      <Stack align="center" gap="xs" py="xl" data-testid="booking-empty">
        <ThemeIcon size={48} radius="xl" variant="light" color="gray">
          <IconCalendarOff size={26} />
        </ThemeIcon>
        <Text fw={600}>{t(filtered ? 'bookings.list.emptyFiltered' : 'bookings.list.empty')}</Text>
        <Text size="sm" c="dimmed">
          {t(filtered ? 'bookings.list.emptyFilteredHint' : 'bookings.list.emptyHint')}
        </Text>
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table
        verticalSpacing="sm"
        horizontalSpacing="md"
        highlightOnHover
        style={{ whiteSpace: 'nowrap' }}
        data-testid="booking-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('bookings.fields.reference')}</Table.Th>
            <Table.Th>{t('bookings.fields.customer')}</Table.Th>
            <Table.Th>{t('bookings.fields.stay')}</Table.Th>
            <Table.Th ta="right">{t('bookings.fields.nights')}</Table.Th>
            <Table.Th>{t('bookings.fields.roomType')}</Table.Th>
            <Table.Th>{t('bookings.fields.status')}</Table.Th>
            <Table.Th ta="right">{t('bookings.fields.total')}</Table.Th>
            <Table.Th>{t('bookings.fields.source')}</Table.Th>
            <Table.Th>{t('bookingChannel.column')}</Table.Th>
            <Table.Th>{t('bookings.fields.createdBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {bookings
            ? bookings.map((booking) => (
                <Table.Tr
                  key={booking.id}
                  data-testid="booking-row"
                  data-flagged={booking.blockedGuest ? 'true' : undefined}
                  bg={booking.blockedGuest ? 'var(--mantine-color-red-light)' : undefined}
                  style={{ cursor: 'pointer' }}
                  onClick={(event) => {
                    if ((event.target as HTMLElement).closest('a,button')) return;
                    void navigate(`/bookings/${booking.id}`);
                  }}
                >
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Anchor
                        component={Link}
                        to={`/bookings/${booking.id}`}
                        ff="monospace"
                        size="sm"
                        fw={600}
                        data-testid="booking-reference"
                      >
                        {booking.reference}
                      </Anchor>
                      {booking.blockedGuest ? <FlaggedBadge /> : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {booking.customerId ? (
                      <Anchor
                        component={Link}
                        to={`/guests/${booking.customerId}`}
                        size="sm"
                        c="inherit"
                        data-testid="booking-customer"
                      >
                        {booking.customerName || t('bookings.unnamed')}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed" component="div" data-testid="booking-customer">
                        <ErasedCustomer />
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {day(booking.checkIn)} → {day(booking.checkOut)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{booking.nights}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{booking.roomTypeName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={booking.status} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {money(booking.total, booking.currency)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{sourceLabel(booking.source)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="booking-channel">
                      {booking.channel ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {createdBy(booking)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))
            : Array.from({ length: 8 }, (_, row) => (
                <Table.Tr key={row}>
                  <Table.Td colSpan={COLUMNS}>
                    <Skeleton h={26} />
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
