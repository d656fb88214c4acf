import {
  ActionIcon,
  Badge,
  Button,
  Divider,
  Group,
  Loader,
  Modal,
  Popover,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBookmark, IconBookmarkPlus, IconChevronDown, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldErrorsOf, notifySuccess } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { filtersFromRecord, filtersToRecord, type GuestFilters } from './guest-filters.ts';
import type { Segment } from './guest.types.ts';
import { useCreateSegment, useDeleteSegment, useSegmentCount, useSegments } from './guests.api.ts';

interface SegmentsMenuProps {
  filters: GuestFilters;
  /** The segment the current filters came from, if any. */
  activeSegmentId: string | null;
  canSave: boolean;
  onApply: (segment: Segment, filters: GuestFilters) => void;
}

/** Saved segments (G-4): apply one, see how many guests it holds, save the current filters as one. */
export function SegmentsMenu({ filters, activeSegmentId, canSave, onApply }: SegmentsMenuProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [saving, setSaving] = useState(false);
  const segments = useSegments();
  const deleteSegment = useDeleteSegment();
  const hasFilters = Object.keys(filtersToRecord(filters)).length > 0;
  const active = segments.data?.items.find((segment) => segment.id === activeSegmentId);

  return (
    <>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={320} shadow="md">
        <Popover.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} />}
            rightSection={<IconChevronDown size={14} />}
            onClick={() => setOpened((o) => !o)}
            data-testid="segments-button"
          >
            {active ? active.name : t('guests.segments.title')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown p="xs">
          <ScrollArea.Autosize mah={300}>
            {segments.isPending ? (
              <Loader size="sm" m="sm" />
            ) : segments.data?.items.length ? (
              <Stack gap={2} data-testid="segment-list">
                {segments.data.items.map((segment) => (
                  <Group key={segment.id} gap={4} wrap="nowrap" justify="space-between">
                    <UnstyledButton
                      style={{ flex: 1, borderRadius: 6 }}
                      px="xs"
                      py={6}
                      bg={segment.id === activeSegmentId ? 'var(--mantine-color-teal-light)' : undefined}
                      onClick={() => {
                        onApply(segment, filtersFromRecord(segment.filters));
                        setOpened(false);
                      }}
                      data-testid="segment-item"
                    >
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Text size="sm" truncate>
                          {segment.name}
                        </Text>
                        <SegmentCount segmentId={segment.id} enabled={opened} />
                      </Group>
                    </UnstyledButton>
                    {canSave ? (
                      <Tooltip label={t('guests.segments.delete')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('guests.segments.delete')}
                          loading={deleteSegment.isPending && deleteSegment.variables === segment.id}
                          onClick={() =>
                            deleteSegment.mutate(segment.id, {
                              onSuccess: () => notifySuccess(t('guests.segments.deleted', { name: segment.name })),
                            })
                          }
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    ) : null}
                  </Group>
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed" p="xs">
                {t('guests.segments.empty')}
              </Text>
            )}
          </ScrollArea.Autosize>
          {canSave ? (
            <>
              <Divider my="xs" />
              <Tooltip label={t('guests.segments.nothingToSave')} disabled={hasFilters}>
                <Button
                  fullWidth
                  variant="light"
                  leftSection={<IconBookmarkPlus size={16} />}
                  disabled={!hasFilters}
                  onClick={() => {
                    setOpened(false);
                    setSaving(true);
                  }}
                  data-testid="segment-save"
                >
                  {t('guests.segments.save')}
                </Button>
              </Tooltip>
            </>
          ) : null}
        </Popover.Dropdown>
      </Popover>
      <Modal opened={saving} onClose={() => setSaving(false)} title={t('guests.segments.saveTitle')}>
        {saving ? <SaveSegmentForm filters={filters} onDone={() => setSaving(false)} onApply={onApply} /> : null}
      </Modal>
    </>
  );
}

function SegmentCount({ segmentId, enabled }: { segmentId: string; enabled: boolean }) {
  const count = useSegmentCount(segmentId, enabled);
  const format = useFormat();
  if (count.data === undefined) return null;
  return (
    <Badge size="sm" variant="light" color="gray">
      {format.number(count.data)}
    </Badge>
  );
}

interface SaveSegmentFormProps {
  filters: GuestFilters;
  onDone: () => void;
  onApply: (segment: Segment, filters: GuestFilters) => void;
}

function SaveSegmentForm({ filters, onDone, onApply }: SaveSegmentFormProps) {
  const { t } = useTranslation();
  const create = useCreateSegment();
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const submit = form.onSubmit(({ name }) =>
    create.mutate(
      { name: name.trim(), filters: filtersToRecord(filters) },
      {
        onSuccess: (segment) => {
          notifySuccess(t('guests.segments.saved', { name: segment.name }));
          onApply(segment, filters);
          onDone();
        },
        onError: (error) => {
          const errors = fieldErrorsOf(error);
          form.setErrors(Object.keys(errors).length ? errors : { name: describeError(error) });
        },
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('guests.segments.saveHint')}
        </Text>
        <TextInput
          label={t('fields.name')}
          placeholder={t('guests.segments.namePlaceholder')}
          data-autofocus
          name="segmentName"
          {...form.getInputProps('name')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="segment-save-submit">
            {t('guests.segments.saveSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
