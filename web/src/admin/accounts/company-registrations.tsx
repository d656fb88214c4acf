import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  EmptyState,
  Grid,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconBuilding, IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError, notifyError, notifySuccess } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import {
  useCompanyRegistrations,
  useDecideCompany,
  type CompanyRegistration,
  type CompanyStatus,
} from './company-registrations.api.ts';

const STATUS_COLOR: Record<CompanyStatus, string> = { new: 'orange', validated: 'teal', cancelled: 'red' };

/**
 * Settings → Accounts → Company registrations (issue 15 point 5, A-4): each company registered on
 * the booking site beside the existing companies it may be; Validate, or Cancel with a reason.
 */
export function CompanyRegistrations() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CompanyStatus>('new');
  const list = useCompanyRegistrations(status);
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('companyRegistration.admin.hint')}
        </Text>
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v)}
          data={(['new', 'validated', 'cancelled'] as const).map((s) => ({
            value: s,
            label: t(`companyRegistration.status.${s}`),
          }))}
          data-testid="company-registration-status"
        />
      </Group>
      {list.isError ? <Alert color="red">{describeError(list.error)}</Alert> : null}
      {list.isPending ? <Skeleton h={160} /> : null}
      {list.data && list.data.items.length === 0 ? (
        <Card py={56} data-testid="company-registrations-empty">
          <EmptyState
            icon={<IconBuilding size={28} />}
            variant="light"
            title={t('companyRegistration.admin.emptyTitle')}
            description={t('companyRegistration.admin.emptyDescription')}
          />
        </Card>
      ) : null}
      {list.data?.items.map((r) => (
        <RegistrationCard key={r.company.id} registration={r} />
      ))}
    </Stack>
  );
}

function RegistrationCard({ registration: r }: { registration: CompanyRegistration }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const decide = useDecideCompany();
  const [reason, setReason] = useState('');
  const c = r.company;
  const address = [c.billingAddress.street, c.billingAddress.postcode, c.billingAddress.city, c.billingAddress.country]
    .filter(Boolean)
    .join(', ');
  const act = (action: 'validate' | 'cancel') =>
    decide.mutate(
      { id: c.id, action, reason },
      {
        onSuccess: () =>
          notifySuccess(
            t(`companyRegistration.admin.${action === 'validate' ? 'validated' : 'cancelled'}`, { name: c.name }),
          ),
        onError: notifyError,
      },
    );
  const field = (label: string, value: string | null) => (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="xs" c="dimmed" w={110}>
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </Group>
  );
  return (
    <Card withBorder data-testid="company-registration" data-name={c.name}>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Group justify="space-between" mb="xs">
            <Anchor component={Link} to={`/companies/${c.id}`} fw={700}>
              {c.name}
            </Anchor>
            <Badge variant="dot" color={STATUS_COLOR[c.status]}>
              {t(`companyRegistration.status.${c.status}`)}
            </Badge>
          </Group>
          <Stack gap={4}>
            {field(t('companyRegistration.fields.legalName'), c.legalName)}
            {field(t('companyRegistration.fields.taxId'), c.taxId)}
            {field(t('companyRegistration.fields.country'), c.country)}
            {field(t('companyRegistration.fields.address'), address)}
            {field(t('companyRegistration.admin.registeredAt'), format.dateTime(c.createdAt))}
            {field(
              t('companyRegistration.admin.contact'),
              r.contact ? `${r.contact.firstName} ${r.contact.lastName} · ${r.contact.email ?? ''}` : null,
            )}
            {c.statusReason ? field(t('companyRegistration.admin.reason'), c.statusReason) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Title order={5} mb="xs">
            {t('companyRegistration.admin.candidates')}
          </Title>
          {r.candidates.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="no-candidates">
              {t('companyRegistration.admin.noCandidates')}
            </Text>
          ) : (
            <Stack gap={6}>
              {r.candidates.map((o) => (
                <Group key={o.id} gap="xs" wrap="nowrap" data-testid="candidate">
                  <Badge size="sm" color={o.reason === 'same_tax_id' ? 'red' : 'yellow'} variant="light">
                    {t(`companyRegistration.admin.reasons.${o.reason}`)}
                  </Badge>
                  <Anchor component={Link} to={`/companies/${o.id}`} size="sm" fw={600}>
                    {o.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {[o.taxId, o.city, o.country].filter(Boolean).join(' · ')}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Grid.Col>
      </Grid>
      {c.status === 'new' && hasPermission(user, 'companies:write') ? (
        <Group mt="md" justify="flex-end" align="flex-end">
          <TextInput
            size="xs"
            w={320}
            label={t('companyRegistration.admin.reasonLabel')}
            value={reason}
            maxLength={1000}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="cancel-reason"
          />
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconX size={14} />}
            loading={decide.isPending && decide.variables.action === 'cancel'}
            onClick={() => act('cancel')}
            data-testid="cancel-company"
          >
            {t('companyRegistration.admin.cancel')}
          </Button>
          <Button
            size="xs"
            color="teal"
            leftSection={<IconCheck size={14} />}
            loading={decide.isPending && decide.variables.action === 'validate'}
            onClick={() => act('validate')}
            data-testid="validate-company"
          >
            {t('companyRegistration.admin.validate')}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}
