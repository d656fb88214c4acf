import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  Radio,
  Skeleton,
  Stack,
  Stepper,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconCircleCheck, IconFileImport, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { FileDrop } from './file-drop.tsx';
import { ImportCounts, ImportErrors, ImportExtras } from './import-summary.tsx';
import { ON_EXISTING, type ImportField, type ImportMapping, type ImportRun, type OnExisting } from './import.types.ts';
import { isActive, useImport, useImportColumns, useRunImport, useUploadImport } from './imports.api.ts';
import { DetectedFormat, MappingTable, detectedMapping } from './mapping-table.tsx';

type Step = 'upload' | 'columns' | 'review' | 'import';
const STEPS: Step[] = ['upload', 'columns', 'review', 'import'];

interface ImportWizardProps {
  /** A past import opened from the history: a dry run continues at its check, an import shows its result. */
  resume?: ImportRun;
  /** "Import another file". */
  onReset?: () => void;
}

function startingPoint(resume: ImportRun | undefined) {
  const none = { step: 'upload' as Step, checkId: null, runId: null, checkedKey: null, mapping: null };
  if (!resume) return { ...none, onExisting: 'enrich' as OnExisting };
  const onExisting = resume.onExisting ?? 'enrich';
  if (!resume.dryRun) return { ...none, step: 'import' as Step, runId: resume.id, onExisting };
  const mapping = resume.summary?.mapping ?? null;
  return {
    step: 'review' as Step,
    checkId: resume.id,
    runId: null,
    checkedKey: mapping ? settingsKey(mapping, onExisting) : null,
    mapping,
    onExisting,
  };
}

/** What a check was run with: a new check is needed when the mapping or the choice changes. */
const settingsKey = (mapping: ImportMapping, onExisting: OnExisting) => JSON.stringify([mapping, onExisting]);

/**
 * D-1 in four steps: upload (read as a dry run at once), match the columns, review the dry run,
 * then the real import with its progress and result.
 */
export function ImportWizard({ resume, onReset }: ImportWizardProps) {
  const { t } = useTranslation();
  const upload = useUploadImport();
  const runImport = useRunImport();
  const start = startingPoint(resume);
  const [step, setStep] = useState<Step>(start.step);
  const [fileName, setFileName] = useState<string>();
  /** The first import of the upload: its columns are read from it and later runs of the file go through it. */
  const [sourceId, setSourceId] = useState<string | null>(start.checkId);
  const [checkId, setCheckId] = useState<string | null>(start.checkId);
  const [checkedKey, setCheckedKey] = useState<string | null>(start.checkedKey);
  const [runId, setRunId] = useState<string | null>(start.runId);
  const [edited, setEdited] = useState<ImportMapping | null>(start.mapping);
  const [onExisting, setOnExisting] = useState<OnExisting>(start.onExisting);

  const columns = useImportColumns(sourceId);
  const check = useImport(checkId);
  const run = useImport(runId);
  const finished = run.data?.status === 'done';
  const detected = columns.data ? detectedMapping(columns.data.columns) : null;
  const mapping = edited ?? detected;

  const reset = () => {
    onReset?.();
    upload.reset();
    runImport.reset();
    setStep('upload');
    setSourceId(null);
    setCheckId(null);
    setCheckedKey(null);
    setRunId(null);
    setEdited(null);
    setOnExisting('enrich');
  };

  const onFile = (file: File) => {
    setFileName(file.name);
    upload.mutate(
      { file },
      {
        onSuccess: ({ id }) => {
          setSourceId(id);
          setCheckId(id);
          setStep('columns');
        },
      },
    );
  };

  // The upload's own dry run used the detected mapping and "enrich".
  const currentCheckKey = checkedKey ?? (detected ? settingsKey(detected, 'enrich') : null);
  const needsCheck = mapping !== null && settingsKey(mapping, onExisting) !== currentCheckKey;

  const checkAgain = () => {
    if (!sourceId || !mapping) return;
    const key = settingsKey(mapping, onExisting);
    if (key === currentCheckKey) {
      setStep('review');
      return;
    }
    runImport.mutate(
      { id: sourceId, dryRun: true, mapping, onExisting },
      {
        onSuccess: ({ id }) => {
          setCheckId(id);
          setCheckedKey(key);
          setStep('review');
        },
      },
    );
  };

  const startImport = () => {
    if (!sourceId || !mapping) return;
    runImport.mutate(
      { id: sourceId, dryRun: false, mapping, onExisting },
      {
        onSuccess: ({ id }) => {
          setRunId(id);
          setStep('import');
        },
      },
    );
  };

  return (
    <Stack gap="lg" data-testid="import-wizard" data-step={step}>
      <Stepper active={finished ? STEPS.length : STEPS.indexOf(step)} size="sm" allowNextStepsSelect={false}>
        {STEPS.map((name) => (
          <Stepper.Step key={name} label={t(`imports.steps.${name}`)} description={t(`imports.steps.${name}Hint`)} />
        ))}
      </Stepper>

      {upload.isError ? (
        <Alert color="red" title={t('imports.upload.failed')} data-testid="import-upload-error">
          {describeError(upload.error)}
        </Alert>
      ) : null}
      {runImport.isError ? (
        <Alert color="red" title={t('errors.title')} data-testid="import-run-error">
          {describeError(runImport.error)}
        </Alert>
      ) : null}

      {step === 'upload' ? <FileDrop onFile={onFile} busy={upload.isPending} fileName={fileName} /> : null}

      {step === 'columns' ? (
        <Stack gap="md">
          {columns.isError ? (
            <Alert color="red" title={t('errors.title')}>
              {describeError(columns.error)}
            </Alert>
          ) : !columns.data || !mapping || !detected ? (
            <Stack>
              <Skeleton h={96} radius="md" />
              <Skeleton h={260} radius="md" />
            </Stack>
          ) : (
            <>
              <DetectedFormat columns={columns.data} />
              <Card padding={0}>
                <Text size="sm" c="dimmed" p="md" pb={0}>
                  {t('imports.mapping.hint')}
                </Text>
                <MappingTable
                  columns={columns.data.columns}
                  mapping={mapping}
                  detected={detected}
                  onChange={(header: string, field: ImportField) => setEdited({ ...mapping, [header]: field })}
                />
              </Card>
              <OnExistingChoice value={onExisting} onChange={setOnExisting} />
            </>
          )}
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={reset}>
              {t('imports.actions.otherFile')}
            </Button>
            <Button
              rightSection={<IconArrowRight size={16} />}
              disabled={!mapping}
              loading={runImport.isPending}
              onClick={checkAgain}
              data-testid="import-check"
            >
              {t(needsCheck ? 'imports.actions.checkAgain' : 'imports.actions.review')}
            </Button>
          </Group>
        </Stack>
      ) : null}

      {step === 'review' ? (
        <ReviewStep
          uploadGone={check.data?.uploadKept === false}
          check={check.data}
          error={check.error}
          onBack={() => setStep('columns')}
          onImport={startImport}
          starting={runImport.isPending}
        />
      ) : null}

      {step === 'import' && runId ? <RunStep runId={runId} onAnother={reset} /> : null}
    </Stack>
  );
}

function OnExistingChoice({ value, onChange }: { value: OnExisting; onChange: (value: OnExisting) => void }) {
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
function Working({ run, label }: { run: ImportRun | undefined; label: string }) {
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

function ReviewStep(props: {
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

function Failed({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const failure = run.failure;
  return (
    <Alert color="red" title={t('imports.failed.title')} data-testid="import-failed">
      {failure || t('imports.failed.description')}
    </Alert>
  );
}

function RunStep({ runId, onAnother }: { runId: string; onAnother: () => void }) {
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
