import { Badge, Button, ColorInput, Group, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fieldErrorsOf, notifySuccess } from '../../../shared/errors.ts';
import { useFormat } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import type { Tag } from '../../guests/guest.types.ts';
import { tagColor } from '../../guests/guest-display.tsx';
import { MAX_TAGS } from '../../guests/guest-form-values.ts';
import { hasPermission, useCurrentUser } from '../../session/session-context.tsx';
import { CatalogTable } from '../catalog-table.tsx';
import { useCatalogName, useDeleteCatalogItem, useSaveCatalogItem, useTags } from '../catalog.api.ts';
import { ConfirmDeleteModal } from '../confirm-delete-modal.tsx';

const swatches = [
  '#0ca678',
  '#1c7ed6',
  '#7048e8',
  '#d6336c',
  '#e03131',
  '#f08c00',
  '#fab005',
  '#37b24d',
  '#1098ad',
  '#495057',
];

/** Settings → Tags (G-5): the eight predefined ones (locked) and the hotel's own. */
export function TagsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const canWrite = hasPermission(useCurrentUser(), 'settings:write');
  const tags = useTags();
  const catalogName = useCatalogName();
  const remove = useDeleteCatalogItem('tags');
  const [editing, setEditing] = useState<Tag | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const items = tags.data
    ? [...tags.data.items].sort((a, b) => Number(b.predefined) - Number(a.predefined) || a.name.localeCompare(b.name))
    : undefined;

  return (
    <>
      <PageHeader
        title={t('nav.tags')}
        description={t('tags.description', { max: MAX_TAGS })}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')} data-testid="tag-create">
              {t('tags.create')}
            </Button>
          ) : null
        }
      />
      <CatalogTable
        testId="tags"
        items={items}
        error={tags.error}
        columns={[
          {
            key: 'name',
            label: t('fields.name'),
            render: (tag) => (
              <Badge variant="light" color={tagColor(tag)} tt="none" size="lg">
                {catalogName(tag)}
              </Badge>
            ),
          },
          {
            key: 'kind',
            label: t('tags.kind'),
            render: (tag) =>
              tag.predefined ? (
                <Tooltip label={t('tags.predefinedHint')}>
                  <Badge variant="outline" color="gray" leftSection={<IconLock size={12} />} tt="none">
                    {t('tags.predefined')}
                  </Badge>
                </Tooltip>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('tags.custom')}
                </Text>
              ),
          },
          {
            key: 'guests',
            label: t('tags.guestCount'),
            align: 'right',
            render: (tag) => (
              <Text size="sm" component={Link} to={`/guests?tag=${encodeURIComponent(tag.name)}`} c="teal.8">
                {format.number(tag.guestCount)}
              </Text>
            ),
          },
        ]}
        onEdit={canWrite ? setEditing : undefined}
        onDelete={canWrite ? setDeleting : undefined}
        lockedReason={(tag) => (tag.predefined ? t('tags.predefinedHint') : null)}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing === 'new' ? 'tags.createTitle' : 'tags.editTitle')}
      >
        {editing !== null ? (
          <TagForm tag={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={t('tags.deleteTitle')}
        message={t('tags.deleteConfirm', { name: deleting?.name ?? '', count: deleting?.guestCount ?? 0 })}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(t('tags.deleted', { name: deleting.name }));
              setDeleting(null);
            },
          })
        }
      />
    </>
  );
}

function TagForm({ tag, onDone }: { tag?: Tag; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCatalogItem<Tag>('tags');
  const form = useForm({
    initialValues: { name: tag?.name ?? '', color: tag?.color ?? '' },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const submit = form.onSubmit((values) => {
    const body: Record<string, unknown> = { color: values.color || null };
    if (!tag?.predefined) body.name = values.name.trim();
    save.mutate(
      { id: tag?.id, body },
      {
        onSuccess: () => {
          notifySuccess(t('tags.saved'));
          onDone();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('fields.name')}
          name="name"
          disabled={tag?.predefined}
          description={tag?.predefined ? t('tags.predefinedHint') : undefined}
          data-autofocus
          {...form.getInputProps('name')}
        />
        <ColorInput
          label={t('tags.color')}
          format="hex"
          swatches={swatches}
          swatchesPerRow={10}
          {...form.getInputProps('color')}
        />
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('tags.preview')}
          </Text>
          <Badge variant="light" tt="none" color={form.values.color || 'gray'}>
            {form.values.name || t('fields.name')}
          </Badge>
        </Group>
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
