import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconEdit, IconLink, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { useCompany, useCompanyBookings, useCompanyHistory } from './companies.api.ts';
import { AttachBookingModal } from './attach-booking.tsx';
import { CompanyContacts } from './company-contacts.tsx';
import { EditCompanyModal } from './company-edit.tsx';

/** A company (/admin/companies/:id): KPIs, details, contacts with roles, bookings, history. */
export function CompanyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const format = useFormat();
  const company = useCompany(id);
  const canSeeBookings = hasPermission(user, 'bookings:read');
  const bookings = useCompanyBookings(id, canSeeBookings);
  const history = useCompanyHistory(id);
  const [editing, setEditing] = useState(false);
  const [attaching, setAttaching] = useState(false);
  if (!hasPermission(user, 'companies:read')) return <ForbiddenState />;
  if (company.isError) return <Alert color="red">{describeError(company.error)}</Alert>;
  const c = company.data;
  if (!c) return <Skeleton h={240} />;
  const address = [c.billingAddress.street, c.billingAddress.postcode, c.billingAddress.city, c.billingAddress.country]
    .filter(Boolean)
    .join(', ');
  const detail = (label: string, value: string | null | undefined) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </div>
  );
  return (
    <>
      <PageHeader
        title={c.name}
        description={c.legalName ?? undefined}
        actions={
          <Group gap="xs">
            {hasPermission(user, 'guests:read') ? (
              <Button
                variant="default"
                component={Link}
                to={`/guests?companyId=${encodeURIComponent(c.id)}`}
                leftSection={<IconUsers size={16} />}
                data-testid="company-guests"
              >
                {t('companyExtras.guests')}
              </Button>
            ) : null}
            {hasPermission(user, 'companies:write') ? (
              <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)} data-testid="company-edit">
                {t('companyExtras.edit.action')}
              </Button>
            ) : null}
          </Group>
        }
      />
      {editing ? <EditCompanyModal company={c} onClose={() => setEditing(false)} /> : null}
      {attaching ? <AttachBookingModal companyId={c.id} onClose={() => setAttaching(false)} /> : null}
      {c.status !== 'validated' ? (
        <Alert color={c.status === 'new' ? 'orange' : 'red'} mb="md" data-testid="company-registration-status">
          {t(`companyRegistration.page.${c.status}`, { reason: c.statusReason ?? '' })}{' '}
          <Anchor component={Link} to="/settings/accounts?tab=companies">
            {t('companyRegistration.admin.tab')}
          </Anchor>
        </Alert>
      ) : null}
      {c.kpis ? (
        <SimpleGrid cols={{ base: 2, md: 4 }} mb="md" data-testid="company-kpis">
          {[
            [t('companies.kpis.bookings'), format.number(c.kpis.bookings)],
            [t('companies.kpis.nights'), format.number(c.kpis.nights)],
            [t('companies.kpis.revenue'), format.number(c.kpis.revenue)],
            [t('companies.kpis.lastBooking'), c.kpis.lastBookingAt ? format.date(c.kpis.lastBookingAt) : '—'],
          ].map(([label, value]) => (
            <Card key={label} withBorder>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text fw={600} size="lg">
                {value}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      ) : null}
      <Stack>
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {detail(t('companies.fields.taxId'), c.taxId)}
            {detail(t('companies.fields.country'), c.country)}
            {detail(t('companies.fields.billingAddress'), address)}
            {detail(t('companies.fields.paymentTerms'), c.paymentTerms)}
            {detail(t('companies.fields.rateCode'), c.rateCode)}
            {detail(t('companies.fields.discount'), c.discount === null ? null : `${c.discount} %`)}
          </SimpleGrid>
          {c.tags.length ? (
            <Group gap={4} mt="sm">
              {c.tags.map((tag) => (
                <Badge key={tag} variant="light">
                  {tag}
                </Badge>
              ))}
            </Group>
          ) : null}
          {c.notes ? (
            <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.notes}
            </Text>
          ) : null}
        </Card>
        <CompanyContacts companyId={c.id} canWrite={hasPermission(user, 'companies:write')} />
        {canSeeBookings ? (
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={4}>{t('companies.bookings.title')}</Title>
              {hasPermission(user, 'bookings:write') ? (
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconLink size={14} />}
                  onClick={() => setAttaching(true)}
                  data-testid="company-attach-booking"
                >
                  {t('companyExtras.attach.action')}
                </Button>
              ) : null}
            </Group>
            {!bookings.data ? (
              <Skeleton h={60} />
            ) : bookings.data.items.length === 0 ? (
              <Text c="dimmed">{t('companies.bookings.empty')}</Text>
            ) : (
              <Table data-testid="company-bookings">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('companies.bookings.reference')}</Table.Th>
                    <Table.Th>{t('companies.bookings.traveller')}</Table.Th>
                    <Table.Th>{t('companies.bookings.stay')}</Table.Th>
                    <Table.Th>{t('companies.bookings.status')}</Table.Th>
                    <Table.Th>{t('companies.bookings.total')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {bookings.data.items.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/bookings/${b.id}`}>
                          {b.reference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{b.customerName}</Table.Td>
                      <Table.Td>
                        {format.date(b.checkIn)} → {format.date(b.checkOut)}
                      </Table.Td>
                      <Table.Td>{b.status}</Table.Td>
                      <Table.Td>
                        {format.number(b.total)} {b.currency}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        ) : null}
        <Card withBorder>
          <Title order={4} mb="sm">
            {t('companies.history.title')}
          </Title>
          {!history.data ? (
            <Skeleton h={60} />
          ) : history.data.items.length === 0 ? (
            <Text c="dimmed">{t('companies.history.empty')}</Text>
          ) : (
            <Stack gap={4} data-testid="company-history">
              {history.data.items.map((h) => (
                <Text key={h.id} size="sm">
                  {format.dateTime(h.at)} · {h.actor.name ?? h.actor.type} ·{' '}
                  {t(`companies.history.fields.${h.field}`, { defaultValue: h.field })}: {show(h.oldValue)} →{' '}
                  {show(h.newValue)}
                </Text>
              ))}
            </Stack>
          )}
        </Card>
      </Stack>
    </>
  );
}

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
