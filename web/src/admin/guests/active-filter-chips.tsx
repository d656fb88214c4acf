import { Button, Group, Pill } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format.ts';
import { useCompanyName } from '../companies/attach-booking.tsx';
import { useCatalogName, useGroups } from '../settings/catalog.api.ts';
import { activeFilterKeys, clearFilter, type GuestFilters, type PanelFilterKey } from './guest-filters.ts';
import { useLocaleOptions } from './locale-options.ts';

interface ActiveFilterChipsProps {
  filters: GuestFilters;
  onChange: (filters: GuestFilters) => void;
}

/** One removable chip per filter in use, and "clear all". */
export function ActiveFilterChips({ filters, onChange }: ActiveFilterChipsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const groups = useGroups();
  const catalogName = useCatalogName();
  const { countryName, languageName } = useLocaleOptions();
  const companyName = useCompanyName(filters.companyId);
  const keys = activeFilterKeys(filters);
  if (keys.length === 0) return null;

  const yesNo = (value: boolean | null) => t(value ? 'guests.filters.yes' : 'guests.filters.no');
  const day = (value: string | null) => (value ? format.date(`${value}T00:00:00`) : '');
  const valueOf = (key: PanelFilterKey): string => {
    switch (key) {
      case 'tag':
        return filters.tag.join(filters.tagMode === 'all' ? ' + ' : ' / ');
      case 'language':
        return languageName(filters.language ?? '');
      case 'country':
        return countryName(filters.country ?? '');
      case 'groupId':
        return catalogName(
          groups.data?.items.find((group) => group.id === filters.groupId),
          filters.groupId ?? '',
        );
      case 'marketingConsent':
        return yesNo(filters.marketingConsent);
      case 'hasAccount':
        return yesNo(filters.hasAccount);
      case 'source':
        return filters.source ? t(`guests.source.${filters.source}`) : '';
      case 'companyId':
        return companyName ?? filters.companyId ?? '';
      case 'minBookings':
      case 'maxBookings':
        return format.number(filters[key] ?? 0);
      case 'firstContactFrom':
      case 'firstContactTo':
      case 'lastActivityFrom':
      case 'lastActivityTo':
        return day(filters[key]);
    }
  };

  return (
    <Group gap={6} mb="sm" data-testid="active-filters">
      {keys.map((key) => (
        <Pill
          key={key}
          size="md"
          withRemoveButton
          removeButtonProps={{ 'aria-label': t('guests.filters.remove') }}
          onRemove={() => onChange(clearFilter(filters, key))}
          data-testid={`active-filter-${key}`}
        >
          {`${t(`guests.filters.${key}`)}: ${valueOf(key)}`}
        </Pill>
      ))}
      {keys.length > 1 ? (
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          onClick={() => onChange(keys.reduce(clearFilter, filters))}
        >
          {t('guests.filters.clearAll')}
        </Button>
      ) : null}
    </Group>
  );
}
