import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/errors.ts';
import { useCatalogName, useGroups, useTags, useTitles } from '../settings/catalog.api.ts';
import { titleLabel } from './guest-display.tsx';
import { AddressesField, EmailsField, PhonesField } from './guest-form-lists.tsx';
import {
  createBody,
  MAX_TAGS,
  serverErrorsFor,
  updateBody,
  validateGuest,
  valuesFromGuest,
  type GuestFormValues,
} from './guest-form-values.ts';
import { guestSources, type Guest } from './guest.types.ts';
import { useCreateGuest, useUpdateGuest } from './guests.api.ts';
import { useLocaleOptions } from './locale-options.ts';

const documentTypes = ['passport', 'id_card', 'driving_licence', 'residence_permit', 'other'];

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Card>
      <Title order={5}>{title}</Title>
      {hint ? (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      ) : null}
      <Stack gap="sm" mt={hint ? 0 : 'sm'}>
        {children}
      </Stack>
    </Card>
  );
}

interface GuestFormProps {
  /** The guest to edit; absent to create one. */
  guest?: Guest;
  readOnly?: boolean;
  onSaved: (guest: Guest) => void;
  onCancel?: () => void;
}

/** Every G-1 field of a profile, for creating or editing; errors show on the field they concern. */
export function GuestForm({ guest, readOnly = false, onSaved, onCancel }: GuestFormProps) {
  const { t } = useTranslation();
  const titles = useTitles();
  const tags = useTags();
  const groups = useGroups();
  const catalogName = useCatalogName();
  const { countries, languages } = useLocaleOptions();
  const create = useCreateGuest();
  const update = useUpdateGuest(guest?.id ?? '');
  const [saved, setSaved] = useState(() => valuesFromGuest(guest));
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<GuestFormValues>({
    initialValues: saved,
    validate: (values) => validateGuest(values, t),
  });
  const values = form.getValues();
  const pending = create.isPending || update.isPending;

  const showServerErrors = (error: unknown) => {
    const { _form: other, ...fields } = serverErrorsFor(error, form.getValues());
    form.setErrors(fields);
    setFormError(other ?? (Object.keys(fields).length ? null : describeError(error)));
  };

  // The default group (Visitor/Guest/Customer) follows bookings and accounts again.
  const backToAutomatic = () =>
    update.mutate(
      { systemGroupManual: false },
      {
        onSuccess: (next) => {
          const fresh = valuesFromGuest(next);
          setSaved(fresh);
          form.setValues(fresh);
          form.resetDirty(fresh);
          onSaved(next);
        },
        onError: showServerErrors,
      },
    );

  const submit = form.onSubmit(
    (submitted) => {
      setFormError(null);
      if (!guest) {
        create.mutate(createBody(submitted), { onSuccess: onSaved, onError: showServerErrors });
        return;
      }
      const body = updateBody(submitted, saved);
      if (Object.keys(body).length === 0) return;
      update.mutate(body, {
        onSuccess: (next) => {
          const fresh = valuesFromGuest(next);
          setSaved(fresh);
          form.setValues(fresh);
          form.resetDirty(fresh);
          onSaved(next);
        },
        onError: showServerErrors,
      });
    },
    () => setFormError(t('guests.validation.checkFields')),
  );

  const tagOptions = [...new Set([...(tags.data?.items ?? []).map((tag) => tag.name), ...values.tags])];
  const groupOptions = (groups.data?.items ?? []).map((group) => ({ value: group.id, label: catalogName(group) }));
  const titleOptions = [...(titles.data?.items ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((title) => ({ value: title.id, label: titleLabel(title) }));
  const docTypes = [...new Set([...documentTypes, ...(values.document.type ? [values.document.type] : [])])].map(
    (value) => ({ value, label: t(`guests.documentTypes.${value}`, { defaultValue: value }) }),
  );
  const dirty = form.isDirty();

  return (
    <form onSubmit={submit} noValidate data-testid="guest-form">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          {formError ? (
            <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="guest-form-error">
              {formError}
            </Alert>
          ) : null}
          <Section title={t('guests.form.identity')}>
            <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
              <Select
                label={t('guests.fields.title')}
                data={titleOptions}
                clearable
                {...form.getInputProps('titleId')}
              />
              <TextInput label={t('guests.fields.firstName')} name="firstName" {...form.getInputProps('firstName')} />
              <TextInput label={t('guests.fields.lastName')} name="lastName" {...form.getInputProps('lastName')} />
              <TextInput
                label={t('guests.fields.secondLastName')}
                name="secondLastName"
                {...form.getInputProps('secondLastName')}
              />
            </SimpleGrid>
            <TextInput
              label={t('guests.fields.nativeName')}
              description={t('guests.form.nativeNameHint')}
              name="nativeName"
              {...form.getInputProps('nativeName')}
            />
          </Section>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Section title={t('guests.form.emails')}>
              <EmailsField form={form} />
            </Section>
            <Section title={t('guests.form.phones')} hint={t('guests.form.phonesHint')}>
              <PhonesField form={form} />
            </Section>
          </SimpleGrid>
          <Section title={t('guests.form.personal')}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
              <Select
                label={t('guests.fields.language')}
                data={languages}
                searchable
                clearable
                {...form.getInputProps('language')}
              />
              <Select
                label={t('guests.fields.nationality')}
                data={countries}
                searchable
                clearable
                {...form.getInputProps('nationality')}
              />
              <Select
                label={t('guests.fields.country')}
                description={t('guests.form.countryHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                data={countries}
                searchable
                clearable
                {...form.getInputProps('country')}
              />
              <TextInput
                type="date"
                label={t('guests.fields.birthDate')}
                name="birthDate"
                {...form.getInputProps('birthDate')}
              />
            </SimpleGrid>
          </Section>
          <Section title={t('guests.form.document')} hint={t('guests.form.documentHint')}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
              <Select
                label={t('guests.fields.documentType')}
                data={docTypes}
                clearable
                {...form.getInputProps('document.type')}
              />
              <TextInput
                label={t('guests.fields.documentNumber')}
                description={t('privacyDocuments.maskedNumber')}
                {...form.getInputProps('document.number')}
              />
              <Select
                label={t('guests.fields.issuingCountry')}
                data={countries}
                searchable
                clearable
                {...form.getInputProps('document.issuingCountry')}
              />
              <TextInput
                type="date"
                label={t('guests.fields.documentExpiry')}
                {...form.getInputProps('document.expiry')}
              />
            </SimpleGrid>
          </Section>
          <Section title={t('guests.form.addresses')}>
            <AddressesField form={form} />
          </Section>
          <Section title={t('guests.form.marketing')}>
            <Switch
              label={t('guests.fields.marketingConsent')}
              description={t('guests.form.consentHint')}
              {...form.getInputProps('marketingConsent', { type: 'checkbox' })}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <MultiSelect
                label={t('guests.fields.tags')}
                description={t('guests.form.tagsHint', { count: values.tags.length, max: MAX_TAGS })}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                data={tagOptions}
                maxValues={MAX_TAGS}
                searchable
                clearable
                {...form.getInputProps('tags')}
                data-testid="guest-tags"
              />
              <MultiSelect
                label={t('guests.fields.groups')}
                description={
                  guest?.systemGroupManual ? (
                    <span data-testid="default-group-manual">
                      {t('guestsPrivacy.groups.manual')}{' '}
                      {readOnly ? null : (
                        <Anchor component="button" type="button" size="xs" onClick={backToAutomatic}>
                          {t('guestsPrivacy.groups.backToAutomatic')}
                        </Anchor>
                      )}
                    </span>
                  ) : (
                    t('guestsPrivacy.groups.automatic')
                  )
                }
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                data={groupOptions}
                searchable
                clearable
                {...form.getInputProps('groupIds')}
              />
            </SimpleGrid>
            {guest ? null : (
              <Select
                label={t('guests.fields.source')}
                data={guestSources.map((source) => ({ value: source, label: t(`guests.source.${source}`) }))}
                allowDeselect={false}
                maw={320}
                {...form.getInputProps('source')}
              />
            )}
          </Section>
          {readOnly ? null : guest ? (
            <Paper
              withBorder
              shadow={dirty ? 'md' : undefined}
              p="sm"
              pos={dirty ? 'sticky' : 'static'}
              bottom={12}
              style={{ zIndex: 5 }}
              data-testid="guest-save-bar"
            >
              <Group justify="space-between">
                <Text size="sm" c={dirty ? undefined : 'dimmed'}>
                  {dirty ? t('guests.form.unsaved') : t('guests.form.upToDate')}
                </Text>
                <Group gap="sm">
                  <Button
                    variant="default"
                    disabled={!dirty}
                    onClick={() => {
                      form.setValues(saved);
                      form.clearErrors();
                      setFormError(null);
                    }}
                  >
                    {t('guests.form.discard')}
                  </Button>
                  <Button type="submit" loading={pending} disabled={!dirty} data-testid="guest-save">
                    {t('actions.save')}
                  </Button>
                </Group>
              </Group>
            </Paper>
          ) : (
            <Group justify="flex-end">
              {onCancel ? (
                <Button variant="default" onClick={onCancel}>
                  {t('actions.cancel')}
                </Button>
              ) : null}
              <Button type="submit" loading={pending} data-testid="guest-save">
                {t('guests.form.createSubmit')}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
