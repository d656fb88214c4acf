import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  EmptyState,
  Group,
  Skeleton,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import type { ApiKey, CreatedApiKey } from '../../shared/types.ts';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { ApiKeySecretModal } from './api-key-secret-modal.tsx';
import { useApiKeys } from './api-keys.api.ts';
import { CreateApiKeyModal } from './create-api-key-modal.tsx';
import { RevokeApiKeyModal } from './revoke-api-key-modal.tsx';

/** Settings → API keys: credentials for connected tools (channel manager, PMS, website). */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canRead = hasPermission(user, 'api-keys:read');
  const canManage = hasPermission(user, 'api-keys:write');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  return (
    <>
      <PageHeader
        title={t('nav.apiKeys')}
        description={t('sections.apiKeys')}
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              {t('apiKeys.create')}
            </Button>
          ) : null
        }
      />
      {canRead ? (
        <ApiKeysTable
          onCreate={canManage ? () => setCreating(true) : undefined}
          onRevoke={canManage ? setRevoking : undefined}
        />
      ) : (
        <ForbiddenState />
      )}
      <CreateApiKeyModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <ApiKeySecretModal apiKey={created} onClose={() => setCreated(null)} />
      <RevokeApiKeyModal apiKey={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

interface ApiKeysTableProps {
  /** Absent when the user may only look. */
  onCreate?: () => void;
  onRevoke?: (key: ApiKey) => void;
}

function ApiKeysTable({ onCreate, onRevoke }: ApiKeysTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const keys = useApiKeys();

  if (keys.isError) {
    if (isApiError(keys.error) && keys.error.status === 403) return <ForbiddenState />;
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(keys.error)}
      </Alert>
    );
  }

  if (keys.data?.items.length === 0) {
    return (
      <Card py={56}>
        <EmptyState
          icon={<IconKey size={28} />}
          variant="light"
          title={t('apiKeys.emptyTitle')}
          description={t('apiKeys.emptyDescription')}
        >
          {onCreate ? (
            <EmptyState.Actions>
              <Button onClick={onCreate}>{t('apiKeys.create')}</Button>
            </EmptyState.Actions>
          ) : null}
        </EmptyState>
      </Card>
    );
  }

  return (
    <Card p={0}>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('apiKeys.key')}</Table.Th>
              <Table.Th>{t('apiKeys.scopes')}</Table.Th>
              <Table.Th>{t('apiKeys.createdAt')}</Table.Th>
              <Table.Th>{t('apiKeys.lastUsedAt')}</Table.Th>
              <Table.Th>{t('fields.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.isPending
              ? [0, 1].map((row) => (
                  <Table.Tr key={row}>
                    <Table.Td colSpan={7}>
                      <Skeleton h={28} />
                    </Table.Td>
                  </Table.Tr>
                ))
              : keys.data.items.map((key) => (
                  <Table.Tr key={key.id} data-testid="api-key-row" opacity={key.revokedAt ? 0.6 : 1}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {key.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{`${key.prefix}…`}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {key.scopes.map((scope) => (
                          <Badge key={scope} variant="outline" color="gray" tt="none">
                            {scope}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.date(key.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={key.lastUsedAt ? undefined : 'dimmed'}>
                        {key.lastUsedAt ? format.relative(key.lastUsedAt) : t('apiKeys.neverUsed')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {key.revokedAt ? (
                        <Tooltip label={format.dateTime(key.revokedAt)}>
                          <Badge variant="dot" color="red">
                            {t('apiKeys.status.revoked')}
                          </Badge>
                        </Tooltip>
                      ) : (
                        <Badge variant="dot" color="teal">
                          {t('apiKeys.status.active')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {key.revokedAt || !onRevoke ? null : (
                        <Tooltip label={t('apiKeys.revoke')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('apiKeys.revoke')}
                            onClick={() => onRevoke(key)}
                          >
                            <IconTrash size={18} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
