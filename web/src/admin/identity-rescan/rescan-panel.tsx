import { Alert, Button, Card, Group, Modal, Progress, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { type Rescan, useLatestRescan, useStartRescan } from './rescan.api.ts';

/**
 * Duplicates → "Re-run identity resolution" (issue 14, point 5): the resolver over every profile
 * as a background job, with its progress and what it merged and queued. For staff who may merge.
 */
export function RescanPanel() {
  const { t } = useTranslation();
  const latest = useLatestRescan();
  const start = useStartRescan();
  const [confirming, setConfirming] = useState(false);
  const run = latest.data ?? undefined;
  const active = run?.status === 'queued' || run?.status === 'running';

  return (
    <Card mb="md" data-testid="rescan-panel">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2} maw={640}>
            <Title order={4}>{t('identityRescan.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('identityRescan.description')}
            </Text>
          </Stack>
          <Group gap="xs">
            <Button
              variant="default"
              disabled={active}
              loading={start.isPending && start.variables}
              onClick={() => start.mutate(true)}
              title={t('identityRescan.dryRunHint')}
              data-testid="rescan-dry-run"
            >
              {t('identityRescan.dryRun')}
            </Button>
            <Button
              leftSection={<IconRefresh size={16} />}
              disabled={active}
              loading={start.isPending && !start.variables}
              onClick={() => setConfirming(true)}
              data-testid="rescan-start"
            >
              {t('identityRescan.start')}
            </Button>
          </Group>
        </Group>
        {start.isError ? <Alert color="red">{describeError(start.error)}</Alert> : null}
        {run ? <RescanStatus run={run} /> : null}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('identityRescan.confirmTitle')}>
        <Text size="sm" mb="md">
          {t('identityRescan.confirm')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('actions.cancel')}
          </Button>
          <Button
            onClick={() => {
              setConfirming(false);
              start.mutate(false);
            }}
            data-testid="rescan-confirm"
          >
            {t('identityRescan.confirmAction')}
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}

function RescanStatus({ run }: { run: Rescan }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = Object.fromEntries(Object.entries(run.summary).map(([k, v]) => [k, format.number(v)]));
  if (run.status === 'queued' || run.status === 'running') {
    const total = run.progress.total ?? 0;
    return (
      <Stack gap={4} data-testid="rescan-progress">
        <Text size="sm">
          {run.status === 'queued'
            ? t('identityRescan.queued')
            : t('identityRescan.running', { done: format.number(run.progress.done), total: format.number(total) })}
        </Text>
        <Progress
          value={total ? (run.progress.done / total) * 100 : 0}
          striped
          animated
          aria-label={t('identityRescan.title')}
        />
      </Stack>
    );
  }
  if (run.status === 'failed')
    return <Alert color="red">{t('identityRescan.failed', { failure: run.failure ?? '' })}</Alert>;
  return (
    <Alert
      color={run.dryRun ? 'gray' : 'teal'}
      title={t(run.dryRun ? 'identityRescan.dryDoneTitle' : 'identityRescan.doneTitle')}
      data-testid="rescan-summary"
    >
      <Text size="sm">{t(run.dryRun ? 'identityRescan.drySummary' : 'identityRescan.summary', counts)}</Text>
      {run.finishedAt ? (
        <Text size="xs" c="dimmed">
          {t('identityRescan.lastRun', { when: format.relative(run.finishedAt) })}
        </Text>
      ) : null}
    </Alert>
  );
}
