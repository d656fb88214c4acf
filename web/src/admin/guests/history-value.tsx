import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format.ts';
import { useGroups, useTitles } from '../settings/catalog.api.ts';
import { titleLabel } from './guest-display.tsx';
import { useLocaleOptions } from './locale-options.ts';

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Turns a stored history value into words: names for codes and ids, dates in the UI language. */
function useDescribe() {
  const { t } = useTranslation();
  const format = useFormat();
  const titles = useTitles();
  const groups = useGroups();
  const { countryName, languageName } = useLocaleOptions();
  const day = (value: string) => (ISO_DAY.test(value) ? format.date(`${value}T00:00:00`) : value);

  return (field: string, value: unknown): string | string[] | null => {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'boolean') return t(value ? 'guests.filters.yes' : 'guests.filters.no');
    if (typeof value === 'number') return format.number(value);
    if (typeof value === 'string') {
      if (field === 'country' || field === 'nationality') return countryName(value);
      if (field === 'language') return languageName(value);
      if (field === 'titleId') {
        const title = titles.data?.items.find((item) => item.id === value);
        return title ? titleLabel(title) : value;
      }
      return day(value);
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return null;
      if (field === 'groupIds')
        return value.map((id) => groups.data?.items.find((g) => g.id === id)?.name ?? String(id));
      return value.map((item) => {
        if (!isRow(item)) return String(item as string);
        if (field === 'emails') return str(item.email) ?? '';
        if (field === 'phones') return str(item.display) ?? str(item.e164) ?? '';
        if (field === 'addresses') {
          const place = [str(item.postcode), str(item.city)].filter(Boolean).join(' ');
          const country = str(item.country);
          return [str(item.street), place, str(item.region), country ? countryName(country) : null]
            .filter(Boolean)
            .join(', ');
        }
        return JSON.stringify(item);
      });
    }
    if (isRow(value)) {
      if (field === 'document') {
        const type = str(value.type);
        const country = str(value.issuingCountry);
        const expiry = str(value.expiry);
        return [
          type ? t(`guests.documentTypes.${type}`, { defaultValue: type }) : null,
          str(value.number),
          country ? countryName(country) : null,
          expiry ? day(expiry) : null,
        ]
          .filter(Boolean)
          .join(' · ');
      }
      const source = str(value.source);
      if (field === 'created' && source) return t(`guests.source.${source}`, { defaultValue: source });
    }
    return JSON.stringify(value);
  };
}

/**
 * A profile made by an import: ONE "created" entry (decision 0017) holding where it came from and
 * every field it started with — shown as the source, then each field as its own entry would be.
 */
function CreatedValues({ source, values }: { source: unknown; values: Row }) {
  const { t, i18n } = useTranslation();
  const describe = useDescribe();
  const from = describe('created', { source });
  return (
    <Stack gap={4} data-testid="history-created-values">
      <Text span size="sm">
        {typeof from === 'string' ? from : null}
      </Text>
      {Object.entries(values).map(([field, value]) => {
        const key = `guests.historyFields.${field.replace(/\./g, '_')}`;
        return (
          <Group key={field} gap={6} wrap="wrap">
            <Text span size="sm" c="dimmed">
              {i18n.exists(key) ? t(key) : field}
            </Text>
            <HistoryValue field={field} value={value} />
          </Group>
        );
      })}
    </Stack>
  );
}

/** One side (old or new) of a history entry. */
export function HistoryValue({ field, value }: { field: string; value: unknown }) {
  const describe = useDescribe();
  if (field === 'created' && isRow(value) && isRow(value.values))
    return <CreatedValues source={value.source} values={value.values} />;
  const text = describe(field, value);
  if (text === null || text === '') {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  if (Array.isArray(text)) {
    return (
      <Group gap={4} display="inline-flex">
        {text.map((item, index) => (
          <Badge key={`${item}-${index}`} size="sm" variant="light" color="gray" tt="none">
            {item}
          </Badge>
        ))}
      </Group>
    );
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    return <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{text}</Code>;
  }
  return (
    <Text span size="sm">
      {text}
    </Text>
  );
}
