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
              {(d) =>
                d.items.length === 0 ? (
                  <Text c="dimmed">{t('accountCompany.bookings.empty')}</Text>
                ) : (
                  <Table.ScrollContainer minWidth={560}>
                    <Table>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('accountCompany.fields.reference')}</Table.Th>
                          <Table.Th>{t('accountCompany.fields.dates')}</Table.Th>
                          <Table.Th>{t('accountCompany.fields.travellers')}</Table.Th>
                          <Table.Th>{t('accountCompany.fields.status')}</Table.Th>
                          <Table.Th ta="right">{t('accountCompany.fields.amount')}</Table.Th>
                          {has('billing') && <Table.Th />}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {d.items.map((b) => (
                          <Table.Tr key={b.id}>
                            <Table.Td>{b.reference}</Table.Td>
                            <Table.Td>
                              {format.stayDate(b.checkIn)} – {format.stayDate(b.checkOut)}
                            </Table.Td>
                            <Table.Td>{b.travellers.join(', ')}</Table.Td>
                            <Table.Td>{t(`accountArea.status.${b.status}`, { defaultValue: b.status })}</Table.Td>
                            <Table.Td ta="right">{format.money(b.total, b.currency)}</Table.Td>
                            {has('billing') && (
                              <Table.Td>
                                <Anchor
                                  href={`/api/v1/account/company/${encodeURIComponent(company.id)}/bookings/${encodeURIComponent(b.id)}/receipt`}
                                  size="sm"
                                  download={`receipt-${b.reference}.pdf`}
                                  data-testid={`receipt-${b.id}`}
                                >
                                  {t('accountCompany.bookings.receipt')}
                                </Anchor>
                              </Table.Td>
                            )}
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )
              }
            </Loading>
          </Section>
        )}
        {has('logistics') && (
          <Section title={t('accountCompany.arrivals.title')} testId="company-arrivals">
            <Loading q={arrivals}>
              {(d) =>
                d.items.length === 0 ? (
                  <Text c="dimmed">{t('accountCompany.arrivals.empty')}</Text>
                ) : (
                  <Table.ScrollContainer minWidth={560}>
                    <Table>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('accountCompany.fields.arrival')}</Table.Th>
                          <Table.Th>{t('accountCompany.fields.nights')}</Table.Th>
                          <Table.Th>{t('accountCompany.fields.travellers')}</Table.Th>
                          <Table.Th>{t('accountCompany.fields.room')}</Table.Th>
                          <Table.Th>{t('accountCompany.fields.reference')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {d.items.map((a) => (
                          <Table.Tr key={a.id}>
                            <Table.Td>{format.stayDate(a.checkIn)}</Table.Td>
                            <Table.Td>{a.nights}</Table.Td>
                            <Table.Td>{a.travellers.join(', ')}</Table.Td>
                            <Table.Td>
                              {a.propertyName} · {a.roomTypeName}
                            </Table.Td>
                            <Table.Td>{a.reference}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )
              }
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
