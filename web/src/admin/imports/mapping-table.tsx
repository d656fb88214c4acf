import { Badge, Card, Code, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useImportLabels } from './import-labels.tsx';
import {
  FIELD_GROUPS,
  IMPORT_FIELDS,
  type ImportColumns,
  type ImportField,
  type ImportMapping,
} from './import.types.ts';

/** What was recognised in the file: the system it comes from, file type, encoding and delimiter. */
export function DetectedFormat({ columns }: { columns: ImportColumns }) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const item = (label: string, value: string, testId: string) => (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={500} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
  return (
    <Card withBorder shadow="none" data-testid="import-detected">
      <Group gap="sm" mb="sm">
        <IconFileSpreadsheet size={20} color="var(--mantine-color-teal-7)" />
        <Text fw={600}>{t('imports.detected.title')}</Text>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        {item(t('imports.detected.format'), labels.format(columns.formatId, columns.formatName), 'detected-format')}
        {item(t('imports.detected.kind'), labels.kind(columns.kind), 'detected-kind')}
        {item(t('imports.detected.encoding'), labels.encoding(columns.encoding), 'detected-encoding')}
        {item(t('imports.detected.delimiter'), labels.delimiter(columns.delimiter), 'detected-delimiter')}
      </SimpleGrid>
    </Card>
  );
}

interface MappingTableProps {
  columns: ImportColumns['columns'];
  mapping: ImportMapping;
  /** What the server recognised, to mark columns the user changed. */
  detected: ImportMapping;
  onChange: (header: string, field: ImportField) => void;
}

/** One row per column of the file: its header, its first values, and the field it fills. */
export function MappingTable({ columns, mapping, detected, onChange }: MappingTableProps) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const data = [
    { value: 'ignore', label: t('imports.mapping.ignore') },
    ...FIELD_GROUPS.map((group) => ({
      group: t(`imports.fieldGroups.${group.key}`),
      items: group.fields.map((field) => ({ value: field, label: labels.field(field) })),
    })),
  ];

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" data-testid="mapping-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="28%">{t('imports.mapping.column')}</Table.Th>
            <Table.Th>{t('imports.mapping.samples')}</Table.Th>
            <Table.Th w={260}>{t('imports.mapping.field')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map((column, index) => {
            const field = mapping[column.header] ?? 'ignore';
            const changed = column.header !== '' && field !== (detected[column.header] ?? 'ignore');
            return (
              <Table.Tr
                key={`${index}-${column.header}`}
                data-testid="mapping-row"
                data-header={column.header}
                data-field={field}
                style={field === 'ignore' ? { opacity: 0.7 } : undefined}
              >
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text fw={600} size="sm" style={{ wordBreak: 'break-word' }}>
                      {column.header || t('imports.mapping.noHeader')}
                    </Text>
                    {changed ? (
                      <Badge size="xs" variant="light" color="orange">
                        {t('imports.mapping.changed')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {column.samples.length ? (
                    <Group gap={4}>
                      {column.samples.map((sample, i) => (
                        <Code key={i} data-testid="mapping-sample" style={{ maxWidth: 220 }}>
                          <Text
                            span
                            size="xs"
                            truncate
                            display="inline-block"
                            maw={210}
                            style={{ verticalAlign: 'bottom' }}
                          >
                            {sample}
                          </Text>
                        </Code>
                      ))}
                    </Group>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('imports.mapping.empty')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Select
                    size="sm"
                    data={data}
                    value={field}
                    allowDeselect={false}
                    searchable
                    disabled={column.header === ''}
                    aria-label={t('imports.mapping.fieldFor', { column: column.header })}
                    onChange={(value) => value && isField(value) && onChange(column.header, value)}
                    data-testid="mapping-select"
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const isField = (value: string): value is ImportField => (IMPORT_FIELDS as readonly string[]).includes(value);

/** The mapping a file starts with: what the server recognised for each (named) column. */
export function detectedMapping(columns: ImportColumns['columns']): ImportMapping {
  const mapping: ImportMapping = {};
  for (const column of columns) if (column.header !== '') mapping[column.header] = column.field;
  return mapping;
}
