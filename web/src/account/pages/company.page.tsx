import { Alert, Anchor, Badge, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import {
  useAccountCompanies,
  useCompanyArrivals,
  useCompanyBookings,
  useCompanySupport,
  type AccountCompany,
  type CompanyBooking,
} from '../company.api.ts';
import { useAccountFormat } from './account-format.ts';
import { CompanyThreads } from './company-threads.page.tsx';

/** Issue 15: the company area — one card per company, a section per role of the signed-in contact. */
export function CompanyPage() {
  const { t } = useTranslation();
  const companies = useAccountCompanies();
  return (
    <>
      <PageHeader title={t('accountCompany.title')} description={t('accountCompany.subtitle')} />
      {companies.isError ? (
        <Alert color="red" title={t('errors.title')}>
          {describeError(companies.error)}
        </Alert>
      ) : companies.isPending ? (
        <Skeleton h={120} radius="md" />
      ) : companies.data.items.length === 0 ? (
        <Card withBorder radius="lg" data-testid="company-none">
          <Text c="dimmed">{t('accountCompany.none')}</Text>
        </Card>
      ) : (
        <Stack gap="lg">
          {companies.data.items.map((c) => (
            <CompanyCard key={c.id} company={c} />
          ))}
        </Stack>
      )}
    </>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Stack gap="xs" data-testid={testId}>
      <Title order={4}>{title}</Title>
      {children}
    </Stack>
  );
}

function Loading<T>({
  q,
  children,
}: {
  q: { isPending: boolean; isError: boolean; error: unknown; data?: T };
  children: (d: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (q.isError)
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(q.error)}
      </Alert>
    );
  if (q.isPending || q.data === undefined) return <Skeleton h={60} radius="md" />;
  return <>{children(q.data)}</>;
}

interface Column<T> {
  key: string;
  header: ReactNode;
  align?: 'right';
  cell: (row: T) => ReactNode;
}

/** A section's rows as a table, or a line saying there are none (bookings and arrivals). */
function CompanyTable<T extends { id: string }>({
  rows,
  empty,
  columns,
}: {
  rows: T[];
  empty: string;
  columns: Column<T>[];
}) {
  if (rows.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} ta={c.align}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              {columns.map((c) => (
                <Table.Td key={c.key} ta={c.align}>
                  {c.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CompanyCard({ company }: { company: AccountCompany }) {
  const { t } = useTranslation();
  const format = useAccountFormat();
  const has = (r: AccountCompany['roles'][number]) => company.roles.includes(r);
  const seesBookings = has('purchasing') || has('billing');
  const bookings = useCompanyBookings(company.id, seesBookings);
  const arrivals = useCompanyArrivals(company.id, has('logistics'));
  const support = useCompanySupport(company.id, has('support'));
  return (
    <Card withBorder radius="lg" p="lg" data-testid={`company-${company.id}`}>
      <Stack gap="lg">
        <Group justify="space-between">
          <Title order={3}>{company.name}</Title>
          <Group gap={4}>
            {company.roles.map((r) => (
              <Badge key={r} variant="light">
                {t(`accountCompany.roles.${r}`)}
              </Badge>
            ))}
          </Group>
        </Group>
        {seesBookings && (
          <Section title={t('accountCompany.bookings.title')} testId="company-bookings">
            <Loading q={bookings}>
              {(d) => (
                <CompanyTable
                  rows={d.items}
                  empty={t('accountCompany.bookings.empty')}
                  columns={[
                    { key: 'reference', header: t('accountCompany.fields.reference'), cell: (b) => b.reference },
                    {
                      key: 'dates',
                      header: t('accountCompany.fields.dates'),
                      cell: (b) => `${format.stayDate(b.checkIn)} – ${format.stayDate(b.checkOut)}`,
                    },
                    {
                      key: 'travellers',
                      header: t('accountCompany.fields.travellers'),
                      cell: (b) => b.travellers.join(', '),
                    },
                    {
                      key: 'status',
                      header: t('accountCompany.fields.status'),
                      cell: (b) => t(`accountArea.status.${b.status}`, { defaultValue: b.status }),
                    },
                    {
                      key: 'amount',
                      header: t('accountCompany.fields.amount'),
                      align: 'right',
                      cell: (b) => format.money(b.total, b.currency),
                    },
                    ...(has('billing')
                      ? [
                          {
                            key: 'receipt',
                            header: null,
                            cell: (b: CompanyBooking) => (
                              <Anchor
                                href={`/api/v1/account/company/${encodeURIComponent(company.id)}/bookings/${encodeURIComponent(b.id)}/receipt`}
                                size="sm"
                                download={`receipt-${b.reference}.pdf`}
                                data-testid={`receipt-${b.id}`}
                              >
                                {t('accountCompany.bookings.receipt')}
                              </Anchor>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              )}
            </Loading>
          </Section>
        )}
        {has('logistics') && (
          <Section title={t('accountCompany.arrivals.title')} testId="company-arrivals">
            <Loading q={arrivals}>
              {(d) => (
                <CompanyTable
                  rows={d.items}
                  empty={t('accountCompany.arrivals.empty')}
                  columns={[
                    {
                      key: 'arrival',
                      header: t('accountCompany.fields.arrival'),
                      cell: (a) => format.stayDate(a.checkIn),
                    },
                    { key: 'nights', header: t('accountCompany.fields.nights'), cell: (a) => a.nights },
                    {
                      key: 'travellers',
                      header: t('accountCompany.fields.travellers'),
                      cell: (a) => a.travellers.join(', '),
                    },
                    {
                      key: 'room',
                      header: t('accountCompany.fields.room'),
                      cell: (a) => `${a.propertyName} · ${a.roomTypeName}`,
                    },
                    { key: 'reference', header: t('accountCompany.fields.reference'), cell: (a) => a.reference },
                  ]}
                />
              )}
            </Loading>
          </Section>
        )}
        {has('support') && (
          <Section title={t('accountCompany.support.title')} testId="company-support">
            <Loading q={support}>
              {(d) =>
                d.contacts.length === 0 ? (
                  <Text c="dimmed">{t('accountCompany.support.empty', { hotel: d.hotelName })}</Text>
                ) : (
                  <Stack gap={6}>
                    <Text size="sm" c="dimmed">
                      {t('accountCompany.support.intro', { hotel: d.hotelName })}
                    </Text>
                    {d.contacts.map((c) => (
                      <Group key={c.email + c.name} gap="xs">
                        <Text fw={600}>{c.name}</Text>
                        <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>
                        {c.description && (
                          <Text size="sm" c="dimmed">
                            {c.description}
                          </Text>
                        )}
                      </Group>
                    ))}
                  </Stack>
                )
              }
            </Loading>
            <CompanyThreads company={company} />
          </Section>
        )}
      </Stack>
    </Card>
  );
}
