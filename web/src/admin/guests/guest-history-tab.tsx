import { Alert, Button, Card, EmptyState, Group, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowRight, IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import type { HistoryEntry } from './guest.types.ts';
import { useGuestHistory } from './guests.api.ts';
import { HistoryValue } from './history-value.tsx';

function FieldName({ field }: { field: string }) {
  const { t, i18n } = useTranslation();
  const key = `guests.historyFields.${field.replace(/\./g, '_')}`;
  return (
    <Text size="sm" fw={600}>
      {i18n.exists(key) ? t(key) : field}
    </Text>
  );
}

function Actor({ entry }: { entry: HistoryEntry }) {
  const { t, i18n } = useTranslation();
  const kind = `guests.actors.${entry.actor.type}`;
  return <Text size="sm">{entry.actor.name ?? (i18n.exists(kind) ? t(kind) : entry.actor.type)}</Text>;
}

/** G-9: who changed what and when, old → new, newest first. */
export function GuestHistoryTab({ guestId }: { guestId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useGuestHistory(guestId);
  const entries = history.data?.pages.flatMap((page) => page.items);

  if (history.isError) {
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(history.error)}
      </Alert>
    );
  }
  if (entries?.length === 0) {
    return (
      <Card py={48}>
        <EmptyState
          icon={<IconHistory size={28} />}
          variant="light"
          title={t('guests.history.emptyTitle')}
          description={t('guests.history.emptyDescription')}
        />
      </Card>
    );
  }
  return (
    <>
      <Card p={0}>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="guest-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('guests.history.when')}</Table.Th>
                <Table.Th>{t('guests.history.who')}</Table.Th>
                <Table.Th>{t('guests.history.field')}</Table.Th>
                <Table.Th>{t('guests.history.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries
                ? entries.map((entry) => (
                    <Table.Tr key={entry.id} data-testid="history-row">
                      <Table.Td>
                        <Tooltip label={format.dateTime(entry.at)}>
                          <Text size="sm">{format.relative(entry.at)}</Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Actor entry={entry} />
                      </Table.Td>
                      <Table.Td>
                        <FieldName field={entry.field} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="wrap">
                          <HistoryValue field={entry.field} value={entry.oldValue} />
                          <IconArrowRight size={14} color="var(--mantine-color-dimmed)" />
                          <HistoryValue field={entry.field} value={entry.newValue} />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))
                : [0, 1, 2].map((row) => (
                    <Table.Tr key={row}>
                      <Table.Td colSpan={4}>
                        <Skeleton h={24} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {history.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button variant="default" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
            {t('guests.history.older')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}
