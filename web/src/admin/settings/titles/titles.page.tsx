import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, notifySuccess } from '../../../shared/errors.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { languages, type Language } from '../../../shared/types.ts';
import type { Title } from '../../guests/guest.types.ts';
import { titleLabel } from '../../guests/guest-display.tsx';
import { hasPermission, useCurrentUser } from '../../session/session-context.tsx';
import { CatalogTable } from '../catalog-table.tsx';
import { useDeleteCatalogItem, useSaveCatalogItem, useTitles } from '../catalog.api.ts';
import { ConfirmDeleteModal } from '../confirm-delete-modal.tsx';

/** Settings → Titles (G-6): Mr., Mrs., Dr. … with a label per language. */
export function TitlesPage() {
  const { t } = useTranslation();
  const canWrite = hasPermission(useCurrentUser(), 'settings:write');
  const titles = useTitles();
  const remove = useDeleteCatalogItem('titles');
  const [editing, setEditing] = useState<Title | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Title | null>(null);
  const items = titles.data ? [...titles.data.items].sort((a, b) => a.position - b.position) : undefined;

  return (
    <>
      <PageHeader
        title={t('nav.titles')}
        description={t('sections.titles')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')} data-testid="title-create">
              {t('titles.create')}
            </Button>
          ) : null
        }
      />
      <CatalogTable
        testId="titles"
        items={items}
        error={titles.error}
        columns={[
          ...languages.map((language) => ({
            key: language,
            label: t(`language.name.${language}`),
            render: (title: Title) => <Text size="sm">{title.labels[language]}</Text>,
          })),
          {
            key: 'position',
            label: t('titles.position'),
            align: 'right' as const,
            render: (title: Title) => <Text size="sm">{title.position}</Text>,
          },
        ]}
        onEdit={canWrite ? setEditing : undefined}
        onDelete={canWrite ? setDeleting : undefined}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing === 'new' ? 'titles.createTitle' : 'titles.editTitle')}
      >
        {editing !== null ? (
          <TitleForm
            title={editing === 'new' ? undefined : editing}
            nextPosition={(items?.at(-1)?.position ?? 0) + 1}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Modal>
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={t('titles.deleteTitle')}
        message={t('titles.deleteConfirm', { name: deleting ? titleLabel(deleting) : '' })}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(t('titles.deleted'));
              setDeleting(null);
            },
          })
        }
      />
    </>
  );
}

function TitleForm({ title, nextPosition, onDone }: { title?: Title; nextPosition: number; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCatalogItem<Title>('titles');
  const form = useForm({
    initialValues: {
      labels: { en: title?.labels.en ?? '', es: title?.labels.es ?? '', fr: title?.labels.fr ?? '' },
      position: title?.position ?? nextPosition,
    },
    validate: {
      labels: {
        en: (value: string) => (value.trim() ? null : t('validation.required')),
        es: (value: string) => (value.trim() ? null : t('validation.required')),
        fr: (value: string) => (value.trim() ? null : t('validation.required')),
      },
    },
  });
  const submit = form.onSubmit((values) => {
    const labels = Object.fromEntries(
      languages.map((language: Language) => [language, values.labels[language].trim()]),
    );
    save.mutate(
      { id: title?.id, body: { labels, position: values.position } },
      {
        onSuccess: () => {
          notifySuccess(t('titles.saved'));
          onDone();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('titles.hint')}
        </Text>
        <SimpleGrid cols={3}>
          {languages.map((language, index) => (
            <TextInput
              key={language}
              label={t(`language.native.${language}`)}
              name={`labels.${language}`}
              data-autofocus={index === 0 || undefined}
              {...form.getInputProps(`labels.${language}`)}
            />
          ))}
        </SimpleGrid>
        <NumberInput
          label={t('titles.position')}
          description={t('titles.positionHint')}
          min={0}
          allowDecimal={false}
          maw={200}
          {...form.getInputProps('position')}
        />
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
