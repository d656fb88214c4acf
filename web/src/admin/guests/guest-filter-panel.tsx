import {
  Button,
  Divider,
  Drawer,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogName, useGroups, useTags } from '../settings/catalog.api.ts';
import { emptyFilters, type GuestFilters } from './guest-filters.ts';
import { guestSources } from './guest.types.ts';
import { useLocaleOptions } from './locale-options.ts';

interface FilterPanelProps {
  opened: boolean;
  filters: GuestFilters;
  onApply: (filters: GuestFilters) => void;
  onClose: () => void;
}

/** The G-4 filters in a side drawer; they apply together with "Show guests". */
export function GuestFilterPanel({ opened, filters, onApply, onClose }: FilterPanelProps) {
  const { t } = useTranslation();
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="md" title={t('guests.filters.title')}>
      {/* Remount on open: the draft starts from the filters in use. */}
      {opened ? <FilterForm filters={filters} onApply={onApply} /> : null}
    </Drawer>
  );
}

function Section({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

type TriState = 'any' | 'yes' | 'no';
const toTri = (value: boolean | null): TriState => (value === null ? 'any' : value ? 'yes' : 'no');
const fromTri = (value: string): boolean | null => (value === 'any' ? null : value === 'yes');

function FilterForm({ filters, onApply }: { filters: GuestFilters; onApply: (filters: GuestFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<GuestFilters>(filters);
  const tags = useTags();
  const groups = useGroups();
  const catalogName = useCatalogName();
  const { countries, languages } = useLocaleOptions();
  const set = <K extends keyof GuestFilters>(key: K, value: GuestFilters[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const triData = (['any', 'yes', 'no'] as const).map((value) => ({ value, label: t(`guests.filters.${value}`) }));
  const dateInput = (key: 'firstContactFrom' | 'firstContactTo' | 'lastActivityFrom' | 'lastActivityTo') => (
    <TextInput
      type="date"
      aria-label={t(`guests.filters.${key}`)}
      label={t(key.endsWith('From') ? 'guests.filters.from' : 'guests.filters.to')}
      value={draft[key] ?? ''}
      onChange={(event) => set(key, event.currentTarget.value || null)}
    />
  );
  const count = (key: 'minBookings' | 'maxBookings') => (
    <NumberInput
      label={t(`guests.filters.${key}`)}
      min={0}
      allowDecimal={false}
      allowNegative={false}
      value={draft[key] ?? ''}
      onChange={(value) => set(key, typeof value === 'number' ? value : null)}
    />
  );

  return (
    <Stack gap="lg" data-testid="guest-filter-panel">
      <Section label={t('guests.filters.tag')}>
        <MultiSelect
          aria-label={t('guests.filters.tag')}
          data={(tags.data?.items ?? []).map((tag) => ({ value: tag.name, label: catalogName(tag) }))}
          value={draft.tag}
          onChange={(value) => set('tag', value)}
          searchable
          clearable
          placeholder={draft.tag.length ? undefined : t('guests.filters.anyTag')}
          data-testid="filter-tags"
        />
        <SegmentedControl
          size="xs"
          value={draft.tagMode}
          onChange={(value) => set('tagMode', value === 'all' ? 'all' : 'any')}
          data={[
            { value: 'any', label: t('guests.filters.tagModeAny') },
            { value: 'all', label: t('guests.filters.tagModeAll') },
          ]}
        />
      </Section>
      <SimpleGrid cols={2}>
        <Select
          label={t('guests.filters.groupId')}
          data={(groups.data?.items ?? []).map((group) => ({ value: group.id, label: catalogName(group) }))}
          value={draft.groupId}
          onChange={(value) => set('groupId', value)}
          clearable
          placeholder={t('guests.filters.anyValue')}
        />
        <Select
          label={t('guests.filters.source')}
          data={guestSources.map((source) => ({ value: source, label: t(`guests.source.${source}`) }))}
          value={draft.source}
          onChange={(value) => set('source', value)}
          clearable
          placeholder={t('guests.filters.anyValue')}
        />
        <Select
          label={t('guests.filters.language')}
          data={languages}
          value={draft.language}
          onChange={(value) => set('language', value)}
          searchable
          clearable
          placeholder={t('guests.filters.anyValue')}
        />
        <Select
          label={t('guests.filters.country')}
          data={countries}
          value={draft.country}
          onChange={(value) => set('country', value)}
          searchable
          clearable
          placeholder={t('guests.filters.anyValue')}
        />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Section label={t('guests.filters.marketingConsent')}>
          <SegmentedControl
            size="xs"
            data={triData}
            value={toTri(draft.marketingConsent)}
            onChange={(value) => set('marketingConsent', fromTri(value))}
          />
        </Section>
        <Section label={t('guests.filters.hasAccount')}>
          <SegmentedControl
            size="xs"
            data={triData}
            value={toTri(draft.hasAccount)}
            onChange={(value) => set('hasAccount', fromTri(value))}
          />
        </Section>
      </SimpleGrid>
      <Section label={t('guests.filters.firstContact')}>
        <SimpleGrid cols={2}>
          {dateInput('firstContactFrom')}
          {dateInput('firstContactTo')}
        </SimpleGrid>
      </Section>
      <Section label={t('guests.filters.lastActivity')}>
        <SimpleGrid cols={2}>
          {dateInput('lastActivityFrom')}
          {dateInput('lastActivityTo')}
        </SimpleGrid>
      </Section>
      <Section label={t('guests.filters.bookings')}>
        <SimpleGrid cols={2}>
          {count('minBookings')}
          {count('maxBookings')}
        </SimpleGrid>
      </Section>
      <Divider />
      <Group justify="space-between">
        <Button variant="subtle" color="gray" onClick={() => setDraft({ ...emptyFilters, q: draft.q })}>
          {t('guests.filters.reset')}
        </Button>
        <Button onClick={() => onApply(draft)} data-testid="filter-apply">
          {t('guests.filters.apply')}
        </Button>
      </Group>
    </Stack>
  );
}
