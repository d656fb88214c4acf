import {
  ActionIcon,
  Avatar,
  Card,
  Combobox,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  useCombobox,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { initialsOf, useGuestName } from '../guests/guest-display.tsx';
import type { Guest } from '../guests/guest.types.ts';
import { useGuestSearch } from './bookings.api.ts';

export interface NewPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

/** Who a booking is for: a guest found in the database, or a new person typed in. */
export type PersonChoice = { kind: 'existing'; guest: Guest } | { kind: 'new'; person: NewPerson } | null;

/** The API's `customer` / `guests[i]` value for a choice. */
export function personPayload(choice: PersonChoice): Record<string, unknown> | null {
  if (!choice) return null;
  if (choice.kind === 'existing') return { guestId: choice.guest.id };
  const { firstName, lastName, email, phone } = choice.person;
  return {
    firstName: firstName.trim(),
    lastName: lastName.trim(),
    ...(email.trim() ? { email: email.trim() } : {}),
    ...(phone.trim() ? { phone: phone.trim() } : {}),
  };
}

/** Turns what was typed in the search box into a first draft of a new person. */
function draftFrom(text: string): NewPerson {
  const value = text.trim();
  if (value.includes('@')) return { firstName: '', lastName: '', email: value, phone: '' };
  if (/^[+\d][\d\s().-]{4,}$/.test(value)) return { firstName: '', lastName: '', email: '', phone: value };
  const [first = '', ...rest] = value.split(/\s+/);
  return { firstName: first, lastName: rest.join(' '), email: '', phone: '' };
}

interface GuestPickerProps {
  value: PersonChoice;
  onChange: (choice: PersonChoice) => void;
  /** Field errors from the server for this person, keyed by the field after the prefix (`firstName`, `guestId`). */
  errors: Record<string, string>;
  label: string;
  testId: string;
  required?: boolean;
}

/** Finds a guest as you type (name, email or phone) or creates a new one inline. */
export function GuestPicker({ value, onChange, errors, label, testId, required }: GuestPickerProps) {
  const { t } = useTranslation();
  const nameOf = useGuestName();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const results = useGuestSearch(debounced);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  if (value?.kind === 'existing') {
    const guest = value.guest;
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Card withBorder p="sm" data-testid={`${testId}-selected`}>
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Avatar radius="xl" color="teal">
                {initialsOf(guest)}
              </Avatar>
              <div>
                <Text fw={600} size="sm" data-testid={`${testId}-selected-name`}>
                  {nameOf(guest) || t('bookings.unnamed')}
                </Text>
                <Text size="xs" c="dimmed">
                  {[guest.email, guest.phoneDisplay].filter(Boolean).join(' · ') || t('bookings.form.noContact')}
                </Text>
                {guest.blocked ? (
                  <Text size="xs" c="red" fw={600} data-testid={`${testId}-blocked`}>
                    {t('bookings.form.guestBlocked', { reason: guest.blocked.reason })}
                  </Text>
                ) : null}
              </div>
            </Group>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('bookings.form.changeGuest')}
              onClick={() => onChange(null)}
            >
              <IconX size={16} />
            </ActionIcon>
          </Group>
        </Card>
        {errors.guestId || errors._ ? (
          <Text size="xs" c="red">
            {errors.guestId || errors._}
          </Text>
        ) : null}
      </Stack>
    );
  }

  if (value?.kind === 'new') {
    const person = value.person;
    const set = (patch: Partial<NewPerson>) => onChange({ kind: 'new', person: { ...person, ...patch } });
    return (
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {label} · {t('bookings.form.newGuest')}
          </Text>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('bookings.form.changeGuest')}
            onClick={() => onChange(null)}
          >
            <IconX size={16} />
          </ActionIcon>
        </Group>
        <Card withBorder p="sm" data-testid={`${testId}-new`}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('bookings.form.firstName')}
              name={`${testId}.firstName`}
              value={person.firstName}
              onChange={(event) => set({ firstName: event.currentTarget.value })}
              error={errors.firstName}
            />
            <TextInput
              label={t('bookings.form.lastName')}
              name={`${testId}.lastName`}
              value={person.lastName}
              onChange={(event) => set({ lastName: event.currentTarget.value })}
              error={errors.lastName}
            />
            <TextInput
              label={t('bookings.form.email')}
              description={t('bookings.form.optional')}
              name={`${testId}.email`}
              type="email"
              value={person.email}
              onChange={(event) => set({ email: event.currentTarget.value })}
              error={errors.email}
            />
            <TextInput
              label={t('bookings.form.phone')}
              description={t('bookings.form.optional')}
              name={`${testId}.phone`}
              value={person.phone}
              onChange={(event) => set({ phone: event.currentTarget.value })}
              error={errors.phone}
            />
          </SimpleGrid>
        </Card>
      </Stack>
    );
  }

  const guests = debounced.length >= 2 ? (results.data?.items ?? []) : [];
  const error = Object.values(errors)[0];
  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        combobox.closeDropdown();
        if (id === '__new') {
          onChange({ kind: 'new', person: draftFrom(search) });
          return;
        }
        const guest = guests.find((g) => g.id === id);
        if (guest) onChange({ kind: 'existing', guest });
      }}
    >
      <Combobox.Target>
        <TextInput
          label={label}
          withAsterisk={required}
          placeholder={t('bookings.form.searchGuest')}
          description={t('bookings.form.searchGuestHint')}
          leftSection={<IconSearch size={16} />}
          rightSection={results.isFetching ? <Loader size={16} /> : null}
          value={search}
          error={error}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          data-testid={`${testId}-search`}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={search.trim().length === 0}>
        <Combobox.Options>
          {guests.map((guest) => (
            <Combobox.Option value={guest.id} key={guest.id} data-testid={`${testId}-option`}>
              <Group gap="sm" wrap="nowrap">
                <Avatar size="sm" radius="xl" color={guest.blocked ? 'red' : 'teal'}>
                  {initialsOf(guest)}
                </Avatar>
                <div>
                  <Text size="sm" fw={600}>
                    {nameOf(guest) || t('bookings.unnamed')}
                    {guest.blocked ? (
                      <Text span c="red" size="xs" ml={6}>
                        {t('bookings.form.blocked')}
                      </Text>
                    ) : null}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[guest.email, guest.phoneDisplay].filter(Boolean).join(' · ') || t('bookings.form.noContact')}
                  </Text>
                </div>
              </Group>
            </Combobox.Option>
          ))}
          {debounced.length >= 2 && !results.isFetching && guests.length === 0 ? (
            <Combobox.Empty>{t('bookings.form.noGuestFound')}</Combobox.Empty>
          ) : null}
          <Combobox.Option value="__new" data-testid={`${testId}-option-new`}>
            <Group gap="sm" wrap="nowrap">
              <IconUserPlus size={18} />
              <Text size="sm">
                {search.trim()
                  ? t('bookings.form.createGuestNamed', { name: search.trim() })
                  : t('bookings.form.createGuest')}
              </Text>
            </Group>
          </Combobox.Option>
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
