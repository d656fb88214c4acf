import { Alert, Button, Group, Modal, Radio, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import {
  useMergeCompanies,
  useMergePreview,
  type CompanyDuplicate,
  type MergeField,
  type MergePreview,
} from './company-dedupe.api.ts';

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object')
    return (
      Object.values(value as Record<string, string | null>)
        .filter((v) => v !== null && v !== '')
        .join(', ') || '—'
    );
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
};

/** Merging a pair: which company stays, whose value each differing field keeps, what moves (from the preview). */
export function CompanyMergeModal({ pair, onClose }: { pair: CompanyDuplicate; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [a, b] = pair.companies;
  const [survivorId, setSurvivorId] = useState(a?.id ?? '');
  const [choices, setChoices] = useState<Partial<Record<MergeField, string>>>({});
  const otherId = survivorId === a?.id ? (b?.id ?? '') : (a?.id ?? '');
  const preview = useMergePreview(survivorId, otherId, choices);
  const merge = useMergeCompanies();
  if (!a || !b) return null;
  const nameOf = (id: string) => (id === a.id ? a.name : b.name);
  return (
    <Modal opened onClose={onClose} title={t('companyDedupe.mergeTitle')} size="xl">
      <Stack>
        <div>
          <Text size="sm" mb={4}>
            {t('companyDedupe.keep')}
          </Text>
          <SegmentedControl
            fullWidth
            value={survivorId}
            onChange={(id) => {
              setSurvivorId(id);
              setChoices({});
            }}
            data={pair.companies.map((c) => ({ value: c.id, label: c.name }))}
            data-testid="company-merge-survivor"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t('companyDedupe.keepHint', { name: nameOf(otherId) })}
          </Text>
        </div>
        {preview.isError ? <Alert color="red">{describeError(preview.error)}</Alert> : null}
        {!preview.data ? (
          <Skeleton h={200} />
        ) : (
          <PreviewBody
            preview={preview.data}
            nameOf={nameOf}
            onChoose={(f, id) => setChoices({ ...choices, [f]: id })}
          />
        )}
        {merge.isError ? <Alert color="red">{describeError(merge.error)}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('companyDedupe.cancel')}
          </Button>
          <Button
            loading={merge.isPending}
            disabled={!preview.data}
            data-testid="company-merge-confirm"
            onClick={() =>
              merge.mutate(
                { survivorId, otherId, fields: choices },
                { onSuccess: (r) => void navigate(`/companies/${r.company.id}`) },
              )
            }
          >
            {t('companyDedupe.mergeConfirm', { name: nameOf(otherId) })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PreviewBody({
  preview,
  nameOf,
  onChoose,
}: {
  preview: MergePreview;
  nameOf: (id: string) => string;
  onChoose: (field: MergeField, companyId: string) => void;
}) {
  const { t } = useTranslation();
  const differing = preview.fields.filter((f) => f.conflict);
  const dropped = preview.contacts.filter((c) => c.losesPurchasing);
  return (
    <>
      {differing.length ? (
        <Table data-testid="company-merge-fields">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('companyDedupe.field')}</Table.Th>
              <Table.Th>{t('companyDedupe.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {differing.map((f) => (
              <Table.Tr key={f.field}>
                <Table.Td>{t(`companyDedupe.fields.${f.field}`)}</Table.Td>
                <Table.Td>
                  <Radio.Group value={f.chosenCompanyId} onChange={(id) => onChoose(f.field, id)}>
                    <Stack gap={4}>
                      {f.values.map((v) => (
                        <Radio
                          key={v.companyId}
                          value={v.companyId}
                          label={`${show(v.value)} (${nameOf(v.companyId)})`}
                          data-testid={`company-merge-choice-${f.field}`}
                        />
                      ))}
                    </Stack>
                  </Radio.Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {t('companyDedupe.noConflict')}
        </Text>
      )}
      <Text size="sm" data-testid="company-merge-result">
        {t('companyDedupe.result', { name: preview.result.name, tags: preview.result.tags.join(', ') || '—' })}
      </Text>
      <Text size="sm" data-testid="company-merge-moves">
        {t('companyDedupe.moves', preview.moves)}
      </Text>
      {preview.moves.droppedTags.length ? (
        <Alert color="yellow">{t('companyDedupe.droppedTags', { tags: preview.moves.droppedTags.join(', ') })}</Alert>
      ) : null}
      {dropped.map((c) => (
        <Alert key={c.guestId} color="yellow" data-testid="company-merge-purchasing">
          {t('companyDedupe.losesPurchasing', { name: c.name, company: preview.result.name })}
        </Alert>
      ))}
    </>
  );
}
