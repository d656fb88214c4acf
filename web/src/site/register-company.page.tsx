import {
  Alert,
  Button,
  Card,
  Container,
  Divider,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconBuilding } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { describeError, fieldErrorsOf } from '../shared/errors.ts';
import { currentLanguage } from '../shared/i18n.ts';
import { Honeypot } from './honeypot.tsx';

const empty = {
  name: '',
  legalName: '',
  taxId: '',
  country: '',
  street: '',
  postcode: '',
  city: '',
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  password: '',
  website: '',
};
type Values = typeof empty;

/**
 * "Register as a company" (`/book/register-company`, issue 15 point 5, A-4): the company and its
 * first contact, who becomes its purchasing contact. The hotel validates the company; the contact
 * confirms their e-mail and can then sign in. Same guards as the contact form (form token, honeypot).
 */
export function RegisterCompanyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('companyRegistration.site.title'));
  const form = useQuery({
    queryKey: ['site', 'company-registration-form'],
    queryFn: ({ signal }) => api.get<{ formToken: string }>('/public/company-registrations/form', signal),
    staleTime: Infinity,
  });
  const [values, setValues] = useState<Values>(empty);
  const send = useMutation({
    meta: { inlineErrors: true },
    mutationFn: (body: Record<string, unknown>) => api.post<{ status: string }>('/public/company-registrations', body),
  });
  const errors = fieldErrorsOf(send.error);
  const set = (k: keyof Values) => (v: string) => setValues((s) => ({ ...s, [k]: v }));
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const country = opt(values.country)?.toUpperCase();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const language = currentLanguage();
    send.mutate({
      company: {
        name: values.name,
        legalName: opt(values.legalName),
        taxId: opt(values.taxId),
        country,
        language,
        billingAddress: { street: opt(values.street), postcode: opt(values.postcode), city: opt(values.city), country },
      },
      contact: {
        firstName: values.firstName,
        lastName: values.lastName,
        email: values.email.trim(),
        phone: opt(values.phone),
        password: values.password,
        language,
      },
      formToken: form.data?.formToken ?? '',
      website: values.website,
    });
  };
  const input = (k: keyof Values, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={t(`companyRegistration.fields.${label}`)}
      value={values[k]}
      onChange={(e) => set(k)(e.currentTarget.value)}
      data-testid={`register-${k}`}
      {...extra}
    />
  );

  return (
    <Container size="sm" py="xl">
      <Title order={1} mb="xs">
        {t('companyRegistration.site.title')}
      </Title>
      <Text c="dimmed" mb="lg">
        {t('companyRegistration.site.intro')}
      </Text>
      {send.isSuccess ? (
        <Alert color="teal" icon={<IconBuilding />} data-testid="company-registration-sent">
          {t('companyRegistration.site.sent', { email: values.email.trim() })}
        </Alert>
      ) : (
        <Card withBorder radius="lg">
          <form onSubmit={submit} data-testid="company-registration-form">
            <Stack>
              {form.isError && <Alert color="red">{describeError(form.error)}</Alert>}
              <Title order={4}>{t('companyRegistration.site.company')}</Title>
              {input('name', 'name', { required: true, maxLength: 200, error: errors['company.name'] })}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {input('legalName', 'legalName', { maxLength: 200, error: errors['company.legalName'] })}
                {input('taxId', 'taxId', { maxLength: 40, error: errors['company.taxId'] ?? errors.taxId })}
                {input('street', 'street', { maxLength: 300 })}
                {input('postcode', 'postcode', { maxLength: 20 })}
                {input('city', 'city', { maxLength: 100 })}
                {input('country', 'country', {
                  required: true,
                  maxLength: 2,
                  description: t('companyRegistration.fields.countryHint'),
                  error: errors['company.country'],
                })}
              </SimpleGrid>
              <Divider />
              <Title order={4}>{t('companyRegistration.site.contact')}</Title>
              <Text size="sm" c="dimmed">
                {t('companyRegistration.site.contactHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {input('firstName', 'firstName', {
                  required: true,
                  maxLength: 100,
                  error: errors['contact.firstName'],
                })}
                {input('lastName', 'lastName', { required: true, maxLength: 100, error: errors['contact.lastName'] })}
                {input('email', 'email', { type: 'email', required: true, error: errors['contact.email'] })}
                {input('phone', 'phone', { maxLength: 40, error: errors['contact.phone'] })}
              </SimpleGrid>
              <PasswordInput
                label={t('companyRegistration.fields.password')}
                description={t('companyRegistration.fields.passwordHint')}
                value={values.password}
                onChange={(e) => set('password')(e.currentTarget.value)}
                error={errors['contact.password']}
                required
                maxLength={200}
                data-testid="register-password"
              />
              <Honeypot value={values.website} onChange={set('website')} />
              {send.isError && !Object.keys(errors).length && <Alert color="red">{describeError(send.error)}</Alert>}
              <Group justify="flex-end">
                <Button type="submit" loading={send.isPending} data-testid="register-company-submit">
                  {t('companyRegistration.site.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Container>
  );
}
