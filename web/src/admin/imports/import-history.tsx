import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Progress,
  Skeleton,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { StatusBadge, useImportLabels } from './import-labels.tsx';
import type { ImportRun } from './import.types.ts';
import { errorReportUrl, isActive, useImportHistory } from './imports.api.ts';

/** Past imports, newest first: when, who, which file, dry run or not, status and counts. */
export function ImportHistory() {
  const { t } = useTranslation();
  const history = useImportHistory();
  const runs = history.data?.pages.flatMap((page) => page.items);

  let body;
  if (history.isError) {
    body = (
      <Alert color="red" title={t('errors.title')}>
        {describeError(history.error)}
      </Alert>
    );
  } else if (!runs) {
    body = (
      <Card padding="md">
        {[0, 1, 2].map((row) => (
          <Skeleton key={row} h={28} mb="sm" />
        ))}
      </Card>
    );
  } else if (runs.length === 0) {
    body = (
      <Card py={40}>
        <EmptyState
          icon={<IconHistory size={26} />}
          variant="light"
          title={t('imports.history.emptyTitle')}
          description={t('imports.history.emptyDescription')}
          data-testid="import-history-empty"
        />
      </Card>
    );
  } else {
    body = (
      <Card padding={0}>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="import-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.history.date')}</Table.Th>
                <Table.Th>{t('imports.history.who')}</Table.Th>
                <Table.Th>{t('imports.history.file')}</Table.Th>
                <Table.Th>{t('imports.history.mode')}</Table.Th>
                <Table.Th>{t('imports.history.status')}</Table.Th>
                <Table.Th>{t('imports.history.counts')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.map((run) => (
                <HistoryRow key={run.id} run={run} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    );
  }

  return (
    <section>
      <Title order={4} mb="sm">
        {t('imports.history.title')}
      </Title>
      {body}
      {history.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            loading={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
            data-testid="import-history-more"
          >
            {t('imports.history.more')}
          </Button>
        </Group>
      ) : null}
    </section>
  );
}

function HistoryRow({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useImportLabels();
  const user = useCurrentUser();
  // Opening a run continues a dry run (or shows an import's result) in the wizard.
  const canOpen = hasPermission(user, 'imports:write');
  const summary = run.summary;
  const counts = summary
    ? [
        t('imports.history.records', { count: summary.records, formatted: format.number(summary.records) }),
        t(run.dryRun ? 'imports.history.toCreate' : 'imports.history.created', {
          formatted: format.number(summary.created),
        }),
        t(run.dryRun ? 'imports.history.toUpdate' : 'imports.history.updated', {
          formatted: format.number(summary.updated),
        }),
        t('imports.history.invalid', { formatted: format.number(summary.invalid) }),
      ].join(' · ')
    : '—';
  return (
    <Table.Tr data-testid="import-history-row" data-id={run.id} data-dry-run={run.dryRun}>
      <Table.Td>
        <Text size="sm">{run.createdAt ? format.dateTime(run.createdAt) : '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{labels.author(run.createdBy, user)}</Text>
      </Table.Td>
      <Table.Td>
        {canOpen ? (
          <Anchor
            component={Link}
            to={`/guests/import?import=${encodeURIComponent(run.id)}`}
            size="sm"
            fw={500}
            display="block"
            truncate
            maw={240}
            data-testid="import-history-file"
          >
            {run.fileName || '—'}
          </Anchor>
        ) : (
          <Text size="sm" fw={500} truncate maw={240} data-testid="import-history-file">
            {run.fileName || '—'}
          </Text>
        )}
        {summary?.formatId || summary?.formatName ? (
          <Text size="xs" c="dimmed" truncate maw={240}>
            {labels.format(summary.formatId, summary.formatName)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Badge variant="outline" color={run.dryRun ? 'gray' : 'teal'} data-testid="import-history-mode">
          {t(run.dryRun ? 'imports.history.dryRun' : 'imports.history.realRun')}
        </Badge>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <StatusBadge run={run} />
      </Table.Td>
      <Table.Td>
        {isActive(run) ? (
          <Progress
            value={run.progress.total ? (run.progress.done / run.progress.total) * 100 : 100}
            striped
            animated
            size="sm"
            maw={220}
            aria-label={t(`imports.status.${run.status}`)}
          />
        ) : (
          <Text size="sm" data-testid="import-history-counts">
            {counts}
          </Text>
        )}
        {summary && summary.invalid > 0 ? (
          <Anchor size="xs" href={errorReportUrl(run.id)} download>
            {t('imports.errors.downloadShort')}
          </Anchor>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
