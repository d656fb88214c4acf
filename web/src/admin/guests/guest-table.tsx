import { Anchor, Checkbox, Code, Group, Skeleton, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useFormat } from '../../shared/format.ts';
import { TagBadges, useGuestName } from './guest-display.tsx';
import type { GuestSort, SortField } from './guest-filters.ts';
import type { Guest } from './guest.types.ts';

interface GuestTableProps {
  guests: Guest[] | undefined;
  sort: GuestSort | null;
  /** The order used when no column is chosen (relevance while searching). */
  defaultSort: GuestSort | null;
  onSort: (sort: GuestSort) => void;
  selected: Set<string>;
  onSelect: (ids: string[], selected: boolean) => void;
  canSelect: boolean;
}

const COLUMNS = 9;

/** G-2: the guest list with sortable columns and row selection for bulk actions. */
export function GuestTable({ guests, sort, defaultSort, onSort, selected, onSelect, canSelect }: GuestTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const nameOf = useGuestName();
  const navigate = useNavigate();
  const effectiveSort = sort ?? defaultSort;
  const ids = guests?.map((guest) => guest.id) ?? [];
  const selectedHere = ids.filter((id) => selected.has(id)).length;

  const header = (field: SortField, label: string, align: 'left' | 'right' = 'left') => {
    const direction = effectiveSort === field ? 'asc' : effectiveSort === `-${field}` ? 'desc' : null;
    // Names read A→Z first; dates and counts newest/largest first.
    const next: GuestSort =
      direction === null ? (field === 'name' ? field : `-${field}`) : direction === 'asc' ? `-${field}` : field;
    const Icon = direction === 'asc' ? IconArrowUp : direction === 'desc' ? IconArrowDown : IconSelector;
    return (
      <Table.Th
        ta={align}
        aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}
      >
        <UnstyledButton onClick={() => onSort(next)} data-testid={`sort-${field}`}>
          <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
            <Text size="sm" fw={600} c={direction ? undefined : 'dimmed'}>
              {label}
            </Text>
            <Icon size={14} stroke={1.8} />
          </Group>
        </UnstyledButton>
      </Table.Th>
    );
  };

  const rows: ReactNode = guests
    ? guests.map((guest) => (
        <Table.Tr
          key={guest.id}
          data-testid="guest-row"
          bg={selected.has(guest.id) ? 'var(--mantine-color-teal-light)' : undefined}
          style={{ cursor: 'pointer' }}
          onClick={(event) => {
            if ((event.target as HTMLElement).closest('a,button,input,label')) return;
            void navigate(`/guests/${guest.id}`);
          }}
        >
          {canSelect ? (
            <Table.Td w={40}>
              <Checkbox
                aria-label={t('guests.list.selectRow', { name: nameOf(guest) })}
                checked={selected.has(guest.id)}
                onChange={(event) => onSelect([guest.id], event.currentTarget.checked)}
                data-testid="guest-row-select"
              />
            </Table.Td>
          ) : null}
          <Table.Td maw={280}>
            <Stack gap={0}>
              <Anchor
                component={Link}
                to={`/guests/${guest.id}`}
                fw={600}
                size="sm"
                c="inherit"
                data-testid="guest-name"
              >
                {nameOf(guest) || t('guests.unnamed')}
              </Anchor>
              {guest.nativeName ? (
                <Text size="xs" c="dimmed" truncate>
                  {guest.nativeName}
                </Text>
              ) : null}
            </Stack>
          </Table.Td>
          <Table.Td>
            <Stack gap={0}>
              <Text size="sm" truncate maw={240}>
                {guest.email ?? ''}
              </Text>
              {guest.phoneDisplay ? (
                <Text size="xs" c="dimmed">
                  {guest.phoneDisplay}
                </Text>
              ) : null}
            </Stack>
          </Table.Td>
          <Table.Td ta="right">
            <Text size="sm">{format.number(guest.bookingCount)}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{format.date(guest.firstContactAt)}</Text>
          </Table.Td>
          <Table.Td>
            <Tooltip label={format.dateTime(guest.lastActivityAt)} openDelay={300}>
              <Text size="sm">{format.relative(guest.lastActivityAt)}</Text>
            </Tooltip>
          </Table.Td>
          <Table.Td>{guest.userId ? <Code>{guest.userId}</Code> : null}</Table.Td>
          <Table.Td>
            <TagBadges tags={guest.tags} size="xs" />
          </Table.Td>
        </Table.Tr>
      ))
    : Array.from({ length: 8 }, (_, row) => (
        <Table.Tr key={row}>
          <Table.Td colSpan={COLUMNS}>
            <Skeleton h={26} />
          </Table.Td>
        </Table.Tr>
      ));

  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover stickyHeader data-testid="guest-table">
        <Table.Thead>
          <Table.Tr>
            {canSelect ? (
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('guests.list.selectAll')}
                  checked={ids.length > 0 && selectedHere === ids.length}
                  indeterminate={selectedHere > 0 && selectedHere < ids.length}
                  onChange={(event) => onSelect(ids, event.currentTarget.checked)}
                />
              </Table.Th>
            ) : null}
            {header('name', t('guests.columns.name'))}
            <Table.Th>{t('guests.columns.email')}</Table.Th>
            {header('bookingCount', t('guests.columns.bookings'), 'right')}
            {header('firstContactAt', t('guests.columns.firstContact'))}
            {header('lastActivityAt', t('guests.columns.lastActivity'))}
            <Table.Th>{t('guests.columns.userId')}</Table.Th>
            <Table.Th>{t('guests.columns.tags')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
