import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAccountCompanies, useCompanyBookings, type AccountCompany } from '../company.api.ts';
import { companyThreadsBase, useAccountThreads } from '../threads.api.ts';
import { NewThreadForm, ThreadPage, ThreadRows } from './threads.page.tsx';

/**
 * Issue 15, C-3: the company's customer-service threads for its support contacts — about its
 * bookings or written for it — on the company card, with pages to read, answer and write.
 */

const prefixOf = (companyId: string) => `/company/${encodeURIComponent(companyId)}/messages`;

/** The support section's threads (under the hotel's contact details). */
export function CompanyThreads({ company }: { company: AccountCompany }) {
  const { t } = useTranslation();
  const threads = useAccountThreads(companyThreadsBase(company.id));
  return (
    <>
      <Group justify="space-between" mt="sm">
        <Text fw={600}>{t('companyExtras.threads.title')}</Text>
        <Button component={Link} to={`${prefixOf(company.id)}/new`} size="xs" data-testid="company-thread-new">
          {t('companyExtras.threads.new')}
        </Button>
      </Group>
      {threads.isPending ? null : !threads.data?.items.length ? (
        <Text c="dimmed" size="sm" data-testid="company-threads-empty">
          {t('companyExtras.threads.empty')}
        </Text>
      ) : (
        <ThreadRows items={threads.data.items} to={(id) => `${prefixOf(company.id)}/${id}`} showAuthor />
      )}
    </>
  );
}

export function CompanyThreadPage() {
  const { t } = useTranslation();
  const { companyId = '' } = useParams();
  return (
    <ThreadPage
      base={companyThreadsBase(companyId)}
      prefix={prefixOf(companyId)}
      back="/company"
      backLabel={t('companyExtras.threads.back')}
    />
  );
}

export function NewCompanyThreadPage() {
  const { t } = useTranslation();
  const { companyId = '' } = useParams();
  const company = useAccountCompanies().data?.items.find((c) => c.id === companyId);
  // A support contact who is also purchasing or billing may name one of the company's bookings.
  const seesBookings = !!company?.roles.some((r) => r === 'purchasing' || r === 'billing');
  const bookings = useCompanyBookings(companyId, seesBookings);
  return (
    <NewThreadForm
      base={companyThreadsBase(companyId)}
      prefix={prefixOf(companyId)}
      back="/company"
      backLabel={t('companyExtras.threads.back')}
      bookings={seesBookings ? (bookings.data?.items ?? []) : []}
      title={t('companyExtras.threads.newFor', { company: company?.name ?? '' })}
    />
  );
}
