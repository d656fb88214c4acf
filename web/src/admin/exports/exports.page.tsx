import { Alert, Anchor, Badge, Card, EmptyState, Skeleton, Table, Text } from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { exportFileUrl, useExports, type GuestExport } from './exports.api.ts';

const STATUS_COLORS: Record<GuestExport['status'], string> = {
  queued: 'gray',
  running: 'blue',
  done: 'teal',
  failed: 'red',
  expired: 'gray',
  deleted: 'orange',
};

/** Exports (/admin/exports): who exported what, when, in which format, how many rows, until when; download. */
export function ExportsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const format = useFormat();
  const list = useExports();
  if (!hasPermission(user, 'exports:read')) return <ForbiddenState />;
  return (
    <>
      <PageHeader title={t('exports.page.title')} description={t('exports.page.description')} />
      {list.isError ? <Alert color="red">{describeError(list.error)}</Alert> : null}
      <Card p={0}>
        {!list.data ? (
          <Skeleton h={120} />
        ) : list.data.items.length === 0 ? (
          <EmptyState
            py={48}
            icon={<IconFileExport size={28} />}
            variant="light"
            title={t('exports.page.emptyTitle')}
            description={t('exports.page.emptyDescription')}
          />
        ) : (
          <Table striped highlightOnHover data-testid="exports-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exports.page.when')}</Table.Th>
                <Table.Th>{t('exports.page.who')}</Table.Th>
                <Table.Th>{t('exports.page.format')}</Table.Th>
                <Table.Th>{t('exports.page.rows')}</Table.Th>
                <Table.Th>{t('exports.page.status')}</Table.Th>
                <Table.Th>{t('exports.page.expires')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((e) => (
                <Table.Tr key={e.id} data-testid="export-row">
                  <Table.Td>{format.dateTime(e.createdAt)}</Table.Td>
                  <Table.Td>
                    {e.createdBy.name ?? t(`exports.page.actor.${e.createdBy.type === 'api_key' ? 'apiKey' : 'other'}`)}
                  </Table.Td>
                  <Table.Td>{t(`exports.formats.${e.format}`)}</Table.Td>
                  <Table.Td>{format.number(e.rows)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[e.status]} variant="light">
                      {t(`exports.status.${e.status}`)}
                    </Badge>
                    {e.masked ? (
                      <Text size="xs" c="dimmed">
                        {t('exports.page.masked')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{format.dateTime(e.expiresAt)}</Table.Td>
                  <Table.Td>
                    {e.status === 'done' ? (
                      <Anchor href={exportFileUrl(e.id)} download data-testid="export-row-download">
                        {t('exports.download')}
                      </Anchor>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
