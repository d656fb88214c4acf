import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError, fieldErrorsOf } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { useCompanies, useCreateCompany } from './companies.api.ts';

/** Companies (/admin/companies): agencies and corporate clients, searched by name, tax id or contact. */
export function CompaniesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useCompanies(q);
  const [creating, setCreating] = useState(false);
  if (!hasPermission(user, 'companies:read')) return <ForbiddenState />;
  return (
    <>
      <PageHeader
        title={t('companies.list.title')}
        description={t('companies.list.description')}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              component={Link}
              to="/companies/duplicates"
              leftSection={<IconCopy size={16} />}
              data-testid="company-duplicates-link"
            >
              {t('companyDedupe.open')}
            </Button>
            {hasPermission(user, 'companies:write') ? (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setCreating(true)}
                data-testid="company-create"
              >
                {t('companies.list.create')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <TextInput
        mb="md"
        leftSection={<IconSearch size={16} />}
        placeholder={t('companies.list.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="company-search"
      />
      {list.isError ? <Alert color="red">{describeError(list.error)}</Alert> : null}
      <Card p={0}>
        {!list.data ? (
          <Skeleton h={120} />
        ) : list.data.items.length === 0 ? (
          <Text p="lg" c="dimmed">
            {q ? t('companies.list.noMatch') : t('companies.list.empty')}
          </Text>
        ) : (
          <Table striped highlightOnHover data-testid="companies-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('companies.fields.name')}</Table.Th>
                <Table.Th>{t('companies.fields.taxId')}</Table.Th>
                <Table.Th>{t('companies.fields.country')}</Table.Th>
                <Table.Th>{t('companies.list.contacts')}</Table.Th>
                <Table.Th>{t('companies.fields.tags')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id} data-testid="company-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/companies/${c.id}`}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.taxId ?? '—'}</Table.Td>
                  <Table.Td>{c.country ?? '—'}</Table.Td>
                  <Table.Td>
                    {c.contactCount}
                    {c.contactCount > 0 && !c.purchasingContactId ? (
                      <Badge ml="xs" color="orange" variant="light">
                        {t('companies.list.noPurchasing')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {c.tags.map((tag) => (
                        <Badge key={tag} variant="light">
                          {tag}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {list.data ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('companies.list.total', { count: list.data.total })}
        </Text>
      ) : null}
      <CreateCompanyModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CreateCompanyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCompany();
  const [form, setForm] = useState({ name: '', legalName: '', taxId: '', country: '' });
  const errors = fieldErrorsOf(create.error);
  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [field]: e.currentTarget.value });
  const submit = () =>
    create.mutate(
      {
        name: form.name.trim(),
        ...(form.legalName.trim() ? { legalName: form.legalName.trim() } : {}),
        ...(form.taxId.trim() ? { taxId: form.taxId.trim() } : {}),
        ...(form.country.trim() ? { country: form.country.trim() } : {}),
      },
      { onSuccess: (c) => void navigate(`/companies/${c.id}`) },
    );
  return (
    <Modal opened={opened} onClose={onClose} title={t('companies.list.create')}>
      <Stack>
        <TextInput
          label={t('companies.fields.name')}
          required
          value={form.name}
          onChange={set('name')}
          error={errors.name}
          data-testid="company-name"
        />
        <TextInput label={t('companies.fields.legalName')} value={form.legalName} onChange={set('legalName')} />
        <TextInput
          label={t('companies.fields.country')}
          description={t('companies.fields.countryHint')}
          value={form.country}
          onChange={set('country')}
          error={errors.country}
          maxLength={2}
        />
        <TextInput
          label={t('companies.fields.taxId')}
          description={t('companies.fields.taxIdHint')}
          value={form.taxId}
          onChange={set('taxId')}
          error={errors.taxId}
          data-testid="company-tax-id"
        />
        {create.isError ? (
          <Alert color="red">
            {describeError(create.error)}
            {isApiError(create.error) && create.error.code === 'company_exists' && create.error.details[0]?.code ? (
              <>
                {' '}
                <Anchor component={Link} to={`/companies/${create.error.details[0].code}`} onClick={onClose}>
                  {t('companies.list.openExisting')}
                </Anchor>
              </>
            ) : null}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('companies.common.cancel')}
          </Button>
          <Button onClick={submit} loading={create.isPending} disabled={!form.name.trim()} data-testid="company-save">
            {t('companies.common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
