import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { notifySuccess } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { bookingFieldErrors, describeBookingError, useMoney } from './booking-display.tsx';
import { manualSources } from './booking.types.ts';
import { useAvailability, useCreateBooking, useGuestIfAny, useProperties, useRoomTypes } from './bookings.api.ts';
import { GuestPicker, personPayload, type PersonChoice } from './guest-picker.tsx';

interface FormValues {
  propertyId: string;
  roomTypeId: string;
  checkIn: string;
  checkOut: string;
  adults: number | string;
  children: number | string;
  total: number | string;
  currency: string;
  source: string;
  notes: string;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
};
const nightsOf = (from: string, to: string) =>
  from && to && to > from ? Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) : 0;

/** Errors for one person on the booking (`customer.firstName` → `firstName`). */
function errorsUnder(errors: Record<string, unknown>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (typeof message !== 'string' || !message) continue;
    if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = message;
    else if (key === prefix) out._ = message;
  }
  return out;
}

/** The manual booking form: staff enter a booking for a guest found as they type, or a new one. */
export function BookingCreatePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const prefillGuestId = params.get('guestId') ?? '';
  const prefillGuest = useGuestIfAny(prefillGuestId);
  const properties = useProperties();
  const create = useCreateBooking();
  const money = useMoney();
  const today = isoDay(new Date());

  const form = useForm<FormValues>({
    initialValues: {
      propertyId: '',
      roomTypeId: '',
      checkIn: today,
      checkOut: addDays(today, 1),
      adults: 1,
      children: 0,
      total: '',
      currency: '',
      source: 'staff',
      notes: '',
    },
  });
  const [customer, setCustomer] = useState<PersonChoice>(null);
  const [others, setOthers] = useState<PersonChoice[]>([]);
  const { propertyId, roomTypeId, checkIn, checkOut } = form.values;
  const roomTypes = useRoomTypes(propertyId || null);
  const availability = useAvailability(propertyId || null, checkIn, checkOut);
  const property = properties.data?.items.find((p) => p.id === propertyId);
  const roomType = roomTypes.data?.items.find((rt) => rt.id === roomTypeId);
  const nights = nightsOf(checkIn, checkOut);
  const leftFor = (id: string) => availability.data?.roomTypes.find((r) => r.roomTypeId === id)?.availableForStay;

  // The first property is chosen by default, with its currency.
  useEffect(() => {
    const first = properties.data?.items[0];
    if (first && !form.values.propertyId) {
      form.setFieldValue('propertyId', first.id);
      form.setFieldValue('currency', first.currency);
    }
  }, [properties.data]);

  // "New booking" from a guest profile: that guest is the customer.
  useEffect(() => {
    if (prefillGuest.data && customer === null) setCustomer({ kind: 'existing', guest: prefillGuest.data });
  }, [prefillGuest.data]);

  if (!hasPermission(user, 'bookings:write')) return <ForbiddenState />;

  const submit = form.onSubmit((values) => {
    const customerPayload = personPayload(customer);
    if (!customerPayload) {
      form.setErrors({ customer: t('bookings.form.customerRequired') });
      return;
    }
    const body: Record<string, unknown> = {
      source: values.source,
      propertyId: values.propertyId || undefined,
      roomTypeId: values.roomTypeId || undefined,
      checkIn: values.checkIn,
      checkOut: values.checkOut,
      adults: Number(values.adults) || 0,
      children: Number(values.children) || 0,
      currency: values.currency || undefined,
      notes: values.notes.trim() || undefined,
      customer: customerPayload,
      guests: others.map(personPayload).filter((p) => p !== null),
    };
    if (values.total !== '') body.total = Number(values.total);
    if (!values.roomTypeId) {
      form.setErrors({ roomTypeId: t('bookings.form.roomTypeRequired') });
      return;
    }
    create.mutate(body, {
      onSuccess: (booking) => {
        notifySuccess(t('bookings.form.created', { reference: booking.reference }));
        void navigate(`/bookings/${booking.id}`);
      },
      onError: (error) => {
        const errors = bookingFieldErrors(error);
        form.setErrors(errors);
        if (Object.keys(errors).length === 0) form.setErrors({ form: describeBookingError(error) });
      },
    });
  });

  const suggested = roomType ? Math.round(roomType.nightlyPrice * nights * 100) / 100 : null;
  const customerErrors = errorsUnder(form.errors, 'customer');

  return (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/bookings">
          {t('nav.bookings')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('bookings.form.title')}
        </Text>
      </Breadcrumbs>
      <PageHeader title={t('bookings.form.title')} description={t('bookings.form.description')} />
      <form onSubmit={submit} data-testid="booking-form" noValidate>
        {form.errors.form ? (
          <Alert color="red" mb="md" data-testid="booking-form-error">
            {form.errors.form}
          </Alert>
        ) : null}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              <Card>
                <Title order={5} mb="md">
                  {t('bookings.form.guestSection')}
                </Title>
                <Stack>
                  {prefillGuestId && prefillGuest.isLoading ? (
                    <Skeleton h={60} />
                  ) : (
                    <GuestPicker
                      label={t('bookings.fields.customer')}
                      value={customer}
                      onChange={(choice) => {
                        setCustomer(choice);
                        form.clearFieldError('customer');
                      }}
                      errors={customerErrors}
                      testId="customer"
                      required
                    />
                  )}
                  {others.map((choice, index) => (
                    <Group key={index} align="flex-start" wrap="nowrap">
                      <div style={{ flex: 1 }}>
                        <GuestPicker
                          label={t('bookings.form.additionalGuest', { number: index + 1 })}
                          value={choice}
                          onChange={(next) => setOthers((list) => list.map((c, i) => (i === index ? next : c)))}
                          errors={errorsUnder(form.errors, `guests.${index}`)}
                          testId={`guest-${index}`}
                        />
                      </div>
                      <Button
                        variant="subtle"
                        color="gray"
                        mt={24}
                        px="xs"
                        aria-label={t('bookings.form.removeGuest')}
                        onClick={() => setOthers((list) => list.filter((_, i) => i !== index))}
                      >
                        <IconTrash size={16} />
                      </Button>
                    </Group>
                  ))}
                  <Group>
                    <Button
                      variant="light"
                      leftSection={<IconPlus size={16} />}
                      onClick={() => setOthers((list) => [...list, null])}
                      disabled={others.length >= 20}
                      data-testid="booking-add-guest"
                    >
                      {t('bookings.form.addGuest')}
                    </Button>
                  </Group>
                </Stack>
              </Card>
              <Card>
                <Title order={5} mb="md">
                  {t('bookings.form.detailsSection')}
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <Select
                    label={t('bookings.fields.source')}
                    data={manualSources.map((source) => ({ value: source, label: t(`bookings.source.${source}`) }))}
                    allowDeselect={false}
                    data-testid="booking-source"
                    {...form.getInputProps('source')}
                  />
                  <Group grow gap="sm">
                    <NumberInput
                      label={t('bookings.fields.adults')}
                      min={0}
                      max={50}
                      {...form.getInputProps('adults')}
                    />
                    <NumberInput
                      label={t('bookings.fields.children')}
                      min={0}
                      max={50}
                      {...form.getInputProps('children')}
                    />
                  </Group>
                  <NumberInput
                    label={t('bookings.fields.total')}
                    name="total"
                    min={0}
                    decimalScale={2}
                    placeholder={suggested !== null ? String(suggested) : undefined}
                    description={
                      suggested !== null
                        ? t('bookings.form.totalHint', {
                            nights,
                            price: money(roomType?.nightlyPrice ?? 0, form.values.currency || 'EUR'),
                            total: money(suggested, form.values.currency || 'EUR'),
                          })
                        : undefined
                    }
                    data-testid="booking-total"
                    {...form.getInputProps('total')}
                  />
                  <TextInput
                    label={t('bookings.fields.currency')}
                    name="currency"
                    maxLength={3}
                    {...form.getInputProps('currency')}
                    onChange={(event) => form.setFieldValue('currency', event.currentTarget.value.toUpperCase())}
                  />
                </SimpleGrid>
                <Textarea
                  mt="sm"
                  label={t('bookings.fields.notes')}
                  name="notes"
                  autosize
                  minRows={3}
                  {...form.getInputProps('notes')}
                />
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card>
              <Title order={5} mb="md">
                {t('bookings.form.staySection')}
              </Title>
              <Stack gap="sm">
                <Select
                  label={t('bookings.fields.property')}
                  data={(properties.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                  allowDeselect={false}
                  data-testid="booking-property"
                  {...form.getInputProps('propertyId')}
                  onChange={(value: string | null) => {
                    form.setFieldValue('propertyId', value ?? '');
                    form.setFieldValue('roomTypeId', '');
                    const next = properties.data?.items.find((p) => p.id === value);
                    if (next) form.setFieldValue('currency', next.currency);
                  }}
                />
                <Group grow gap="sm">
                  <TextInput
                    type="date"
                    label={t('bookings.fields.checkIn')}
                    name="checkIn"
                    {...form.getInputProps('checkIn')}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      form.setFieldValue('checkIn', value);
                      if (value && form.values.checkOut <= value) form.setFieldValue('checkOut', addDays(value, 1));
                    }}
                  />
                  <TextInput
                    type="date"
                    label={t('bookings.fields.checkOut')}
                    name="checkOut"
                    {...form.getInputProps('checkOut')}
                  />
                </Group>
                <Text size="sm" c="dimmed">
                  {t('bookings.form.nights', { count: nights })}
                </Text>
                <Select
                  label={t('bookings.fields.roomType')}
                  withAsterisk
                  placeholder={t('bookings.form.pickRoomType')}
                  data={(roomTypes.data?.items ?? [])
                    .filter((rt) => rt.active)
                    .map((rt) => {
                      const left = leftFor(rt.id);
                      return {
                        value: rt.id,
                        label:
                          left === undefined
                            ? rt.name
                            : t('bookings.form.roomTypeLeft', { name: rt.name, count: left }),
                        disabled: left === 0,
                      };
                    })}
                  nothingFoundMessage={t('bookings.form.noRoomTypes')}
                  data-testid="booking-room-type"
                  {...form.getInputProps('roomTypeId')}
                />
                <AvailabilityTable
                  loading={availability.isFetching && !availability.data}
                  rows={(roomTypes.data?.items ?? [])
                    .filter((rt) => rt.active)
                    .map((rt) => ({
                      id: rt.id,
                      name: rt.name,
                      price: money(rt.nightlyPrice, property?.currency ?? 'EUR'),
                      left: nights > 0 ? leftFor(rt.id) : undefined,
                      capacity: rt.capacity,
                    }))}
                  selected={roomTypeId}
                  onPick={(id) => form.setFieldValue('roomTypeId', id)}
                />
              </Stack>
            </Card>
            <Group justify="flex-end" mt="md">
              <Button variant="default" component={Link} to="/bookings">
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="booking-submit">
                {t('bookings.form.submit')}
              </Button>
            </Group>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}

interface AvailabilityRow {
  id: string;
  name: string;
  price: string;
  left: number | undefined;
  capacity: number;
}

function AvailabilityTable({
  rows,
  selected,
  onPick,
  loading,
}: {
  rows: AvailabilityRow[];
  selected: string;
  onPick: (id: string) => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  if (loading) return <Skeleton h={80} />;
  if (rows.length === 0) return null;
  return (
    <Table verticalSpacing={6} highlightOnHover data-testid="booking-availability">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('bookings.fields.roomType')}</Table.Th>
          <Table.Th ta="right">{t('bookings.form.pricePerNight')}</Table.Th>
          <Table.Th ta="right">{t('bookings.form.available')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr
            key={row.id}
            onClick={() => row.left !== 0 && onPick(row.id)}
            style={{ cursor: row.left === 0 ? 'not-allowed' : 'pointer' }}
            bg={row.id === selected ? 'var(--mantine-color-teal-light)' : undefined}
            data-testid="availability-row"
          >
            <Table.Td>
              <Text size="sm">{row.name}</Text>
              <Text size="xs" c="dimmed">
                {t('bookings.form.capacity', { count: row.capacity })}
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              <Text size="sm">{row.price}</Text>
            </Table.Td>
            <Table.Td ta="right">
              {row.left === undefined ? (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                <Badge color={row.left === 0 ? 'red' : row.left <= 2 ? 'orange' : 'teal'} variant="light">
                  {row.left === 0 ? t('bookings.form.soldOut') : row.left}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
