import { Alert, Badge, Button, Card, EmptyState, Group, Loader, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAddressBook, IconAdjustmentsHorizontal, IconBolt, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ExportButton } from '../exports/export-button.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { ImportButton } from '../imports/import-button.tsx';
import { ActiveFilterChips } from './active-filter-chips.tsx';
import { BulkActionsBar } from './bulk-actions.tsx';
import { useGuestName } from './guest-display.tsx';
import { GuestFilterPanel } from './guest-filter-panel.tsx';
import {
  activeFilterKeys,
  emptyFilters,
  filtersFromParams,
  filtersToParams,
  filtersToRecord,
  parseSort,
  type GuestFilters,
  type GuestSort,
} from './guest-filters.ts';
import { GuestKpiPanel } from './guest-kpis.tsx';
import { GuestTable } from './guest-table.tsx';
import { useGuestList } from './guests.api.ts';
import { SegmentsMenu } from './segments-menu.tsx';

const SEARCH_DEBOUNCE_MS = 150;

/** Guests: KPIs, instant search, filters, segments, the list and bulk actions. Filters live in the URL. */
export function GuestListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = hasPermission(user, 'guests:write');
  if (!hasPermission(user, 'guests:read')) {
    return (
      <>
        <PageHeader title={t('nav.guests')} description={t('sections.guests')} />
        <ForbiddenState />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={t('nav.guests')}
        description={t('sections.guests')}
        actions={
          <>
            {hasPermission(user, 'imports:write') ? <ImportButton /> : null}
            {canWrite ? (
              <Button component={Link} to="/guests/new" leftSection={<IconPlus size={18} />} data-testid="guest-create">
                {t('guests.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <GuestKpiPanel />
      <GuestBrowser canWrite={canWrite} />
    </>
  );
}

function GuestBrowser({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const nameOf = useGuestName();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const sort = parseSort(params.get('sort'));
  const segmentId = params.get('segment');
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  const [panelOpened, setPanelOpened] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const navigateTo = (next: GuestFilters, nextSort: GuestSort | null, segment: string | null = null) => {
    const nextParams = filtersToParams(next, nextSort);
    if (segment) nextParams.set('segment', segment);
    setParams(nextParams, { replace: true });
    setSelected(new Set());
  };
  const applyFilters = (next: GuestFilters, segment: string | null = null) => {
    setSearch(next.q);
    navigateTo(next, sort, segment);
  };

  useEffect(() => {
    if (debouncedSearch !== filters.q) navigateTo({ ...filters, q: debouncedSearch }, sort);
    // Only a new debounced search text moves the URL; the rest changes through applyFilters.
  }, [debouncedSearch]);

  const list = useGuestList(filters, sort);
  const pages = list.data?.pages;
  const guests = useMemo(() => pages?.flatMap((page) => page.items), [pages]);
  const first = pages?.[0];
  const activeCount = activeFilterKeys(filters).length;
  const isFiltered = activeCount > 0 || filters.q.trim() !== '';
  const searching = list.isFetching && !list.isFetchingNextPage;
  const namesById = new Map(guests?.map((guest) => [guest.id, nameOf(guest)]));

  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  if (list.isError && !list.data) {
    if (isApiError(list.error) && list.error.status === 403) return <ForbiddenState />;
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(list.error)}
      </Alert>
    );
  }

  return (
    <>
      <Group gap="sm" mb="sm" wrap="wrap" align="flex-start">
        <TextInput
          style={{ flex: 1, minWidth: 240 }}
          size="md"
          leftSection={<IconSearch size={18} />}
          rightSection={
            searching ? (
              <Loader size={16} />
            ) : search ? (
              <IconX
                size={16}
                style={{ cursor: 'pointer' }}
                aria-label={t('guests.search.clear')}
                onClick={() => setSearch('')}
              />
            ) : null
          }
          placeholder={t('guests.search.placeholder')}
          aria-label={t('guests.search.label')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-testid="guest-search"
          autoFocus
        />
        <Button
          size="md"
          variant={activeCount ? 'light' : 'default'}
          leftSection={<IconAdjustmentsHorizontal size={18} />}
          rightSection={
            activeCount ? (
              <Badge size="sm" circle>
                {activeCount}
              </Badge>
            ) : null
          }
          onClick={() => setPanelOpened(true)}
          data-testid="filters-button"
        >
          {t('guests.filters.button')}
        </Button>
        <SegmentsMenu
          filters={filters}
          activeSegmentId={segmentId}
          canSave={canWrite}
          onApply={(segment, next) => applyFilters(next, segment.id)}
        />
        <ExportButton filters={filtersToRecord(filters)} segmentId={segmentId} />
      </Group>
      <ActiveFilterChips filters={filters} onChange={(next) => applyFilters(next)} />
      <Group justify="space-between" mb="xs" mih={24}>
        <Text size="sm" c="dimmed" data-testid="guest-total">
          {first ? t('guests.list.total', { count: first.total, formatted: format.number(first.total) }) : ''}
        </Text>
        {first ? (
          <Group gap={4} c="dimmed">
            <IconBolt size={14} />
            <Text size="xs" data-testid="guest-search-time">
              {t('guests.list.took', { ms: format.number(first.tookMs) })}
            </Text>
          </Group>
        ) : null}
      </Group>
      {canWrite ? (
        <BulkActionsBar
          selectedIds={[...selected]}
          nameOf={(id) => namesById.get(id) ?? id}
          onClear={() => setSelected(new Set())}
        />
      ) : null}
      <Card p={0} style={{ opacity: searching && list.isPlaceholderData ? 0.65 : 1, transition: 'opacity 120ms' }}>
        {guests?.length === 0 ? (
          <EmptyState
            py={56}
            icon={<IconAddressBook size={28} />}
            variant="light"
            title={t(isFiltered ? 'guests.list.noMatchTitle' : 'guests.list.emptyTitle')}
            description={t(isFiltered ? 'guests.list.noMatchDescription' : 'guests.list.emptyDescription')}
            data-testid="guest-list-empty"
          >
            <EmptyState.Actions>
              {isFiltered ? (
                <Button variant="default" onClick={() => applyFilters(emptyFilters)}>
                  {t('guests.filters.clearAll')}
                </Button>
              ) : canWrite ? (
                <Button component={Link} to="/guests/new">
                  {t('guests.create')}
                </Button>
              ) : null}
            </EmptyState.Actions>
          </EmptyState>
        ) : (
          <GuestTable
            guests={guests}
            sort={sort}
            defaultSort={filters.q.trim() ? null : '-lastActivityAt'}
            onSort={(next) => navigateTo(filters, next, segmentId)}
            selected={selected}
            onSelect={select}
            canSelect={canWrite}
          />
        )}
      </Card>
      {list.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
            data-testid="guest-load-more"
          >
            {t('guests.list.loadMore', {
              shown: format.number(guests?.length ?? 0),
              total: format.number(first?.total ?? 0),
            })}
          </Button>
        </Group>
      ) : null}
      <GuestFilterPanel
        opened={panelOpened}
        filters={filters}
        onClose={() => setPanelOpened(false)}
        onApply={(next) => {
          setPanelOpened(false);
          applyFilters(next);
        }}
      />
    </>
  );
}
