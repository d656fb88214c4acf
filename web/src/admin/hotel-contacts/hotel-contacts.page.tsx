import { Alert, Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldErrorsOf, notifySuccess } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { useProperties } from '../bookings/bookings.api.ts';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { CatalogTable } from '../settings/catalog-table.tsx';
import { ConfirmDeleteModal } from '../settings/confirm-delete-modal.tsx';
import { useAssignees } from '../threads/thread-display.tsx';
import {
  useDeleteHotelContact,
  useHotelContacts,
  useSaveHotelContact,
  type HotelContact,
} from './hotel-contacts.api.ts';

/** Settings → Contacts (M-3): the addresses guests write to, and which staff see their threads. */
export function HotelContactsPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const allowed = hasPermission(user, 'threads:read');
  const mayWrite = hasPermission(user, 'settings:write');
  const contacts = useHotelContacts(i18n.language.slice(0, 2), allowed);
  const properties = useProperties();
  const staff = useAssignees();
  const remove = useDeleteHotelContact();
  const [editing, setEditing] = useState<HotelContact | 'new' | null>(null);
  const [deleting, setDeleting] = useState<HotelContact | null>(null);

  if (!allowed) return <ForbiddenState />;
  const propertyName = (id: string | null) => (id ? (properties.data?.items.find((p) => p.id === id)?.name ?? id) : '');

  return (
    <>
      <PageHeader
        title={t('hotelContacts.title')}
        description={t('hotelContacts.description')}
        actions={
          mayWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="contact-create">
              {t('hotelContacts.create')}
            </Button>
          ) : null
        }
      />
      <CatalogTable
        testId="contact"
        items={contacts.data?.items}
        error={contacts.error}
        empty={t('hotelContacts.empty')}
        columns={[
          {
            key: 'name',
            label: t('hotelContacts.fields.name'),
            render: (contact: HotelContact) => (
              <>
                <Text size="sm" fw={600}>
                  {contact.name}
                </Text>
                {contact.description ? (
                  <Text size="xs" c="dimmed">
                    {contact.description}
                  </Text>
                ) : null}
              </>
            ),
          },
          {
            key: 'email',
            label: t('hotelContacts.fields.email'),
            render: (contact: HotelContact) => <Text size="sm">{contact.email}</Text>,
          },
          {
            key: 'property',
            label: t('hotelContacts.fields.property'),
            render: (contact: HotelContact) => (
              <Text size="sm">{propertyName(contact.propertyId) || t('hotelContacts.allProperties')}</Text>
            ),
          },
          {
            key: 'staff',
            label: t('hotelContacts.fields.staff'),
            render: (contact: HotelContact) => (
              <Text size="sm">
                {contact.staffIds.length
                  ? contact.staffIds.map((id) => staff.label(id)).join(', ')
                  : t('hotelContacts.managersOnly')}
              </Text>
            ),
          },
        ]}
        onEdit={mayWrite ? setEditing : undefined}
        onDelete={mayWrite ? setDeleting : undefined}
      />
      {editing ? (
        <ContactModal
          contact={editing === 'new' ? null : editing}
          propertyOptions={(properties.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          staffOptions={staff.options}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={t('hotelContacts.deleteTitle')}
        message={t('hotelContacts.deleteConfirm', { name: deleting?.name ?? '' })}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(t('hotelContacts.deleted', { name: deleting.name }));
              setDeleting(null);
            },
            onSettled: () => setDeleting(null),
          })
        }
      />
    </>
  );
}

interface ContactValues {
  nameEn: string;
  nameEs: string;
  nameFr: string;
  description: string;
  email: string;
  propertyId: string | null;
  staffIds: string[];
}

function ContactModal({
  contact,
  propertyOptions,
  staffOptions,
  onClose,
}: {
  contact: HotelContact | null;
  propertyOptions: { value: string; label: string }[];
  staffOptions: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveHotelContact();
  const form = useForm<ContactValues>({
    initialValues: contact
      ? {
          nameEn: contact.names.en,
          nameEs: contact.names.es === contact.names.en ? '' : contact.names.es,
          nameFr: contact.names.fr === contact.names.en ? '' : contact.names.fr,
          description: contact.description,
          email: contact.email,
          propertyId: contact.propertyId,
          staffIds: contact.staffIds,
        }
      : { nameEn: '', nameEs: '', nameFr: '', description: '', email: '', propertyId: null, staffIds: [] },
  });
  // Staff no longer listed (deactivated) stay selectable so saving does not drop them silently.
  const options = [
    ...staffOptions,
    ...form.values.staffIds
      .filter((id) => !staffOptions.some((o) => o.value === id))
      .map((id) => ({ value: id, label: id })),
  ];

  const submit = form.onSubmit((values) => {
    const name: { en: string; es?: string; fr?: string } = { en: values.nameEn.trim() };
    if (values.nameEs.trim()) name.es = values.nameEs.trim();
    if (values.nameFr.trim()) name.fr = values.nameFr.trim();
    save.mutate(
      {
        id: contact?.id ?? null,
        body: {
          name,
          description: values.description,
          email: values.email.trim(),
          propertyId: values.propertyId,
          staffIds: values.staffIds,
        },
      },
      {
        onSuccess: (saved) => {
          notifySuccess(t('hotelContacts.saved', { name: saved.name }));
          onClose();
        },
        onError: (error) => {
          const errors = fieldErrorsOf(error);
          const mapped: Record<string, string> = {};
          for (const [field, message] of Object.entries(errors)) {
            const key = field.startsWith('name')
              ? field.endsWith('es')
                ? 'nameEs'
                : field.endsWith('fr')
                  ? 'nameFr'
                  : 'nameEn'
              : field;
            mapped[key] = message;
          }
          form.setErrors(Object.keys(mapped).length ? mapped : { form: describeError(error) });
        },
      },
    );
  });

  return (
    <Modal opened onClose={onClose} size="lg" title={t(contact ? 'hotelContacts.edit' : 'hotelContacts.create')}>
      <form onSubmit={submit} data-testid="contact-form" noValidate>
        <Stack>
          {form.errors.form ? <Alert color="red">{form.errors.form}</Alert> : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('hotelContacts.fields.nameEn')}
              name="nameEn"
              withAsterisk
              data-autofocus
              maxLength={100}
              {...form.getInputProps('nameEn')}
            />
            <TextInput
              label={t('hotelContacts.fields.nameEs')}
              placeholder={form.values.nameEn}
              name="nameEs"
              maxLength={100}
              {...form.getInputProps('nameEs')}
            />
            <TextInput
              label={t('hotelContacts.fields.nameFr')}
              placeholder={form.values.nameEn}
              name="nameFr"
              maxLength={100}
              {...form.getInputProps('nameFr')}
            />
          </SimpleGrid>
          <TextInput
            label={t('hotelContacts.fields.description')}
            name="description"
            maxLength={500}
            {...form.getInputProps('description')}
          />
          <TextInput
            label={t('hotelContacts.fields.email')}
            description={t('hotelContacts.fields.emailHint')}
            name="email"
            type="email"
            withAsterisk
            {...form.getInputProps('email')}
          />
          <Select
            label={t('hotelContacts.fields.property')}
            placeholder={t('hotelContacts.allProperties')}
            clearable
            data={propertyOptions}
            {...form.getInputProps('propertyId')}
            data-testid="contact-property"
          />
          <MultiSelect
            label={t('hotelContacts.fields.staff')}
            description={t('hotelContacts.fields.staffHint')}
            data={options}
            searchable
            {...form.getInputProps('staffIds')}
            data-testid="contact-staff"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="contact-save">
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
