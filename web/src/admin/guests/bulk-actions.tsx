import { Alert, Button, Group, List, Modal, MultiSelect, Paper, Stack, Text } from '@mantine/core';
import { IconTagMinus, IconTagPlus, IconUserMinus, IconUserPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../shared/errors.ts';
import { MergeSelectedButton } from '../merges/merge-selected-button.tsx';
import { useCatalogName, useGroups, useTags } from '../settings/catalog.api.ts';
import type { BulkResult } from './guest.types.ts';
import { useBulkChange } from './guests.api.ts';

type BulkAction = 'addTag' | 'removeTag' | 'addGroup' | 'removeGroup';
const actions: { action: BulkAction; icon: typeof IconTagPlus }[] = [
  { action: 'addTag', icon: IconTagPlus },
  { action: 'removeTag', icon: IconTagMinus },
  { action: 'addGroup', icon: IconUserPlus },
  { action: 'removeGroup', icon: IconUserMinus },
];

interface BulkActionsBarProps {
  selectedIds: string[];
  /** Names of the selected guests, to explain refusals. */
  nameOf: (guestId: string) => string;
  onClear: () => void;
}

/** Shown while rows are selected: add or remove tags and groups on all of them. */
export function BulkActionsBar({ selectedIds, nameOf, onClear }: BulkActionsBarProps) {
  const { t } = useTranslation();
  const [action, setAction] = useState<BulkAction | null>(null);
  if (selectedIds.length === 0) return null;
  return (
    <Paper withBorder shadow="sm" p="xs" px="md" mb="sm" bg="var(--mantine-color-teal-light)" data-testid="bulk-bar">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" fw={600}>
          {t('guests.bulk.selected', { count: selectedIds.length })}
        </Text>
        <Group gap="xs" wrap="wrap">
          {actions.map(({ action: value, icon: Icon }) => (
            <Button
              key={value}
              size="compact-sm"
              variant="white"
              leftSection={<Icon size={16} />}
              onClick={() => setAction(value)}
              data-testid={`bulk-${value}`}
            >
              {t(`guests.bulk.${value}`)}
            </Button>
          ))}
          <MergeSelectedButton guestIds={selectedIds} />
          <Button size="compact-sm" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>
            {t('guests.bulk.clear')}
          </Button>
        </Group>
      </Group>
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action ? t(`guests.bulk.${action}`) : ''}>
        {action ? (
          <BulkForm
            key={action}
            action={action}
            guestIds={selectedIds}
            nameOf={nameOf}
            onDone={() => setAction(null)}
          />
        ) : null}
      </Modal>
    </Paper>
  );
}

interface BulkFormProps {
  action: BulkAction;
  guestIds: string[];
  nameOf: (guestId: string) => string;
  onDone: () => void;
}

function BulkForm({ action, guestIds, nameOf, onDone }: BulkFormProps) {
  const { t, i18n } = useTranslation();
  const tags = useTags();
  const groups = useGroups();
  const catalogName = useCatalogName();
  const bulk = useBulkChange();
  const [values, setValues] = useState<string[]>([]);
  const [result, setResult] = useState<BulkResult | null>(null);
  const isTag = action === 'addTag' || action === 'removeTag';
  const isAdd = action === 'addTag' || action === 'addGroup';
  const options = isTag
    ? (tags.data?.items ?? []).map((tag) => ({ value: tag.name, label: catalogName(tag) }))
    : (groups.data?.items ?? []).map((group) => ({ value: group.id, label: catalogName(group) }));

  const apply = () =>
    bulk.mutate(
      { kind: isTag ? 'tags' : 'groups', guestIds, ...(isAdd ? { add: values } : { remove: values }) },
      {
        onSuccess: (answer) => {
          if (answer.refused?.length) setResult(answer);
          else {
            notifySuccess(t('guests.bulk.done', { count: answer.updated }));
            onDone();
          }
        },
      },
    );

  if (result) {
    const reason = (code: string) =>
      i18n.exists(`guests.bulk.reasons.${code}`) ? t(`guests.bulk.reasons.${code}`) : code;
    return (
      <Stack data-testid="bulk-result">
        <Text size="sm">{t('guests.bulk.done', { count: result.updated })}</Text>
        <Alert color="orange" title={t('guests.bulk.refusedTitle', { count: result.refused?.length ?? 0 })}>
          <List size="sm" spacing={4}>
            {result.refused?.map((refusal) => (
              <List.Item key={refusal.guestId}>
                <b>{nameOf(refusal.guestId)}</b> — {reason(refusal.reason)}
              </List.Item>
            ))}
          </List>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onDone}>{t('guests.bulk.close')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t(`guests.bulk.${action}Hint`, { count: guestIds.length })}
      </Text>
      <MultiSelect
        label={t(isTag ? 'guests.fields.tags' : 'guests.fields.groups')}
        data={options}
        value={values}
        onChange={setValues}
        searchable
        data-autofocus
        data-testid="bulk-values"
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('actions.cancel')}
        </Button>
        <Button onClick={apply} disabled={values.length === 0} loading={bulk.isPending} data-testid="bulk-apply">
          {t('guests.bulk.apply')}
        </Button>
      </Group>
    </Stack>
  );
}
