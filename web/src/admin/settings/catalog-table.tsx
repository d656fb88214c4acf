import { ActionIcon, Alert, Card, Group, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/errors.ts';

export interface Column<T> {
  key: string;
  label: string;
  align?: 'left' | 'right';
  render: (item: T) => ReactNode;
}

interface CatalogTableProps<T extends { id: string }> {
  items: T[] | undefined;
  error: unknown;
  columns: Column<T>[];
  /** Absent when the user may only look. */
  onEdit?: (item: T) => void;
  onDelete?: (item: T) => void;
  /** Why an entry cannot be deleted (predefined, default…), or null when it can. */
  lockedReason?: (item: T) => string | null;
  /** Shown instead of the table when there are no entries (`${testId}-empty`). */
  empty?: string;
  testId: string;
}

/**
 * The table of a settings list (titles, tags, groups, hotel contacts, canned replies) with edit and
 * delete per row; rows are `${testId}-row`, their buttons `${testId}-edit` and `${testId}-delete`.
 */
export function CatalogTable<T extends { id: string }>(props: CatalogTableProps<T>) {
  const { items, error, columns, onEdit, onDelete, lockedReason, empty, testId } = props;
  const { t } = useTranslation();
  if (error) {
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(error)}
      </Alert>
    );
  }
  if (empty !== undefined && items?.length === 0) {
    return (
      <Card p={0}>
        <Text c="dimmed" ta="center" py="xl" data-testid={`${testId}-empty`}>
          {empty}
        </Text>
      </Card>
    );
  }
  const span = columns.length + 1;
  return (
    <Card p={0}>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key} ta={column.align}>
                  {column.label}
                </Table.Th>
              ))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items
              ? items.map((item) => {
                  const locked = lockedReason?.(item) ?? null;
                  return (
                    <Table.Tr key={item.id} data-testid={`${testId}-row`}>
                      {columns.map((column) => (
                        <Table.Td key={column.key} ta={column.align}>
                          {column.render(item)}
                        </Table.Td>
                      ))}
                      <Table.Td ta="right" w={96}>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {onEdit ? (
                            <Tooltip label={t('actions.edit')}>
                              <ActionIcon
                                variant="subtle"
                                aria-label={t('actions.edit')}
                                onClick={() => onEdit(item)}
                                data-testid={`${testId}-edit`}
                              >
                                <IconPencil size={18} />
                              </ActionIcon>
                            </Tooltip>
                          ) : null}
                          {onDelete ? (
                            <Tooltip label={locked ?? t('actions.delete')}>
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={t('actions.delete')}
                                disabled={locked !== null}
                                onClick={() => onDelete(item)}
                                data-testid={`${testId}-delete`}
                              >
                                <IconTrash size={18} />
                              </ActionIcon>
                            </Tooltip>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })
              : [0, 1, 2].map((row) => (
                  <Table.Tr key={row}>
                    <Table.Td colSpan={span}>
                      <Skeleton h={26} />
                    </Table.Td>
                  </Table.Tr>
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
