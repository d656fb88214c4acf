import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldErrorsOf, notifySuccess } from '../../shared/errors.ts';
import { useConsentWording } from '../../shared/consent-wording.ts';
import { applyLanguage, currentLanguage } from '../../shared/i18n.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { isLanguage, languages } from '../../shared/types.ts';
import { useCustomerDetails, useUpdateDetails, type CustomerDetails } from '../account.api.ts';
import { MyDataCard } from './my-data-card.tsx';

interface Values {
  firstName: string;
  lastName: string;
  phone: string;
  language: string;
  street: string;
  city: string;
  region: string;
  postcode: string;
  country: string;
  marketingConsent: boolean;
}

const toValues = (d: CustomerDetails): Values => ({
  firstName: d.firstName,
  lastName: d.lastName,
  phone: d.phone ?? '',
  language: d.language && isLanguage(d.language) ? d.language : '',
  street: d.address?.street ?? '',
  city: d.address?.city ?? '',
  region: d.address?.region ?? '',
  postcode: d.address?.postcode ?? '',
  country: d.address?.country ?? '',
  marketingConsent: d.marketingConsent,
});

/** Maps the server's field names (address.city …) onto the form's. */
function formErrors(error: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldErrorsOf(error)).map(([k, v]) => [k.replace(/^address\./, ''), v]));
}

/** the customer's own personal details (their guest profile). */
export function DetailsPage() {
  const { t } = useTranslation();
  const details = useCustomerDetails();
  const update = useUpdateDetails();
  const wording = useConsentWording(currentLanguage()).data;
  const form = useForm<Values>({
    initialValues: toValues({
      titleId: null,
      firstName: '',
      lastName: '',
      email: '',
      phone: null,
      language: null,
      country: null,
      address: null,
      marketingConsent: false,
    }),
    validate: {
      firstName: (v) => (v.trim() ? null : t('validation.required')),
      lastName: (v) => (v.trim() ? null : t('validation.required')),
      country: (v) => (!v.trim() || /^[A-Za-z]{2}$/.test(v.trim()) ? null : t('accountArea.details.countryHint')),
    },
  });
  const loaded = details.data;
  useEffect(() => {
    if (loaded) {
      form.setValues(toValues(loaded));
      form.resetDirty(toValues(loaded));
    }
  }, [loaded]);

  if (details.isError) {
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(details.error)}
      </Alert>
    );
  }

  const submit = form.onSubmit((v) => {
    const address = {
      street: v.street.trim() || null,
      city: v.city.trim() || null,
      region: v.region.trim() || null,
      postcode: v.postcode.trim() || null,
      country: v.country.trim().toUpperCase() || null,
    };
    update.mutate(
      {
        firstName: v.firstName.trim(),
        lastName: v.lastName.trim(),
        phone: v.phone.trim() || null,
        language: v.language || null,
        marketingConsent: v.marketingConsent,
        ...(wording?.version ? { consentWording: { version: wording.version, language: wording.language } } : {}),
        address: Object.values(address).some(Boolean) ? address : null,
      },
      {
        onSuccess: (saved) => {
          form.resetDirty(toValues(saved));
          if (saved.language && isLanguage(saved.language)) void applyLanguage(saved.language);
          notifySuccess(t('accountArea.details.saved'));
        },
        onError: (e) => form.setErrors(formErrors(e)),
      },
    );
  });

  return (
    <>
      <PageHeader title={t('accountArea.nav.details')} description={t('accountArea.details.subtitle')} />
      {details.isPending ? (
        <Skeleton h={420} radius="lg" />
      ) : (
        <form noValidate onSubmit={submit} data-testid="details-form">
          <Stack>
            <Card withBorder radius="lg" p="lg">
              <Title order={4} mb="md">
                {t('accountArea.details.personal')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('accountArea.fields.firstName')}
                  required
                  autoComplete="given-name"
                  data-testid="details-first-name"
                  {...form.getInputProps('firstName')}
                />
                <TextInput
                  label={t('accountArea.fields.lastName')}
                  required
                  autoComplete="family-name"
                  data-testid="details-last-name"
                  {...form.getInputProps('lastName')}
                />
                <TextInput
                  label={t('fields.email')}
                  value={loaded?.email ?? ''}
                  readOnly
                  disabled
                  description={t('accountArea.details.emailFixed')}
                />
                <TextInput
                  label={t('accountArea.fields.phone')}
                  type="tel"
                  autoComplete="tel"
                  data-testid="details-phone"
                  {...form.getInputProps('phone')}
                />
                <Select
                  label={t('fields.language')}
                  data={languages.map((l) => ({ value: l, label: t(`language.native.${l}`) }))}
                  clearable
                  data-testid="details-language"
                  {...form.getInputProps('language')}
                  onChange={(v: string | null) => form.setFieldValue('language', v ?? '')}
                />
              </SimpleGrid>
            </Card>
            <Card withBorder radius="lg" p="lg">
              <Title order={4} mb="md">
                {t('accountArea.details.address')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('accountArea.fields.street')}
                  autoComplete="street-address"
                  style={{ gridColumn: '1 / -1' }}
                  {...form.getInputProps('street')}
                />
                <TextInput
                  label={t('accountArea.fields.city')}
                  autoComplete="address-level2"
                  {...form.getInputProps('city')}
                />
                <TextInput
                  label={t('accountArea.fields.region')}
                  autoComplete="address-level1"
                  {...form.getInputProps('region')}
                />
                <TextInput
                  label={t('accountArea.fields.postcode')}
                  autoComplete="postal-code"
                  {...form.getInputProps('postcode')}
                />
                <TextInput
                  label={t('accountArea.fields.country')}
                  placeholder="ES"
                  maxLength={2}
                  autoComplete="country"
                  description={t('accountArea.details.countryHint')}
                  {...form.getInputProps('country')}
                />
              </SimpleGrid>
            </Card>
            <Card withBorder radius="lg" p="lg">
              <Checkbox
                label={t('accountArea.fields.marketingConsent')}
                description={wording?.text ?? t('accountArea.details.marketingHint')}
                {...form.getInputProps('marketingConsent', { type: 'checkbox' })}
              />
            </Card>
            {update.error && !Object.keys(formErrors(update.error)).length ? (
              <Alert color="red">{describeError(update.error)}</Alert>
            ) : null}
            <Group justify="flex-end">
              <Text size="sm" c="dimmed">
                {form.isDirty() ? t('accountArea.details.unsaved') : ''}
              </Text>
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()} data-testid="details-save">
                {t('actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <MyDataCard />
    </>
  );
}
