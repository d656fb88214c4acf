import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  MultiSelect,
  Progress,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { IconDownload, IconFileExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { EXPORT_FORMATS, exportFileUrl, useExport, useStartExport, type ExportFormat } from './exports.api.ts';

/** The columns of an export (Clientela's import format; the server's EXPORT_COLUMNS). */
const COLUMNS = [
  'Guest ID',
  'Title',
  'First name',
  'Last name',
  'E-mails',
  'Phones',
  'Birth date',
  'Language',
  'Nationality',
  'Address line 1',
  'Address line 2',
  'City',
  'Region',
  'Postcode',
  'Country',
  'Document type',
  'Document number',
  'Company',
  'Tags',
  'Groups',
  'Newsletter',
  'Notes',
];

interface ExportButtonProps {
  /** The guest list's current filters as the API reads them (filtersToRecord). */
  filters: Record<string, unknown>;
  segmentId: string | null;
}

/** "Export" on the guest list: format (and columns), start, progress, download. Shown with exports:write. */
export function ExportButton({ filters, segmentId }: ExportButtonProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [opened, setOpened] = useState(false);
  if (!hasPermission(user, 'exports:write')) return null;
  return (
    <>
      <Button
        size="md"
        variant="default"
        leftSection={<IconFileExport size={18} />}
        onClick={() => setOpened(true)}
        data-testid="export-button"
      >
        {t('exports.button')}
      </Button>
      {opened ? <ExportModal filters={filters} segmentId={segmentId} onClose={() => setOpened(false)} /> : null}
    </>
  );
}

function ExportModal({ filters, segmentId, onClose }: ExportButtonProps & { onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [fileFormat, setFileFormat] = useState<ExportFormat>('csv');
  const [fields, setFields] = useState<string[]>([]);
  const [exportId, setExportId] = useState<string | null>(null);
  const start = useStartExport();
  const current = useExport(exportId);
  const job = current.data;
  const filtered = Object.keys(filters).length > 0 || segmentId !== null;
  const percent = job?.progress.total
    ? Math.round((100 * job.progress.done) / job.progress.total)
    : job?.status === 'done'
      ? 100
      : 0;

  const run = () =>
    start.mutate(
      {
        format: fileFormat,
        ...(segmentId ? { segmentId } : {}),
        ...(Object.keys(filters).length ? { filters } : {}),
        ...(fields.length && fileFormat !== 'vcf' ? { fields } : {}),
      },
      { onSuccess: (created) => setExportId(created.id) },
    );

  return (
    <Modal opened onClose={onClose} title={t('exports.modal.title')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {filtered ? t('exports.modal.filtered') : t('exports.modal.everyone')}
        </Text>
        <SegmentedControl
          value={fileFormat}
          onChange={(v) => setFileFormat(v)}
          disabled={exportId !== null}
          data={EXPORT_FORMATS.map((f) => ({ value: f, label: t(`exports.formats.${f}`) }))}
          data-testid="export-format"
        />
        <Text size="xs" c="dimmed">
          {t(`exports.formatHints.${fileFormat}`)}
        </Text>
        {fileFormat !== 'vcf' ? (
          <MultiSelect
            label={t('exports.modal.fields')}
            description={t('exports.modal.fieldsHint')}
            data={COLUMNS}
            value={fields}
            onChange={setFields}
            disabled={exportId !== null}
            searchable
            clearable
          />
        ) : null}
        {start.isError ? <Alert color="red">{describeError(start.error)}</Alert> : null}
        {job ? (
          <Stack gap={4} data-testid="export-progress">
            <Progress value={percent} animated={job.status === 'running' || job.status === 'queued'} />
            <Text size="sm" data-testid="export-status">
              {t(`exports.status.${job.status}`)} ·{' '}
              {t('exports.modal.progress', {
                done: format.number(job.progress.done),
                total: format.number(job.progress.total ?? 0),
              })}
            </Text>
            {job.masked ? (
              <Text size="xs" c="dimmed">
                {t('exports.modal.masked')}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        <Group justify="space-between">
          <Anchor component={Link} to="/exports" size="sm" onClick={onClose} data-testid="exports-list-link">
            {t('exports.modal.history')}
          </Anchor>
          {job?.status === 'done' ? (
            <Button
              component="a"
              href={exportFileUrl(job.id)}
              download
              leftSection={<IconDownload size={18} />}
              data-testid="export-download"
            >
              {t('exports.download')}
            </Button>
          ) : (
            <Button
              onClick={run}
              loading={start.isPending || (exportId !== null && job?.status !== 'failed')}
              disabled={exportId !== null && job?.status !== 'failed'}
              data-testid="export-start"
            >
              {t('exports.modal.start')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
