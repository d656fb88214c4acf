import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInboxOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../shared/page-header.tsx';
import { useHotelContacts } from '../hotel-contacts/hotel-contacts.api.ts';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { ThreadStatusBadge, useAssignees, useDateTime } from './thread-display.tsx';
import {
  threadFilterKeys,
  threadStatuses,
  useThreadList,
  type ThreadFilters,
  type ThreadSummary,
} from './threads.api.ts';

/** M-2: the shared inbox, filters kept in the URL. */
export function ThreadListPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    threadFilterKeys.map((key) => [key, params.get(key) ?? '']),
  ) as unknown as ThreadFilters;
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const allowed = hasPermission(user, 'threads:read');
  const list = useThreadList(filters);
  const contacts = useHotelContacts(i18n.language.slice(0, 2), allowed);
  const assignees = useAssignees();

  const setFilter = (key: keyof ThreadFilters, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  useEffect(() => {
    if (debounced !== (params.get('q') ?? '')) setFilter('q', debounced);
    // Only the debounced text drives the URL.
  }, [debounced]);

  if (!allowed) return <ForbiddenState />;
  const threads = list.data?.pages.flatMap((page) => page.items);
  const total = list.data?.pages[0]?.total;
  const anyFilter = threadFilterKeys.some((key) => filters[key]);
  const mine = filters.assigneeId === user.id ? 'mine' : filters.assigneeId === 'none' ? 'unassigned' : 'all';

  return (
    <>
      <PageHeader title={t('threads.list.title')} description={t('threads.list.description')} />
      <Card mb="md" p="md">
        <Stack gap="sm">
          <SegmentedControl
            w="fit-content"
            value={mine}
            onChange={(value) =>
              setFilter('assigneeId', value === 'mine' ? user.id : value === 'unassigned' ? 'none' : null)
            }
            data={[
              { value: 'all', label: t('threads.filters.everyone') },
              { value: 'mine', label: t('threads.filters.mine') },
              { value: 'unassigned', label: t('threads.filters.unassigned') },
            ]}
            data-testid="thread-filter-assignee"
          />
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <TextInput
              label={t('threads.filters.search')}
              placeholder={t('threads.filters.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              data-testid="thread-search"
            />
            <Select
              label={t('threads.filters.status')}
              placeholder={t('threads.filters.any')}
              clearable
              data={threadStatuses.map((status) => ({ value: status, label: t(`threads.status.${status}`) }))}
              value={filters.status || null}
              onChange={(value) => setFilter('status', value)}
              data-testid="thread-filter-status"
            />
            <Select
              label={t('threads.filters.waiting')}
              placeholder={t('threads.filters.any')}
              clearable
              data={[
                { value: 'true', label: t('threads.filters.waitingOnly') },
                { value: 'false', label: t('threads.filters.answered') },
              ]}
              value={filters.waitingForReply || null}
              onChange={(value) => setFilter('waitingForReply', value)}
              data-testid="thread-filter-waiting"
            />
            <Select
              label={t('threads.filters.contact')}
              placeholder={t('threads.filters.any')}
              clearable
              data={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={filters.hotelContactId || null}
              onChange={(value) => setFilter('hotelContactId', value)}
              data-testid="thread-filter-contact"
            />
          </SimpleGrid>
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="thread-total">
              {total === undefined ? '' : t('threads.list.total', { count: total })}
            </Text>
            <Button
              variant="subtle"
              disabled={!anyFilter}
              onClick={() => {
                setSearch('');
                setParams({}, { replace: true });
              }}
              data-testid="thread-filter-clear"
            >
              {t('threads.filters.clear')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Card p={0}>
        <ThreadTable threads={threads} filtered={anyFilter} assigneeLabel={assignees.label} />
      </Card>
      {list.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
            data-testid="thread-load-more"
          >
            {t('threads.list.loadMore')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}

function ThreadTable({
  threads,
  filtered,
  assigneeLabel,
}: {
  threads: ThreadSummary[] | undefined;
  filtered: boolean;
  assigneeLabel: (id: string | null) => string | null;
}) {
  const { t } = useTranslation();
  const dateTime = useDateTime();

  if (threads && threads.length === 0) {
    return (
      <Stack align="center" gap="xs" py="xl" data-testid="thread-empty">
        <ThemeIcon size={48} radius="xl" variant="light" color="gray">
          <IconInboxOff size={26} />
        </ThemeIcon>
        <Text fw={600}>{t(filtered ? 'threads.list.emptyFiltered' : 'threads.list.empty')}</Text>
        <Text size="sm" c="dimmed">
          {t(filtered ? 'threads.list.emptyFilteredHint' : 'threads.list.emptyHint')}
        </Text>
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('threads.columns.subject')}</Table.Th>
            <Table.Th>{t('threads.columns.from')}</Table.Th>
            <Table.Th>{t('threads.columns.status')}</Table.Th>
            <Table.Th>{t('threads.columns.assignee')}</Table.Th>
            <Table.Th>{t('threads.columns.lastActivity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {threads
            ? threads.map((thread) => (
                <Table.Tr key={thread.id} data-testid="thread-row">
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor
                        component={Link}
                        to={`/threads/${encodeURIComponent(thread.id)}`}
                        fw={thread.waitingForReply ? 700 : 500}
                        data-testid="thread-subject"
                      >
                        {thread.subject}
                      </Anchor>
                      {thread.waitingForReply ? (
                        <Badge size="xs" color="red" variant="filled" data-testid="thread-waiting">
                          {t('threads.waitingForReply')}
                        </Badge>
                      ) : null}
                    </Group>
                    {thread.bookingReference || thread.tags.length ? (
                      <Group gap={4} mt={2}>
                        {thread.bookingReference ? (
                          <Text size="xs" c="dimmed">
                            {thread.bookingReference}
                          </Text>
                        ) : null}
                        {thread.tags.map((tag) => (
                          <Badge key={tag} size="xs" variant="outline" color="gray">
                            {tag}
                          </Badge>
                        ))}
                      </Group>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{thread.contactName}</Text>
                    {thread.contactEmail ? (
                      <Text size="xs" c="dimmed">
                        {thread.contactEmail}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <ThreadStatusBadge status={thread.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={thread.assigneeId ? undefined : 'dimmed'}>
                      {assigneeLabel(thread.assigneeId) ?? t('threads.unassigned')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{dateTime(thread.lastActivityAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))
            : Array.from({ length: 3 }, (_, i) => (
                <Table.Tr key={i}>
                  {Array.from({ length: 5 }, (__, j) => (
                    <Table.Td key={j}>
                      <Skeleton h={14} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
