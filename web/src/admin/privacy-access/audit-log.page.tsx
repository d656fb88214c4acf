import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  EmptyState,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconShieldSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { AUDIT_ACTIONS, ENTITY_TYPES, entityPath } from './audit-actions.ts';
import { ACTOR_TYPES, useAuditLog, type AuditEntry, type AuditFilters } from './privacy-access.api.ts';

const EMPTY: AuditFilters = {
  actorType: null,
  actorId: null,
  action: null,
  entityType: null,
  entityId: '',
  from: '',
  to: '',
};

const ACTION_COLORS: Record<string, string> = { viewed: 'gray', exported: 'grape', revealed: 'orange', deleted: 'red' };
/** `{"sections":["profile","emails"],"masked":false}` → `sections: profile, emails · masked: false` */
const describeData = (data: Record<string, unknown>) =>
  Object.entries(data)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');

const colorOf = (action: string) => ACTION_COLORS[action.split('.').at(-1) ?? ''] ?? 'teal';

/** Settings → Audit log (issue 12 point 7): who did or read what, when, with filters; for the DPO. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  const [entityId] = useDebouncedValue(filters.entityId, 300);
  const set = (patch: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(EMPTY);

  if (!hasPermission(user, 'audit:read')) return <ForbiddenState />;
  return (
    <>
      <PageHeader title={t('nav.auditLog')} description={t('sections.auditLog')} />
      <Stack gap="md">
        <Card>
          <Group gap="md" wrap="wrap" align="flex-end">
            <Select
              label={t('privacyAccess.audit.action')}
              placeholder={t('privacyAccess.audit.anyAction')}
              data={AUDIT_ACTIONS.map((value) => ({ value, label: t(`privacyAccess.actions.${value}`) }))}
              value={filters.action}
              onChange={(action) => set({ action })}
              searchable
              clearable
              w={280}
              data-testid="audit-filter-action"
            />
            <Select
              label={t('privacyAccess.audit.actorType')}
              placeholder={t('privacyAccess.audit.anyActor')}
              data={ACTOR_TYPES.map((value) => ({ value, label: t(`privacyAccess.actorTypes.${value}`) }))}
              value={filters.actorType}
              onChange={(actorType) => set({ actorType, actorId: null })}
              clearable
              w={200}
              data-testid="audit-filter-actor-type"
            />
            <Select
              label={t('privacyAccess.audit.entityType')}
              placeholder={t('privacyAccess.audit.anyEntity')}
              data={ENTITY_TYPES.map((value) => ({ value, label: t(`privacyAccess.entities.${value}`) }))}
              value={filters.entityType}
              onChange={(entityType) => set({ entityType })}
              clearable
              w={200}
            />
            <TextInput
              label={t('privacyAccess.audit.entityId')}
              placeholder="gst_…"
              value={filters.entityId}
              onChange={(e) => set({ entityId: e.currentTarget.value })}
              w={220}
              data-testid="audit-filter-entity-id"
            />
            <TextInput
              type="date"
              label={t('privacyAccess.audit.from')}
              value={filters.from}
              onChange={(e) => set({ from: e.currentTarget.value })}
              w={160}
            />
            <TextInput
              type="date"
              label={t('privacyAccess.audit.to')}
              value={filters.to}
              onChange={(e) => set({ to: e.currentTarget.value })}
              w={160}
            />
            {filtered ? (
              <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={() => setFilters(EMPTY)}>
                {t('privacyAccess.audit.clear')}
              </Button>
            ) : null}
          </Group>
          {filters.actorId ? (
            <Group gap="xs" mt="sm">
              <Badge variant="light" color="blue" tt="none" data-testid="audit-filter-actor">
                {t('privacyAccess.audit.onlyActor', { id: filters.actorId })}
              </Badge>
              <Anchor size="sm" component="button" onClick={() => set({ actorId: null })}>
                {t('privacyAccess.audit.clear')}
              </Anchor>
            </Group>
          ) : null}
        </Card>
        <AuditTable
          filters={{ ...filters, entityId }}
          filtered={filtered}
          onActor={(e) => set({ actorType: e.actor.type, actorId: e.actor.id })}
        />
      </Stack>
    </>
  );
}

function AuditTable({
  filters,
  filtered,
  onActor,
}: {
  filters: AuditFilters;
  filtered: boolean;
  onActor: (e: AuditEntry) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const log = useAuditLog(filters);

  if (log.isError) {
    if (isApiError(log.error) && log.error.status === 403) return <ForbiddenState />;
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(log.error)}
      </Alert>
    );
  }
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  if (log.data && items.length === 0) {
    return (
      <Card py={56}>
        <EmptyState
          icon={<IconShieldSearch size={28} />}
          variant="light"
          title={t(filtered ? 'privacyAccess.audit.noMatchTitle' : 'privacyAccess.audit.emptyTitle')}
          description={t(filtered ? 'privacyAccess.audit.noMatchDescription' : 'privacyAccess.audit.emptyDescription')}
        />
      </Card>
    );
  }

  const actorLabel = (e: AuditEntry) =>
    e.actor.name ??
    `${t(`privacyAccess.actorTypes.${e.actor.type}`, { defaultValue: e.actor.type })}${e.actor.id ? ` · ${e.actor.id}` : ''}`;

  return (
    <Card p={0}>
      <Table.ScrollContainer minWidth={1000}>
        <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('privacyAccess.audit.when')}</Table.Th>
              <Table.Th>{t('privacyAccess.audit.actor')}</Table.Th>
              <Table.Th>{t('privacyAccess.audit.action')}</Table.Th>
              <Table.Th>{t('privacyAccess.audit.record')}</Table.Th>
              <Table.Th>{t('privacyAccess.audit.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.isPending
              ? [0, 1, 2].map((row) => (
                  <Table.Tr key={row}>
                    <Table.Td colSpan={5}>
                      <Skeleton h={28} />
                    </Table.Td>
                  </Table.Tr>
                ))
              : items.map((e) => {
                  const path = entityPath(e.entity);
                  const entityLabel = `${t(`privacyAccess.entities.${e.entity.type}`, { defaultValue: e.entity.type })}${e.entity.id ? ` · ${e.entity.id}` : ''}`;
                  return (
                    <Table.Tr key={e.id} data-testid="audit-row">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Tooltip label={e.createdAt}>
                          <Text size="sm">{format.dateTime(e.createdAt)}</Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        {e.actor.id ? (
                          <Anchor size="sm" component="button" onClick={() => onActor(e)} data-testid="audit-actor">
                            {actorLabel(e)}
                          </Anchor>
                        ) : (
                          <Text size="sm">{actorLabel(e)}</Text>
                        )}
                        <Text size="xs" c="dimmed">
                          {t(`privacyAccess.actorTypes.${e.actor.type}`, { defaultValue: e.actor.type })}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Badge
                          variant="light"
                          color={colorOf(e.action)}
                          tt="none"
                          maw="none"
                          data-testid="audit-action"
                        >
                          {t(`privacyAccess.actions.${e.action}`, { defaultValue: e.action })}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {path ? (
                          <Anchor component={Link} to={path} size="sm" data-testid="audit-record-link">
                            {entityLabel}
                          </Anchor>
                        ) : (
                          <Text size="sm">{entityLabel}</Text>
                        )}
                      </Table.Td>
                      <Table.Td maw={360}>
                        {Object.keys(e.data).length ? (
                          <Tooltip label={<Code block>{JSON.stringify(e.data, null, 2)}</Code>} multiline maw={420}>
                            <Text size="xs" ff="monospace" lineClamp={2} data-testid="audit-data">
                              {describeData(e.data)}
                            </Text>
                          </Tooltip>
                        ) : null}
                        {e.requestId ? (
                          <Text size="xs" c="dimmed">
                            {t('privacyAccess.audit.request', { id: e.requestId })}
                          </Text>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {log.hasNextPage ? (
        <Group justify="center" p="md">
          <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('privacyAccess.audit.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}
