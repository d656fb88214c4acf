import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowsJoin, IconRefresh, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import type { Company } from '../companies/companies.api.ts';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import {
  useCompanyDuplicates,
  useDismissCompanyDuplicate,
  useRescanCompanies,
  type CompanyDuplicate,
} from './company-dedupe.api.ts';
import { CompanyMergeModal } from './company-merge.modal.tsx';

/** Companies → Possible duplicates (/admin/companies/duplicates): near-identical names in one place, side by side. */
export function CompanyDuplicatesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const list = useCompanyDuplicates();
  const rescan = useRescanCompanies();
  const canWrite = hasPermission(user, 'companies:write');
  const [merging, setMerging] = useState<CompanyDuplicate | null>(null);
  if (!hasPermission(user, 'companies:read')) return <ForbiddenState />;
  return (
    <>
      <PageHeader
        title={t('companyDedupe.title')}
        description={t('companyDedupe.description')}
        actions={
          canWrite ? (
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={rescan.isPending}
              onClick={() => rescan.mutate()}
              data-testid="company-rescan"
            >
              {t('companyDedupe.rescan')}
            </Button>
          ) : null
        }
      />
      <Anchor component={Link} to="/companies" size="sm" mb="md" display="block">
        {t('companyDedupe.back')}
      </Anchor>
      {rescan.data ? (
        <Alert color="blue" mb="md" data-testid="company-rescan-result">
          {t('companyDedupe.rescanDone', rescan.data)}
        </Alert>
      ) : null}
      {rescan.isError ? <Alert color="red">{describeError(rescan.error)}</Alert> : null}
      {list.isError ? <Alert color="red">{describeError(list.error)}</Alert> : null}
      {!list.data ? (
        <Skeleton h={160} />
      ) : list.data.items.length === 0 ? (
        <Card>
          <Text c="dimmed" data-testid="company-duplicates-empty">
            {t('companyDedupe.empty')}
          </Text>
        </Card>
      ) : (
        <Stack>
          {list.data.items.map((pair) => (
            <PairCard key={pair.id} pair={pair} canWrite={canWrite} onMerge={() => setMerging(pair)} />
          ))}
        </Stack>
      )}
      {merging ? <CompanyMergeModal pair={merging} onClose={() => setMerging(null)} /> : null}
    </>
  );
}

function PairCard({ pair, canWrite, onMerge }: { pair: CompanyDuplicate; canWrite: boolean; onMerge: () => void }) {
  const { t } = useTranslation();
  const dismiss = useDismissCompanyDuplicate();
  return (
    <Card withBorder data-testid="company-pair">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Badge size="lg" color={pair.score === 1 ? 'grape' : 'orange'} tt="none">
            {t('companyDedupe.score', { percent: Math.floor(pair.score * 100) })}
          </Badge>
          {pair.reasons.map((r) => (
            <Badge key={r} variant="light" tt="none">
              {t(`companyDedupe.reasons.${r}`, { defaultValue: r })}
            </Badge>
          ))}
        </Group>
        {canWrite ? (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconX size={16} />}
              loading={dismiss.isPending}
              onClick={() => dismiss.mutate(pair.id)}
              data-testid="company-pair-dismiss"
            >
              {t('companyDedupe.dismiss')}
            </Button>
            <Button leftSection={<IconArrowsJoin size={16} />} onClick={onMerge} data-testid="company-pair-merge">
              {t('companyDedupe.merge')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {dismiss.isError ? <Alert color="red">{describeError(dismiss.error)}</Alert> : null}
      <SimpleGrid cols={2}>
        {pair.companies.map((c) => (
          <CompanySide key={c.id} company={c} />
        ))}
      </SimpleGrid>
    </Card>
  );
}

/** One company of a pair: the details that tell two companies apart. */
export function CompanySide({ company: c }: { company: Company }) {
  const { t } = useTranslation();
  const row = (label: string, value: string | number | null | undefined) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={110}>
        {label}
      </Text>
      <Text size="sm">{value === null || value === undefined || value === '' ? '—' : value}</Text>
    </Group>
  );
  return (
    <Stack gap={4} data-testid="company-side">
      <Anchor component={Link} to={`/companies/${c.id}`} fw={600}>
        {c.name}
      </Anchor>
      {row(t('companies.fields.legalName'), c.legalName)}
      {row(t('companies.fields.taxId'), c.taxId)}
      {row(t('companies.fields.country'), c.country)}
      {row(t('companyDedupe.city'), c.billingAddress.city)}
      {row(t('companies.list.contacts'), c.contactCount)}
      {row(t('companies.fields.tags'), c.tags.join(', '))}
    </Stack>
  );
}
