import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { newAddress, newEmail, newPhone, type GuestFormValues } from './guest-form-values.ts';
import { useLocaleOptions } from './locale-options.ts';

type Form = UseFormReturnType<GuestFormValues>;
type ListName = 'emails' | 'phones' | 'addresses';

/** Ticks `primary` on one row and clears it on the others. */
function setPrimary(form: Form, list: ListName, index: number) {
  form.setFieldValue(
    list,
    // The three row types share `primary`.
    form.getValues()[list].map((row: { primary: boolean }, i: number) => ({ ...row, primary: i === index })) as never,
  );
}

/** Removes a row; if it was the primary one, the first remaining row becomes primary. */
function removeRow(form: Form, list: ListName, index: number) {
  const wasPrimary = form.getValues()[list][index]?.primary;
  form.removeListItem(list, index);
  if (wasPrimary && form.getValues()[list].length > 0) setPrimary(form, list, 0);
}

function RowActions({ form, list, index }: { form: Form; list: ListName; index: number }) {
  const { t } = useTranslation();
  const row = form.getValues()[list][index];
  return (
    <Group gap={4} wrap="nowrap" mt={{ base: 0, sm: 26 }}>
      <Checkbox
        size="xs"
        label={t('guests.fields.primary')}
        checked={row?.primary ?? false}
        onChange={() => setPrimary(form, list, index)}
      />
      <Tooltip label={t('guests.form.remove')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('guests.form.remove')}
          onClick={() => removeRow(form, list, index)}
        >
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

function AddButton({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      leftSection={<IconPlus size={14} />}
      onClick={onClick}
      w="fit-content"
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

export function EmailsField({ form }: { form: Form }) {
  const { t } = useTranslation();
  const rows = form.getValues().emails;
  return (
    <Stack gap="xs">
      {rows.map((row, index) => (
        <Group key={row.key} align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            style={{ flex: 2, minWidth: 220 }}
            type="email"
            label={t('guests.fields.email')}
            name={`emails.${index}.email`}
            {...form.getInputProps(`emails.${index}.email`)}
          />
          <TextInput
            style={{ flex: 1, minWidth: 120 }}
            label={t('guests.fields.label')}
            placeholder={t('guests.form.labelPlaceholder')}
            {...form.getInputProps(`emails.${index}.label`)}
          />
          <RowActions form={form} list="emails" index={index} />
        </Group>
      ))}
      <AddButton
        label={t('guests.form.addEmail')}
        onClick={() => form.insertListItem('emails', newEmail(rows.length === 0))}
        testId="add-email"
      />
    </Stack>
  );
}

export function PhonesField({ form }: { form: Form }) {
  const { t } = useTranslation();
  const rows = form.getValues().phones;
  return (
    <Stack gap="xs">
      {rows.map((row, index) => (
        <Group key={row.key} align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            style={{ flex: 2, minWidth: 220 }}
            type="tel"
            label={t('guests.fields.phone')}
            name={`phones.${index}.number`}
            description={
              row.e164 && row.e164 !== row.number ? t('guests.form.storedAs', { value: row.e164 }) : undefined
            }
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            {...form.getInputProps(`phones.${index}.number`)}
          />
          <TextInput
            style={{ flex: 1, minWidth: 120 }}
            label={t('guests.fields.label')}
            placeholder={t('guests.form.phoneLabelPlaceholder')}
            {...form.getInputProps(`phones.${index}.label`)}
          />
          <RowActions form={form} list="phones" index={index} />
        </Group>
      ))}
      <AddButton
        label={t('guests.form.addPhone')}
        onClick={() => form.insertListItem('phones', newPhone(rows.length === 0))}
        testId="add-phone"
      />
    </Stack>
  );
}

export function AddressesField({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { countries } = useLocaleOptions();
  const rows = form.getValues().addresses;
  const input = (index: number, field: 'name' | 'street' | 'city' | 'region' | 'postcode') => (
    <TextInput label={t(`guests.fields.address.${field}`)} {...form.getInputProps(`addresses.${index}.${field}`)} />
  );
  return (
    <Stack gap="sm">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('guests.form.noAddress')}
        </Text>
      ) : null}
      {rows.map((row, index) => (
        <Paper key={row.key} withBorder p="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {input(index, 'name')}
            {input(index, 'street')}
            {input(index, 'city')}
            {input(index, 'postcode')}
            {input(index, 'region')}
            <Select
              label={t('guests.fields.address.country')}
              data={countries}
              searchable
              clearable
              {...form.getInputProps(`addresses.${index}.country`)}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt={4}>
            <RowActions form={form} list="addresses" index={index} />
          </Group>
        </Paper>
      ))}
      <AddButton
        label={t('guests.form.addAddress')}
        onClick={() => form.insertListItem('addresses', newAddress(rows.length === 0))}
        testId="add-address"
      />
    </Stack>
  );
}
