import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBan, IconUserShare, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError, notifySuccess } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState, NotFoundPage } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import {
  bookingFieldErrors,
  describeBookingError,
  FlaggedBadge,
  StatusBadge,
  useCreatedBy,
  useDay,
  useMoney,
  useSourceLabel,
} from './booking-display.tsx';
import { bookingStatuses, type Booking } from './booking.types.ts';
import { ErasedCustomer } from './erased-customer.tsx';
import { ReplaceGuestModal } from './replace-guest-modal.tsx';
import { BookingCompany } from '../companies/attach-booking.tsx';
import { useBooking, useCancelBooking, useProperties, useRoomTypes, useUpdateBooking } from './bookings.api.ts';

/** One booking: every field, its guests, and editing or cancelling it (B-2). */
export function BookingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const booking = useBooking(id);

  if (!hasPermission(user, 'bookings:read')) return <ForbiddenState />;
  if (booking.isError) {
    if (isApiError(booking.error) && booking.error.status === 404) return <NotFoundPage />;
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(booking.error)}
      </Alert>
    );
  }
  return (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/bookings">
          {t('nav.bookings')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {booking.data?.reference ?? '…'}
        </Text>
      </Breadcrumbs>
      {booking.data ? (
        <BookingDetails booking={booking.data} canWrite={hasPermission(user, 'bookings:write')} />
      ) : (
        <Stack>
          <Skeleton h={60} />
          <Skeleton h={300} />
        </Stack>
      )}
    </>
  );
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

function BookingDetails({ booking, canWrite }: { booking: Booking; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const day = useDay();
  const createdBy = useCreatedBy();
  const sourceLabel = useSourceLabel();
  const properties = useProperties();
  const [cancelling, setCancelling] = useState(false);
  // `?replace=<guestId>` (from a refused "Delete guest") opens "Replace guest" with that guest chosen.
  const [params, setParams] = useSearchParams();
  const replaceParam = params.get('replace');
  const [replacing, setReplacing] = useState(replaceParam !== null);
  const closeReplace = () => {
    setReplacing(false);
    if (replaceParam !== null) setParams({}, { replace: true });
  };
  const property = properties.data?.items.find((p) => p.id === booking.propertyId);
  const others = booking.guests.filter((g) => g.role !== 'customer');
  const cancelled = booking.status === 'cancelled';

  return (
    <>
      <PageHeader
        title={t('bookings.page.title', { reference: booking.reference })}
        actions={
          canWrite && !cancelled ? (
            <Group gap="xs">
              {booking.guests.length ? (
                <Button
                  variant="default"
                  leftSection={<IconUserShare size={16} />}
                  onClick={() => setReplacing(true)}
                  data-testid="booking-replace-guest"
                >
                  {t('privacyFlows.replace.action')}
                </Button>
              ) : null}
              <Button
                color="red"
                variant="light"
                leftSection={<IconX size={16} />}
                onClick={() => setCancelling(true)}
                data-testid="booking-cancel"
              >
                {t('bookings.cancel.action')}
              </Button>
            </Group>
          ) : null
        }
      />
      {booking.blockedGuest ? (
        <Alert color="red" icon={<IconBan size={16} />} mb="md" data-testid="booking-flagged-alert">
          {t('bookings.page.flagged')}
        </Alert>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card data-testid="booking-details">
            <Group gap="xs" mb="md">
              <Title order={4} ff="monospace" data-testid="booking-page-reference">
                {booking.reference}
              </Title>
              <StatusBadge status={booking.status} />
              {booking.blockedGuest ? <FlaggedBadge /> : null}
            </Group>
            <SimpleGrid cols={2} spacing="md">
              <Field label={t('bookings.fields.customer')}>
                {booking.customerId ? (
                  <Anchor component={Link} to={`/guests/${booking.customerId}`} data-testid="booking-page-customer">
                    {booking.customerName || t('bookings.unnamed')}
                  </Anchor>
                ) : (
                  <div data-testid="booking-page-customer">
                    <ErasedCustomer withContact />
                  </div>
                )}
              </Field>
              <Field label={t('bookings.fields.property')}>{property?.name ?? '…'}</Field>
              <Field label={t('bookings.fields.checkIn')}>{day(booking.checkIn)}</Field>
              <Field label={t('bookings.fields.checkOut')}>{day(booking.checkOut)}</Field>
              <Field label={t('bookings.fields.nights')}>{booking.nights}</Field>
              <Field label={t('bookings.fields.roomType')}>{booking.roomTypeName}</Field>
              <Field label={t('bookings.fields.party')}>
                {[
                  t('bookings.page.adults', { count: booking.adults }),
                  t('bookings.page.children', { count: booking.children }),
                ].join(', ')}
              </Field>
              <Field label={t('bookings.fields.total')} testId="booking-page-total">
                {money(booking.total, booking.currency)}
              </Field>
              <Field label={t('bookings.fields.source')}>{sourceLabel(booking.source)}</Field>
              <Field label={t('bookings.fields.externalRef')}>{booking.externalRef ?? '—'}</Field>
              <Field label={t('bookings.fields.createdBy')} testId="booking-page-created-by">
                {createdBy(booking)}
              </Field>
              <Field label={t('bookings.fields.createdAt')}>{format.dateTime(booking.createdAt)}</Field>
              <Field label={t('bookings.fields.updatedAt')}>{format.dateTime(booking.updatedAt)}</Field>
              {booking.cancelledAt ? (
                <Field label={t('bookings.fields.cancelledAt')}>{format.dateTime(booking.cancelledAt)}</Field>
              ) : null}
            </SimpleGrid>
            <Stack gap={4} mt="md">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('bookings.fields.guests')}
              </Text>
              {others.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('bookings.page.noOtherGuests')}
                </Text>
              ) : (
                <Group gap="xs">
                  {others.map((g) => (
                    <Badge
                      key={g.guestId}
                      component={Link}
                      to={`/guests/${g.guestId}`}
                      variant="light"
                      tt="none"
                      style={{ cursor: 'pointer' }}
                      data-testid="booking-page-guest"
                    >
                      {g.name || t('bookings.unnamed')}
                    </Badge>
                  ))}
                </Group>
              )}
            </Stack>
            {booking.notes ? (
              <Stack gap={4} mt="md">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t('bookings.fields.notes')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="booking-page-notes">
                  {booking.notes}
                </Text>
              </Stack>
            ) : null}
          </Card>
          <BookingCompany booking={booking} canWrite={canWrite && !cancelled} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <EditBookingCard key={booking.updatedAt} booking={booking} readOnly={!canWrite} />
        </Grid.Col>
      </Grid>
      <CancelBookingModal booking={cancelling ? booking : null} onClose={() => setCancelling(false)} />
      {canWrite && !cancelled && replacing ? (
        <ReplaceGuestModal booking={booking} opened fromGuestId={replaceParam} onClose={closeReplace} />
      ) : null}
    </>
  );
}

interface EditValues {
  checkIn: string;
  checkOut: string;
  roomTypeId: string;
  status: string;
  total: number | string;
  notes: string;
}

function EditBookingCard({ booking, readOnly }: { booking: Booking; readOnly: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateBooking(booking.id);
  const roomTypes = useRoomTypes(booking.propertyId);
  const form = useForm<EditValues>({
    initialValues: {
      checkIn: booking.checkIn,
      checkOut: booking.checkOut,
      roomTypeId: booking.roomTypeId,
      status: booking.status,
      total: booking.total,
      notes: booking.notes ?? '',
    },
  });

  const submit = form.onSubmit((values) => {
    const body: Record<string, unknown> = {};
    if (values.checkIn !== booking.checkIn) body.checkIn = values.checkIn;
    if (values.checkOut !== booking.checkOut) body.checkOut = values.checkOut;
    if (values.roomTypeId !== booking.roomTypeId) body.roomTypeId = values.roomTypeId;
    if (values.status !== booking.status) body.status = values.status;
    if (Number(values.total) !== booking.total) body.total = values.total === '' ? undefined : Number(values.total);
    if (values.notes !== (booking.notes ?? '')) body.notes = values.notes.trim() ? values.notes : null;
    if (Object.keys(body).length === 0) return;
    update.mutate(body, {
      onSuccess: () => notifySuccess(t('bookings.page.saved')),
      onError: (error) => {
        const errors = bookingFieldErrors(error);
        form.setErrors(errors);
        if (Object.keys(errors).length === 0) form.setErrors({ form: describeBookingError(error) });
      },
    });
  });

  return (
    <Card component="form" onSubmit={submit} data-testid="booking-edit-form">
      <Title order={5} mb="md">
        {t('bookings.page.edit')}
      </Title>
      <Stack>
        {form.errors.form ? (
          <Alert color="red" data-testid="booking-edit-error">
            {form.errors.form}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t('bookings.fields.checkIn')}
            name="checkIn"
            disabled={readOnly}
            {...form.getInputProps('checkIn')}
          />
          <TextInput
            type="date"
            label={t('bookings.fields.checkOut')}
            name="checkOut"
            disabled={readOnly}
            {...form.getInputProps('checkOut')}
          />
          <Select
            label={t('bookings.fields.roomType')}
            data={(roomTypes.data?.items ?? []).map((rt) => ({ value: rt.id, label: rt.name }))}
            allowDeselect={false}
            disabled={readOnly}
            data-testid="booking-edit-room-type"
            {...form.getInputProps('roomTypeId')}
          />
          <Select
            label={t('bookings.fields.status')}
            data={bookingStatuses.map((status) => ({ value: status, label: t(`bookings.status.${status}`) }))}
            allowDeselect={false}
            disabled={readOnly}
            data-testid="booking-edit-status"
            {...form.getInputProps('status')}
          />
          <NumberInput
            label={t('bookings.fields.total')}
            name="total"
            min={0}
            decimalScale={2}
            rightSection={<Text size="xs">{booking.currency}</Text>}
            disabled={readOnly}
            {...form.getInputProps('total')}
          />
        </SimpleGrid>
        <Textarea
          label={t('bookings.fields.notes')}
          name="notes"
          autosize
          minRows={3}
          disabled={readOnly}
          {...form.getInputProps('notes')}
        />
        {readOnly ? null : (
          <Group justify="flex-end">
            <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
              {t('bookings.page.discard')}
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()} data-testid="booking-save">
              {t('actions.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function CancelBookingModal({ booking, onClose }: { booking: Booking | null; onClose: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancelBooking(booking?.id ?? '');
  return (
    <Modal opened={booking !== null} onClose={onClose} title={t('bookings.cancel.title')}>
      <Stack>
        <Text size="sm">{t('bookings.cancel.confirm', { reference: booking?.reference ?? '' })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('bookings.cancel.keep')}
          </Button>
          <Button
            color="red"
            loading={cancel.isPending}
            data-testid="booking-cancel-confirm"
            onClick={() =>
              cancel.mutate(undefined, {
                onSuccess: () => {
                  notifySuccess(t('bookings.cancel.done', { reference: booking?.reference ?? '' }));
                  onClose();
                },
              })
            }
          >
            {t('bookings.cancel.action')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
