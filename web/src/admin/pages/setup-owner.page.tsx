import { Alert, Button, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { describeError, fieldErrorsOf } from '../../shared/errors.ts';
import { applyLanguage, currentLanguage } from '../../shared/i18n.ts';
import { isLanguage, languages } from '../../shared/types.ts';
import { useCreateOwner } from '../session/session.api.ts';
import { AuthLayout } from './auth-layout.tsx';

export const MIN_PASSWORD_LENGTH = 10;

/** First run: the person installing Clientela creates the organisation and its owner. */
export function SetupOwnerPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('setup.title')} · ${t('app.name')}`);
  const createOwner = useCreateOwner();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { organisationName: '', name: '', email: '', password: '', language: currentLanguage() },
    validate: {
      organisationName: (value) => (value.trim() ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) =>
        value.length >= MIN_PASSWORD_LENGTH ? null : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH }),
    },
  });

  const submit = form.onSubmit((values) => {
    createOwner.mutate(
      {
        ...values,
        organisationName: values.organisationName.trim(),
        name: values.name.trim(),
        email: values.email.trim(),
      },
      {
        onSuccess: () => void navigate('/', { replace: true }),
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    );
  });

  return (
    <AuthLayout width={560}>
      <Stack gap={4} mb="lg">
        <Title order={2}>{t('setup.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('setup.subtitle')}
        </Text>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack>
          {createOwner.error ? (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {describeError(createOwner.error)}
            </Alert>
          ) : null}
          <TextInput
            label={t('fields.organisationName')}
            description={t('setup.organisationHint')}
            name="organisationName"
            required
            autoFocus
            {...form.getInputProps('organisationName')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('fields.name')}
              name="name"
              autoComplete="name"
              required
              {...form.getInputProps('name')}
            />
            <TextInput
              label={t('fields.email')}
              name="email"
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
            />
          </SimpleGrid>
          <PasswordInput
            label={t('fields.password')}
            description={t('passwordPolicy.rule', { count: MIN_PASSWORD_LENGTH })}
            name="password"
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Select
            label={t('fields.language')}
            name="language"
            data={languages.map((language) => ({ value: language, label: t(`language.native.${language}`) }))}
            allowDeselect={false}
            {...form.getInputProps('language')}
            onChange={(value) => {
              if (!isLanguage(value)) return;
              form.setFieldValue('language', value);
              void applyLanguage(value);
            }}
          />
          <Button type="submit" fullWidth loading={createOwner.isPending} mt="xs">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
