import { Alert, Button, Card, Group, Skeleton, Stack, Stepper, Text } from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/errors.ts';
import { FileDrop } from './file-drop.tsx';
import { OnExistingChoice, ReviewStep, RunStep } from './import-steps.tsx';
import { type ImportField, type ImportMapping, type ImportRun, type OnExisting } from './import.types.ts';
import { useImport, useImportColumns, useRunImport, useUploadImport } from './imports.api.ts';
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
