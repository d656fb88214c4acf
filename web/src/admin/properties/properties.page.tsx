import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBed, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, notifySuccess } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { notifications } from '@mantine/notifications';
import { bookingFieldErrors, describeBookingError, useMoney } from '../bookings/booking-display.tsx';
import type { Property, RoomType } from '../bookings/booking.types.ts';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { ConfirmDeleteModal } from '../settings/confirm-delete-modal.tsx';
import { useDeleteRoomType, useProperties, useRoomTypes, useSaveProperty, useSaveRoomType } from './properties.api.ts';

/** Settings → Properties & rooms (B-1): the properties and the room types sold in each. */
export function PropertiesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const properties = useProperties();
  const canWrite = hasPermission(user, 'properties:write');
  const [editing, setEditing] = useState<Property | 'new' | null>(null);

  if (!hasPermission(user, 'properties:read')) return <ForbiddenState />;
  return (
    <>
      <PageHeader
        title={t('properties.title')}
        description={t('properties.description')}
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing('new')}
              data-testid="property-create"
            >
              {t('properties.property.create')}
            </Button>
          ) : null
        }
      />
      {properties.isError ? (
        <Alert color="red" title={t('errors.title')}>
          {describeError(properties.error)}
        </Alert>
      ) : null}
      <Stack>
        {properties.data
          ? properties.data.items.map((property) => (
              <PropertyCard
                key={property.id}
                property={property}
                canWrite={canWrite}
                onEdit={() => setEditing(property)}
              />
            ))
          : [0, 1].map((i) => <Skeleton key={i} h={180} />)}
      </Stack>
      <PropertyModal
        key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.id}
        property={editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}

function PropertyCard({ property, canWrite, onEdit }: { property: Property; canWrite: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const roomTypes = useRoomTypes(property.id);
  const money = useMoney();
  const remove = useDeleteRoomType();
  const [editing, setEditing] = useState<RoomType | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RoomType | null>(null);
  const items = roomTypes.data?.items;
  const rooms = (items ?? []).filter((rt) => rt.active).reduce((sum, rt) => sum + rt.roomCount, 0);

  return (
    <Card data-testid="property-card">
      <Group justify="space-between" mb="md" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={4} data-testid="property-name">
              {property.name}
            </Title>
            {canWrite ? (
              <ActionIcon variant="subtle" color="gray" aria-label={t('properties.property.edit')} onClick={onEdit}>
                <IconPencil size={16} />
              </ActionIcon>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            {[property.currency, property.timezone, property.country].filter(Boolean).join(' · ')}
            {items ? ` · ${t('properties.roomsTotal', { count: rooms })}` : ''}
          </Text>
        </div>
        {canWrite ? (
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing('new')}
            data-testid="room-type-create"
          >
            {t('properties.roomType.create')}
          </Button>
        ) : null}
      </Group>
      {items && items.length === 0 ? (
        <Stack align="center" gap="xs" py="lg">
          <ThemeIcon size={44} radius="xl" variant="light" color="gray">
            <IconBed size={24} />
          </ThemeIcon>
          <Text fw={600}>{t('properties.roomType.empty')}</Text>
          <Text size="sm" c="dimmed">
            {t('properties.roomType.emptyHint')}
          </Text>
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="room-type-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('properties.roomType.name')}</Table.Th>
                <Table.Th ta="right">{t('properties.roomType.capacity')}</Table.Th>
                <Table.Th ta="right">{t('properties.roomType.nightlyPrice')}</Table.Th>
                <Table.Th ta="right">{t('properties.roomType.roomCount')}</Table.Th>
                <Table.Th>{t('properties.roomType.state')}</Table.Th>
                {canWrite ? <Table.Th w={90} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items
                ? items.map((rt) => (
                    <Table.Tr key={rt.id} data-testid="room-type-row" opacity={rt.active ? 1 : 0.6}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {rt.name}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{rt.capacity}</Table.Td>
                      <Table.Td ta="right">{money(rt.nightlyPrice, property.currency)}</Table.Td>
                      <Table.Td ta="right">{rt.roomCount}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={rt.active ? 'teal' : 'gray'} tt="none">
                          {t(rt.active ? 'properties.roomType.active' : 'properties.roomType.inactive')}
                        </Badge>
                      </Table.Td>
                      {canWrite ? (
                        <Table.Td>
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Tooltip label={t('properties.roomType.edit')}>
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                aria-label={t('properties.roomType.edit')}
                                onClick={() => setEditing(rt)}
                                data-testid="room-type-edit"
                              >
                                <IconPencil size={16} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label={t('properties.roomType.delete')}>
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={t('properties.roomType.delete')}
                                onClick={() => setDeleting(rt)}
                                data-testid="room-type-delete"
                              >
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Tooltip>
                          </Group>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))
                : [0, 1, 2].map((i) => (
                    <Table.Tr key={i}>
                      <Table.Td colSpan={6}>
                        <Skeleton h={24} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RoomTypeModal
        key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.id}
        propertyId={property.id}
        currency={property.currency}
        roomType={editing}
        onClose={() => setEditing(null)}
      />
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={t('properties.roomType.deleteTitle')}
        message={t('properties.roomType.deleteConfirm', { name: deleting?.name ?? '' })}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(t('properties.roomType.deleted', { name: deleting.name }));
              setDeleting(null);
            },
            onError: (error) => {
              notifications.show({ color: 'red', title: t('errors.title'), message: describeBookingError(error) });
              setDeleting(null);
            },
          })
        }
      />
    </Card>
  );
}

interface RoomTypeValues {
  name: string;
  capacity: number | string;
  nightlyPrice: number | string;
  roomCount: number | string;
  active: boolean;
}

function RoomTypeModal({
  propertyId,
  currency,
  roomType,
  onClose,
}: {
  propertyId: string;
  currency: string;
  roomType: RoomType | 'new' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveRoomType();
  const existing = roomType && roomType !== 'new' ? roomType : null;
  const form = useForm<RoomTypeValues>({
    initialValues: existing
      ? {
          name: existing.name,
          capacity: existing.capacity,
          nightlyPrice: existing.nightlyPrice,
          roomCount: existing.roomCount,
          active: existing.active,
        }
      : { name: '', capacity: 2, nightlyPrice: '', roomCount: 1, active: true },
  });
  const submit = form.onSubmit((values) => {
    if (values.nightlyPrice === '') {
      form.setFieldError('nightlyPrice', t('properties.roomType.priceRequired'));
      return;
    }
    const body = {
      name: values.name,
      capacity: Number(values.capacity),
      nightlyPrice: Number(values.nightlyPrice),
      roomCount: Number(values.roomCount),
      active: values.active,
    };
    save.mutate(
      { id: existing?.id, propertyId, body },
      {
        onSuccess: (saved) => {
          notifySuccess(t('properties.roomType.saved', { name: saved.name }));
          onClose();
        },
        onError: (error) => {
          const errors = bookingFieldErrors(error);
          form.setErrors(Object.keys(errors).length ? errors : { form: describeBookingError(error) });
        },
      },
    );
  });
  return (
    <Modal
      opened={roomType !== null}
      onClose={onClose}
      title={t(existing ? 'properties.roomType.edit' : 'properties.roomType.create')}
    >
      <form onSubmit={submit} data-testid="room-type-form" noValidate>
        <Stack>
          {form.errors.form ? <Alert color="red">{form.errors.form}</Alert> : null}
          <TextInput
            label={t('properties.roomType.name')}
            name="name"
            withAsterisk
            data-autofocus
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={3} spacing="sm">
            <NumberInput
              label={t('properties.roomType.capacity')}
              name="capacity"
              min={1}
              max={50}
              {...form.getInputProps('capacity')}
            />
            <NumberInput
              label={t('properties.roomType.nightlyPrice')}
              name="nightlyPrice"
              min={0}
              decimalScale={2}
              rightSection={<Text size="xs">{currency}</Text>}
              {...form.getInputProps('nightlyPrice')}
            />
            <NumberInput
              label={t('properties.roomType.roomCount')}
              name="roomCount"
              min={0}
              {...form.getInputProps('roomCount')}
            />
          </SimpleGrid>
          <Switch
            label={t('properties.roomType.activeLabel')}
            description={t('properties.roomType.activeHint')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="room-type-save">
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface PropertyValues {
  name: string;
  currency: string;
  timezone: string;
  country: string;
}

function PropertyModal({ property, onClose }: { property: Property | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveProperty();
  const existing = property && property !== 'new' ? property : null;
  const form = useForm<PropertyValues>({
    initialValues: {
      name: existing?.name ?? '',
      currency: existing?.currency ?? 'EUR',
      timezone: existing?.timezone ?? 'Europe/Madrid',
      country: existing?.country ?? '',
    },
  });
  const submit = form.onSubmit((values) => {
    const body: Record<string, unknown> = {
      name: values.name,
      currency: values.currency,
      timezone: values.timezone,
    };
    if (values.country.trim()) body.country = values.country.trim();
    save.mutate(
      { id: existing?.id, body },
      {
        onSuccess: (saved) => {
          notifySuccess(t('properties.property.saved', { name: saved.name }));
          onClose();
        },
        onError: (error) => {
          const errors = bookingFieldErrors(error);
          form.setErrors(Object.keys(errors).length ? errors : { form: describeBookingError(error) });
        },
      },
    );
  });
  return (
    <Modal
      opened={property !== null}
      onClose={onClose}
      title={t(existing ? 'properties.property.edit' : 'properties.property.create')}
    >
      <form onSubmit={submit} data-testid="property-form" noValidate>
        <Stack>
          {form.errors.form ? <Alert color="red">{form.errors.form}</Alert> : null}
          <TextInput
            label={t('properties.property.name')}
            name="name"
            withAsterisk
            data-autofocus
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={3} spacing="sm">
            <TextInput
              label={t('properties.property.currency')}
              name="currency"
              maxLength={3}
              {...form.getInputProps('currency')}
            />
            <TextInput
              label={t('properties.property.country')}
              name="country"
              maxLength={2}
              placeholder="ES"
              {...form.getInputProps('country')}
            />
            <TextInput label={t('properties.property.timezone')} name="timezone" {...form.getInputProps('timezone')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="property-save">
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
