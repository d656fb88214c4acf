import { Badge, Button, Group, Modal, NumberInput, Radio, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fieldErrorsOf, notifySuccess } from '../../../shared/errors.ts';
import { useFormat } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { priceDisplayModes, type GuestGroup } from '../../guests/guest.types.ts';
import { hasPermission, useCurrentUser } from '../../session/session-context.tsx';
import { CatalogTable } from '../catalog-table.tsx';
import { useCatalogName, useDeleteCatalogItem, useGroups, useSaveCatalogItem } from '../catalog.api.ts';
import { ConfirmDeleteModal } from '../confirm-delete-modal.tsx';

/** Settings → Groups (G-7): discounts and price display; the three default groups stay. */
export function GroupsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const canWrite = hasPermission(useCurrentUser(), 'settings:write');
  const groups = useGroups();
  const catalogName = useCatalogName();
  const remove = useDeleteCatalogItem('groups');
  const [editing, setEditing] = useState<GuestGroup | 'new' | null>(null);
  const [deleting, setDeleting] = useState<GuestGroup | null>(null);
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 2 });

  return (
    <>
      <PageHeader
        title={t('nav.groups')}
        description={t('sections.groups')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')} data-testid="group-create">
              {t('groups.create')}
            </Button>
          ) : null
        }
      />
      <CatalogTable
        testId="groups"
        items={groups.data?.items}
        error={groups.error}
        columns={[
          {
            key: 'name',
            label: t('fields.name'),
            render: (group) => (
              <Stack gap={2}>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {catalogName(group)}
                  </Text>
                  {group.systemKind ? (
                    <Tooltip label={t(`groups.system.${group.systemKind}`)} multiline w={260}>
                      <Badge size="xs" variant="outline" color="gray" leftSection={<IconLock size={10} />} tt="none">
                        {t('groups.default')}
                      </Badge>
                    </Tooltip>
                  ) : null}
                </Group>
              </Stack>
            ),
          },
          {
            key: 'discount',
            label: t('groups.discount'),
            align: 'right',
            render: (group) => <Text size="sm">{percent.format(group.discountPercent / 100)}</Text>,
          },
          {
            key: 'priceDisplay',
            label: t('groups.priceDisplay'),
            render: (group) => <Text size="sm">{t(`groups.priceDisplayModes.${group.priceDisplay}`)}</Text>,
          },
          {
            key: 'members',
            label: t('groups.members'),
            align: 'right',
            render: (group) => (
              <Text size="sm" component={Link} to={`/guests?groupId=${encodeURIComponent(group.id)}`} c="teal.8">
                {format.number(group.memberCount)}
              </Text>
            ),
          },
        ]}
        onEdit={canWrite ? setEditing : undefined}
        onDelete={canWrite ? setDeleting : undefined}
        lockedReason={(group) => (group.systemKind ? t('groups.undeletable') : null)}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing === 'new' ? 'groups.createTitle' : 'groups.editTitle')}
      >
        {editing !== null ? (
          <GroupForm group={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={t('groups.deleteTitle')}
        message={t('groups.deleteConfirm', { name: deleting?.name ?? '' })}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(t('groups.deleted', { name: deleting.name }));
              setDeleting(null);
            },
          })
        }
      />
    </>
  );
}

function GroupForm({ group, onDone }: { group?: GuestGroup; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCatalogItem<GuestGroup>('groups');
  const form = useForm({
    initialValues: {
      name: group?.name ?? '',
      discountPercent: group?.discountPercent ?? 0,
      priceDisplay: group?.priceDisplay ?? 'everyone',
    },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      discountPercent: (value) => (value >= 0 && value <= 100 ? null : t('groups.discountRange')),
    },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(
      { id: group?.id, body: { ...values, name: values.name.trim() } },
      {
        onSuccess: () => {
          notifySuccess(t('groups.saved'));
          onDone();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label={t('fields.name')} name="name" data-autofocus {...form.getInputProps('name')} />
        <NumberInput
          label={t('groups.discount')}
          description={t('groups.discountHint')}
          min={0}
          max={100}
          decimalScale={2}
          suffix=" %"
          maw={200}
          {...form.getInputProps('discountPercent')}
        />
        <Radio.Group label={t('groups.priceDisplay')} {...form.getInputProps('priceDisplay')}>
          <Stack gap="xs" mt="xs">
            {priceDisplayModes.map((mode) => (
              <Radio
                key={mode}
                value={mode}
                label={t(`groups.priceDisplayModes.${mode}`)}
                description={t(`groups.priceDisplayHints.${mode}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
