import { Alert, Anchor, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarPlus,
  IconDownload,
  IconEqual,
  IconFileDescription,
  IconRefresh,
  IconTagOff,
  IconUserPlus,
  IconUserX,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format.ts';
import { useImportLabels } from './import-labels.tsx';
import type { ImportRun, ImportSummary } from './import.types.ts';
import { errorReportUrl } from './imports.api.ts';

/** How many errors the review shows before pointing to the full report. */
const FIRST_ERRORS = 10;

function Stat(props: { label: string; value: number; icon: ReactNode; color: string; testId: string }) {
  const format = useFormat();
  return (
    <Card withBorder shadow="none" padding="md" data-testid={props.testId} data-value={props.value}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {props.label}
          </Text>
          <Text fw={700} fz={26} lh={1.2}>
            {format.number(props.value)}
          </Text>
        </Stack>
        <ThemeIcon variant="light" color={props.color} radius="md" size={34}>
          {props.icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

/** The counts of a dry run ("to create") or of a finished import ("created"). */
export function ImportCounts({ summary, dryRun }: { summary: ImportSummary; dryRun: boolean }) {
  const { t } = useTranslation();
  const mode = dryRun ? 'dry' : 'done';
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" data-testid="import-counts">
      <Stat
        label={t('imports.counts.records')}
        value={summary.records}
        icon={<IconFileDescription size={20} />}
        color="gray"
        testId="count-records"
      />
      <Stat
        label={t(`imports.counts.${mode}.created`)}
        value={summary.created}
        icon={<IconUserPlus size={20} />}
        color="teal"
        testId="count-created"
      />
      <Stat
        label={t(`imports.counts.${mode}.updated`)}
        value={summary.updated}
        icon={<IconRefresh size={20} />}
        color="blue"
        testId="count-updated"
      />
      <Stat
        label={t('imports.counts.unchanged')}
        value={summary.unchanged}
        icon={<IconEqual size={20} />}
        color="gray"
        testId="count-unchanged"
      />
      <Stat
        label={t('imports.counts.invalid')}
        value={summary.invalid}
        icon={<IconUserX size={20} />}
        color={summary.invalid ? 'red' : 'gray'}
        testId="count-invalid"
      />
    </SimpleGrid>
  );
}

/** Bookings, room types and dropped tags: what else an import did besides guests. */
export function ImportExtras({ summary, dryRun }: { summary: ImportSummary; dryRun: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const bookings = summary.bookings;
  const roomTypes = summary.roomTypesCreated ?? [];
  const tagsDropped = summary.tagsDropped ?? 0;
  if (!bookings?.created && !bookings?.existing && !roomTypes.length && !tagsDropped) return null;
  const mode = dryRun ? 'dry' : 'done';
  return (
    <Card withBorder shadow="none" data-testid="import-extras">
      <List spacing="xs" size="sm">
        {bookings && (bookings.created || bookings.existing) ? (
          <List.Item
            icon={
              <ThemeIcon size={22} radius="xl" variant="light" color="teal">
                <IconCalendarPlus size={14} />
              </ThemeIcon>
            }
            data-testid="extras-bookings"
          >
            {t(`imports.extras.${mode}.bookings`, {
              count: bookings.created,
              formatted: format.number(bookings.created),
              existing: format.number(bookings.existing),
            })}
          </List.Item>
        ) : null}
        {roomTypes.length ? (
          <List.Item
            icon={
              <ThemeIcon size={22} radius="xl" variant="light" color="blue">
                <IconCalendarPlus size={14} />
              </ThemeIcon>
            }
            data-testid="extras-room-types"
          >
            {t(`imports.extras.${mode}.roomTypes`, { count: roomTypes.length, names: roomTypes.join(', ') })}
          </List.Item>
        ) : null}
        {tagsDropped ? (
          <List.Item
            icon={
              <ThemeIcon size={22} radius="xl" variant="light" color="orange">
                <IconTagOff size={14} />
              </ThemeIcon>
            }
            data-testid="extras-tags"
          >
            {t('imports.extras.tagsDropped', { count: tagsDropped, formatted: format.number(tagsDropped) })}
          </List.Item>
        ) : null}
      </List>
    </Card>
  );
}

/** The download link of an import's error report. */
export function ErrorReportButton({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={errorReportUrl(run.id)}
      download
      variant="light"
      color="red"
      leftSection={<IconDownload size={16} />}
      data-testid="import-error-report"
    >
      {t('imports.errors.download')}
    </Button>
  );
}

/** The first rejected records: record number, field and what is wrong. */
export function ImportErrors({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useImportLabels();
  const summary = run.summary;
  if (!summary || summary.invalid === 0) {
    return (
      <Alert color="teal" variant="light" data-testid="import-no-errors">
        {t(run.dryRun ? 'imports.errors.noneDry' : 'imports.errors.none')}
      </Alert>
    );
  }
  const errors = summary.errors ?? [];
  const shown = errors.slice(0, FIRST_ERRORS);
  const more = errors.length - shown.length;
  return (
    <Card withBorder shadow="none" padding={0}>
      <Group justify="space-between" p="md" wrap="wrap">
        <Group gap="xs">
          <IconAlertTriangle size={18} color="var(--mantine-color-red-6)" />
          <Text fw={600}>
            {t('imports.errors.title', { count: summary.invalid, formatted: format.number(summary.invalid) })}
          </Text>
        </Group>
        <ErrorReportButton run={run} />
      </Group>
      <Text size="sm" c="dimmed" px="md" pb="sm">
        {t('imports.errors.hint')}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table striped verticalSpacing="xs" data-testid="import-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>{t('imports.errors.record')}</Table.Th>
              <Table.Th w={200}>{t('imports.errors.field')}</Table.Th>
              <Table.Th>{t('imports.errors.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((problem, index) => (
              <Table.Tr key={`${problem.record}-${problem.field}-${index}`} data-testid="import-error-row">
                <Table.Td>{format.number(problem.record)}</Table.Td>
                <Table.Td>{problem.field ? labels.field(problem.field) : '—'}</Table.Td>
                <Table.Td>{labels.problem(problem)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more > 0 ? (
        <Text size="sm" c="dimmed" p="md">
          {t('imports.errors.more', { count: more, formatted: format.number(more) })}{' '}
          <Anchor href={errorReportUrl(run.id)} download>
            {t('imports.errors.downloadShort')}
          </Anchor>
        </Text>
      ) : null}
    </Card>
  );
}
