import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Radio,
  SegmentedControl,
  Skeleton,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuilding, IconCheck, IconSearch, IconUserCheck, IconUsers, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError, notifyError, notifySuccess } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import {
  useAccounts,
  useAccountSettings,
  useDecideAccount,
  useSaveAccountSettings,
  type AccountSettings,
  type AccountStatus,
  type CustomerAccount,
} from './accounts.api.ts';
import { CompanyRegistrations } from './company-registrations.tsx';
import { useCompanyRegistrations } from './company-registrations.api.ts';

type Tab = 'registrations' | 'companies' | 'accounts' | 'settings';
const STATUS_COLOR: Record<AccountStatus, string> = { new: 'orange', validated: 'teal', cancelled: 'red' };

/** Settings → Accounts: registrations to review, all customer accounts, and the account settings. */
export function AccountsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = asked === 'settings' || asked === 'accounts' || asked === 'companies' ? asked : 'registrations';
  const pending = useAccounts({ status: 'new', limit: 1 }).data?.counts.new ?? 0;
  // Issue 15: company registrations are reviewed here too, by staff who may read companies.
  const seesCompanies = hasPermission(user, 'companies:read');
  const pendingCompanies = useCompanyRegistrations('new', seesCompanies).data?.counts.new ?? 0;
  if (!hasPermission(user, 'guests:read')) return <ForbiddenState />;
  return (
    <>
      <PageHeader title={t('nav.accounts')} description={t('accountsAdmin.description')} />
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'registrations' ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab
            value="registrations"
            leftSection={<IconUserCheck size={16} />}
            rightSection={
              pending ? (
                <Badge size="sm" color="orange" circle>
                  {pending}
                </Badge>
              ) : null
            }
            data-testid="tab-registrations"
          >
            {t('accountsAdmin.tabs.registrations')}
          </Tabs.Tab>
          {seesCompanies ? (
            <Tabs.Tab
              value="companies"
              leftSection={<IconBuilding size={16} />}
              rightSection={
                pendingCompanies ? (
                  <Badge size="sm" color="orange" circle>
                    {pendingCompanies}
                  </Badge>
                ) : null
              }
              data-testid="tab-company-registrations"
            >
              {t('companyRegistration.admin.tab')}
            </Tabs.Tab>
          ) : null}
          <Tabs.Tab value="accounts" leftSection={<IconUsers size={16} />} data-testid="tab-accounts">
            {t('accountsAdmin.tabs.accounts')}
          </Tabs.Tab>
          <Tabs.Tab value="settings" data-testid="tab-account-settings">
            {t('accountsAdmin.tabs.settings')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="registrations">
          <AccountsTable fixedStatus="new" />
        </Tabs.Panel>
        <Tabs.Panel value="companies">
          <CompanyRegistrations />
        </Tabs.Panel>
        <Tabs.Panel value="accounts">
          <AccountsTable />
        </Tabs.Panel>
        <Tabs.Panel value="settings">
          <SettingsForm canEdit={hasPermission(user, 'settings:write')} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function AccountsTable({ fixedStatus }: { fixedStatus?: AccountStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const canDecide = hasPermission(user, 'guests:write');
  const [status, setStatus] = useState<'all' | AccountStatus>('all');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const accounts = useAccounts({ status: fixedStatus ?? (status === 'all' ? undefined : status), q });
  const decide = useDecideAccount();

  const act = (a: CustomerAccount, action: 'validate' | 'cancel') =>
    decide.mutate(
      { id: a.id, action },
      {
        onSuccess: () =>
          notifySuccess(
            t(action === 'validate' ? 'accountsAdmin.validated' : 'accountsAdmin.cancelled', { email: a.username }),
          ),
        onError: notifyError,
      },
    );

  const filters = fixedStatus ? null : (
    <Group mb="md" justify="space-between">
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v)}
        data={[
          { value: 'all', label: t('accountsAdmin.filter.all') },
          { value: 'new', label: t('accountsAdmin.status.new') },
          { value: 'validated', label: t('accountsAdmin.status.validated') },
          { value: 'cancelled', label: t('accountsAdmin.status.cancelled') },
        ]}
      />
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('accountsAdmin.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={280}
      />
    </Group>
  );

  if (accounts.isError) {
    if (isApiError(accounts.error) && accounts.error.status === 403) return <ForbiddenState />;
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(accounts.error)}
      </Alert>
    );
  }
  if (accounts.data && accounts.data.items.length === 0) {
    return (
      <>
        {filters}
        <Card py={56} data-testid={fixedStatus ? 'registrations-empty' : 'accounts-empty'}>
          <EmptyState
            icon={fixedStatus ? <IconUserCheck size={28} /> : <IconUsers size={28} />}
            variant="light"
            title={t(fixedStatus ? 'accountsAdmin.registrationsEmptyTitle' : 'accountsAdmin.emptyTitle')}
            description={t(
              fixedStatus ? 'accountsAdmin.registrationsEmptyDescription' : 'accountsAdmin.emptyDescription',
            )}
          />
        </Card>
      </>
    );
  }
  return (
    <>
      {filters}
      {fixedStatus ? (
        <Text size="sm" c="dimmed" mb="md">
          {t('accountsAdmin.registrationsHint')}
        </Text>
      ) : null}
      <Card p={0}>
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
            <Table.Thead style={{ whiteSpace: 'nowrap' }}>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th>{t('fields.email')}</Table.Th>
                <Table.Th>{t('accountsAdmin.columns.origin')}</Table.Th>
                <Table.Th>{t('accountsAdmin.columns.createdAt')}</Table.Th>
                <Table.Th>{t('accountsAdmin.columns.lastLoginAt')}</Table.Th>
                <Table.Th>{t('fields.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.isPending
                ? [0, 1, 2].map((i) => (
                    <Table.Tr key={i}>
                      <Table.Td colSpan={7}>
                        <Skeleton h={28} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                : accounts.data.items.map((a) => (
                    <Table.Tr key={a.id} data-testid="account-row" data-email={a.username}>
                      <Table.Td>
                        {a.guestId ? (
                          <Anchor component={Link} to={`/guests/${a.guestId}`} fw={600} size="sm">
                            {`${a.firstName} ${a.lastName}`.trim() || t('accountsAdmin.noName')}
                          </Anchor>
                        ) : (
                          <Text fw={600} size="sm">
                            {`${a.firstName} ${a.lastName}`.trim() || t('accountsAdmin.noName')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{a.username}</Text>
                        {!a.hasPassword ? (
                          <Text size="xs" c="dimmed">
                            {t('accountsAdmin.noPasswordYet')}
                          </Text>
                        ) : !a.emailVerified ? (
                          <Text size="xs" c="dimmed" data-testid="account-unverified">
                            {t('accountsAdmin.emailNotVerified')}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`accountsAdmin.origin.${a.origin}`)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={format.dateTime(a.createdAt)}>
                          <Text size="sm">{format.relative(a.createdAt)}</Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={a.lastLoginAt ? undefined : 'dimmed'}>
                          {a.lastLoginAt ? format.relative(a.lastLoginAt) : t('accountsAdmin.never')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="dot" color={STATUS_COLOR[a.status]} miw={104} data-testid="account-status">
                          {t(`accountsAdmin.status.${a.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">
                        {canDecide ? (
                          <Group gap={6} justify="flex-end" wrap="nowrap">
                            {a.status !== 'validated' ? (
                              <Button
                                size="xs"
                                variant="light"
                                color="teal"
                                leftSection={<IconCheck size={14} />}
                                loading={
                                  decide.isPending &&
                                  decide.variables?.id === a.id &&
                                  decide.variables.action === 'validate'
                                }
                                onClick={() => act(a, 'validate')}
                                data-testid="validate-account"
                              >
                                {t('accountsAdmin.validate')}
                              </Button>
                            ) : null}
                            {a.status !== 'cancelled' ? (
                              <Tooltip label={t('accountsAdmin.cancelHint')}>
                                <ActionIcon
                                  variant="subtle"
                                  color="red"
                                  aria-label={t('accountsAdmin.cancel')}
                                  onClick={() => act(a, 'cancel')}
                                  data-testid="cancel-account"
                                >
                                  <IconX size={18} />
                                </ActionIcon>
                              </Tooltip>
                            ) : null}
                          </Group>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </>
  );
}

const SWITCHES = ['autoCreateAtCheckout', 'offerCreateAtCheckout', 'loginAtCheckout', 'stayGuestProfile'] as const;

function SettingsForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useAccountSettings();
  const save = useSaveAccountSettings();
  const [values, setValues] = useState<AccountSettings | null>(null);
  useEffect(() => {
    if (settings.data) setValues(settings.data);
  }, [settings.data]);

  if (settings.isError) {
    if (isApiError(settings.error) && settings.error.status === 403) return <ForbiddenState />;
    return <Alert color="red">{describeError(settings.error)}</Alert>;
  }
  if (!values) return <Skeleton h={360} />;
  const dirty = JSON.stringify(values) !== JSON.stringify(settings.data);
  const set = <K extends keyof AccountSettings>(k: K, v: AccountSettings[K]) => setValues({ ...values, [k]: v });

  return (
    <Stack maw={760} data-testid="account-settings">
      <Card>
        <Text fw={600} mb="xs">
          {t('accountsAdmin.settings.checkout')}
        </Text>
        <Stack gap="md">
          {SWITCHES.map((k) => (
            <Switch
              key={k}
              checked={values[k]}
              disabled={!canEdit}
              onChange={(e) => set(k, e.currentTarget.checked)}
              label={t(`accountsAdmin.settings.${k}.label`)}
              description={t(`accountsAdmin.settings.${k}.description`)}
              data-testid={`setting-${k}`}
            />
          ))}
        </Stack>
      </Card>
      <Card>
        <Radio.Group
          label={t('accountsAdmin.settings.registrationMode.label')}
          description={t('accountsAdmin.settings.registrationMode.description')}
          value={values.registrationMode}
          onChange={(v) => set('registrationMode', v)}
        >
          <Stack gap="xs" mt="sm">
            <Radio
              value="direct"
              disabled={!canEdit}
              label={t('accountsAdmin.settings.registrationMode.direct')}
              data-testid="mode-direct"
            />
            <Radio
              value="validation"
              disabled={!canEdit}
              label={t('accountsAdmin.settings.registrationMode.validation')}
              data-testid="mode-validation"
            />
          </Stack>
        </Radio.Group>
      </Card>
      <Card>
        <Radio.Group
          label={t('accountsAdmin.settings.loginPage.label')}
          description={t('accountsAdmin.settings.loginPage.description')}
          value={values.loginPage}
          onChange={(v) => set('loginPage', v)}
        >
          <Stack gap="xs" mt="sm">
            <Radio value="public" disabled={!canEdit} label={t('accountsAdmin.settings.loginPage.public')} />
            <Radio value="hidden" disabled={!canEdit} label={t('accountsAdmin.settings.loginPage.hidden')} />
          </Stack>
        </Radio.Group>
      </Card>
      {canEdit ? (
        <Group justify="flex-end">
          <Button variant="default" disabled={!dirty} onClick={() => settings.data && setValues(settings.data)}>
            {t('actions.cancel')}
          </Button>
          <Button
            disabled={!dirty}
            loading={save.isPending}
            data-testid="save-account-settings"
            onClick={() =>
              save.mutate(values, {
                onSuccess: () => notifySuccess(t('accountsAdmin.settings.saved')),
                onError: notifyError,
              })
            }
          >
            {t('actions.save')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
