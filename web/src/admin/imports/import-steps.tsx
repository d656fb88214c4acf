import { Alert, Button, Card, Group, Loader, Progress, Radio, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconCircleCheck, IconFileImport, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { ImportCounts, ImportErrors, ImportExtras } from './import-summary.tsx';
import { ON_EXISTING, type ImportRun, type OnExisting } from './import.types.ts';
import { isActive, useImport } from './imports.api.ts';

// The parts of the import wizard's steps: the existing-guest choice, progress, the check and the result.

/** "When a guest is already in Clientela": enrich, overwrite or skip, each explained. */
export function OnExistingChoice({ value, onChange }: { value: OnExisting; onChange: (value: OnExisting) => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder shadow="none">
      <Radio.Group
        value={value}
        onChange={(next) => onChange(next)}
        label={t('imports.onExisting.label')}
        description={t('imports.onExisting.hint')}
        data-testid="import-on-existing"
      >
        <Stack gap="sm" mt="sm">
          {ON_EXISTING.map((choice) => (
            <Radio
              key={choice}
              value={choice}
              label={t(`imports.onExisting.${choice}`)}
              description={t(`imports.onExisting.${choice}Hint`)}
              data-testid={`on-existing-${choice}`}
            />
          ))}
        </Stack>
      </Radio.Group>
    </Card>
  );
}

/** While a file is read: how far it got (a bar once the number of records is known). */
export function Working({ run, label }: { run: ImportRun | undefined; label: string }) {
  const format = useFormat();
  const { t } = useTranslation();
  const done = run?.progress.done ?? 0;
  const total = run?.progress.total ?? 0;
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <Card withBorder shadow="none" py="xl" data-testid="import-working">
      <Stack align="center" gap="sm">
        <Loader size="md" color="teal" />
        <Text fw={600}>{label}</Text>
        <Progress
          w="100%"
          maw={520}
          size="lg"
          radius="xl"
          value={total > 0 ? percent : 100}
          striped={total === 0}
          animated
          color="teal"
          data-testid="import-progress"
          aria-valuenow={percent}
        />
        <Text size="sm" c="dimmed" data-testid="import-progress-text">
          {total > 0
            ? t('imports.progress.counted', { done: format.number(done), total: format.number(total), percent })
            : t(run?.status === 'queued' ? 'imports.progress.queued' : 'imports.progress.starting')}
        </Text>
      </Stack>
    </Card>
  );
}

export function ReviewStep(props: {
  uploadGone: boolean;
  check: ImportRun | undefined;
  error: unknown;
  onBack: () => void;
  onImport: () => void;
  starting: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { check } = props;
  const importable = check?.summary ? check.summary.records - check.summary.invalid : 0;
  let body;
  if (props.error) {
    body = (
      <Alert color="red" title={t('errors.title')}>
        {describeError(props.error)}
      </Alert>
    );
  } else if (!check || isActive(check)) {
    body = <Working run={check} label={t('imports.progress.checking')} />;
  } else if (check.status === 'failed' || !check.summary) {
    body = <Failed run={check} />;
  } else {
    body = (
      <Stack gap="md" data-testid="import-dry-run">
        <Text size="sm" c="dimmed">
          {t('imports.review.hint')}
        </Text>
        <ImportCounts summary={check.summary} dryRun />
        <ImportExtras summary={check.summary} dryRun />
        <ImportErrors run={check} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {body}
      {props.uploadGone ? (
        <Alert color="orange" variant="light" data-testid="import-upload-gone">
          {t('errors.import_upload_gone')}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Button
          variant="default"
          leftSection={<IconArrowLeft size={16} />}
          onClick={props.onBack}
          disabled={props.uploadGone}
        >
          {t('imports.actions.backToColumns')}
        </Button>
        <Button
          leftSection={<IconFileImport size={18} />}
          disabled={!check || check.status !== 'done' || importable <= 0 || props.uploadGone}
          loading={props.starting}
          onClick={props.onImport}
          data-testid="import-start"
        >
          {t('imports.actions.import', { count: importable, formatted: format.number(importable) })}
        </Button>
      </Group>
    </Stack>
  );
}

export function Failed({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const failure = run.failure;
  return (
    <Alert color="red" title={t('imports.failed.title')} data-testid="import-failed">
      {failure || t('imports.failed.description')}
    </Alert>
  );
}

export function RunStep({ runId, onAnother }: { runId: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const run = useImport(runId);
  if (run.isError) {
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(run.error)}
      </Alert>
    );
  }
  if (!run.data || isActive(run.data)) return <Working run={run.data} label={t('imports.progress.importing')} />;
  const done = run.data;
  const actions = (
    <Group justify="space-between">
      <Button
        variant="default"
        leftSection={<IconRefresh size={16} />}
        onClick={onAnother}
        data-testid="import-another"
      >
        {t('imports.actions.another')}
      </Button>
      <Button component={Link} to="/guests" rightSection={<IconArrowRight size={16} />}>
        {t('imports.actions.openGuests')}
      </Button>
    </Group>
  );
  if (done.status === 'failed' || !done.summary) {
    return (
      <Stack gap="md">
        <Failed run={done} />
        {actions}
      </Stack>
    );
  }
  const imported = done.summary.created + done.summary.updated;
  return (
    <Stack gap="md" data-testid="import-result">
      <Card withBorder shadow="none">
        <Group gap="md" wrap="nowrap">
          <ThemeIcon size={44} radius="xl" color="teal" variant="light">
            <IconCircleCheck size={26} />
          </ThemeIcon>
          <Stack gap={2}>
            <Title order={4}>{t('imports.result.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('imports.result.description', {
                count: imported,
                formatted: format.number(imported),
                created: format.number(done.summary.created),
                updated: format.number(done.summary.updated),
              })}
            </Text>
          </Stack>
        </Group>
      </Card>
      <ImportCounts summary={done.summary} dryRun={false} />
      <ImportExtras summary={done.summary} dryRun={false} />
      <ImportErrors run={done} />
      {actions}
    </Stack>
  );
}
