import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  ThemeIcon,
} from '@mantine/core';
import { IconBan, IconCalendarOff, IconCalendarPlus, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError, fieldErrorsOf, notifyError, notifySuccess } from '../../shared/errors.ts';
import type { Guest } from '../guests/guest.types.ts';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { FlaggedBadge, StatusBadge, useDay, useMoney } from './booking-display.tsx';
import { useGuestBlock, useGuestBookings } from './bookings.api.ts';

/** The guest profile's Bookings tab: their most recent bookings, as customer or stay guest. */
export function GuestBookingsTab({ guestId }: { guestId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const bookings = useGuestBookings(guestId);
  const money = useMoney();
  const day = useDay();

  if (!hasPermission(user, 'bookings:read')) {
    return <Alert color="gray">{t('bookings.guest.noPermission')}</Alert>;
  }
  if (bookings.isError) {
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(bookings.error)}
      </Alert>
    );
  }
  const items = bookings.data?.items;
  return (
    <Card p={0} data-testid="guest-bookings">
      {items && items.length === 0 ? (
        <Stack align="center" gap="xs" py="xl">
          <ThemeIcon size={48} radius="xl" variant="light" color="gray">
            <IconCalendarOff size={26} />
          </ThemeIcon>
          <Text fw={600}>{t('bookings.guest.empty')}</Text>
          {hasPermission(user, 'bookings:write') ? (
            <Button
              variant="light"
              component={Link}
              to={`/bookings/new?guestId=${encodeURIComponent(guestId)}`}
              leftSection={<IconCalendarPlus size={16} />}
            >
              {t('bookings.guest.newBooking')}
            </Button>
          ) : null}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bookings.fields.reference')}</Table.Th>
                <Table.Th>{t('bookings.fields.stay')}</Table.Th>
                <Table.Th>{t('bookings.fields.roomType')}</Table.Th>
                <Table.Th>{t('bookings.fields.role')}</Table.Th>
                <Table.Th>{t('bookings.fields.status')}</Table.Th>
                <Table.Th ta="right">{t('bookings.fields.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items
                ? items.map((booking) => (
                    <Table.Tr
                      key={booking.id}
                      data-testid="guest-booking-row"
                      bg={booking.blockedGuest ? 'var(--mantine-color-red-light)' : undefined}
                    >
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Anchor
                            component={Link}
                            to={`/bookings/${booking.id}`}
                            ff="monospace"
                            size="sm"
                            fw={600}
                            data-testid="guest-booking-reference"
                          >
                            {booking.reference}
                          </Anchor>
                          {booking.blockedGuest ? <FlaggedBadge /> : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {day(booking.checkIn)} → {day(booking.checkOut)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t('bookings.guest.nights', { count: booking.nights })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{booking.roomTypeName}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {t(
                            booking.customerId === guestId ? 'bookings.guest.roleCustomer' : 'bookings.guest.roleStay',
                          )}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={booking.status} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {money(booking.total, booking.currency)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))
                : Array.from({ length: 3 }, (_, row) => (
                    <Table.Tr key={row}>
                      <Table.Td colSpan={6}>
                        <Skeleton h={26} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

/** The guest profile's header actions: a new booking for this guest, and block / unblock (G-11). */
export function GuestBookingActions({ guest }: { guest: Guest }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [blocking, setBlocking] = useState(false);
  const block = useGuestBlock(guest.id);
  const canBook = hasPermission(user, 'bookings:write');
  const canBlock = hasPermission(user, 'guests:write');

  return (
    <Group gap="xs" ml="auto" mr="xs" wrap="nowrap">
      {canBook ? (
        <Button
          variant="light"
          component={Link}
          to={`/bookings/new?guestId=${encodeURIComponent(guest.id)}`}
          leftSection={<IconCalendarPlus size={16} />}
          data-testid="guest-new-booking"
        >
          {t('bookings.guest.newBooking')}
        </Button>
      ) : null}
      {canBlock ? (
        guest.blocked ? (
          <Button
            variant="default"
            leftSection={<IconLockOpen size={16} />}
            loading={block.isPending}
            onClick={() =>
              block.mutate(null, {
                onSuccess: () => notifySuccess(t('bookings.block.unblocked')),
                onError: (error) => notifyError(error),
              })
            }
            data-testid="guest-unblock"
          >
            {t('bookings.block.unblock')}
          </Button>
        ) : (
          <Button
            variant="light"
            color="red"
            leftSection={<IconBan size={16} />}
            onClick={() => setBlocking(true)}
            data-testid="guest-block"
          >
            {t('bookings.block.block')}
          </Button>
        )
      ) : null}
      <BlockGuestModal guest={guest} opened={blocking} onClose={() => setBlocking(false)} />
    </Group>
  );
}

function BlockGuestModal({ guest, opened, onClose }: { guest: Guest; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const block = useGuestBlock(guest.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('bookings.block.title')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason.trim()) {
            setError(t('bookings.block.reasonRequired'));
            return;
          }
          block.mutate(reason.trim(), {
            onSuccess: () => {
              notifySuccess(t('bookings.block.blocked'));
              close();
            },
            onError: (failure) => setError(fieldErrorsOf(failure).reason ?? describeError(failure)),
          });
        }}
      >
        <Stack>
          <Text size="sm">{t('bookings.block.explain')}</Text>
          <Textarea
            label={t('bookings.block.reason')}
            name="blockReason"
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            data-autofocus
            data-testid="block-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={block.isPending} data-testid="block-confirm">
              {t('bookings.block.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export { IconCalendarEvent as BookingsTabIcon } from '@tabler/icons-react';
