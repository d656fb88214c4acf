import { Button, Card, Group, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, notifyError, notifySuccess } from '../../shared/errors.ts';
import { applyLanguage } from '../../shared/i18n.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { languages } from '../../shared/types.ts';
import { useCurrentUser } from '../session/session-context.tsx';
import { useChangePassword, useUpdateProfile } from '../session/session.api.ts';
import { MIN_PASSWORD_LENGTH } from './setup-owner.page.tsx';

function ProfileDetailsCard() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const updateProfile = useUpdateProfile();
  const form = useForm({
    initialValues: { name: user.name, language: user.language },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });

  const submit = form.onSubmit((values) => {
    updateProfile.mutate(
      { name: values.name.trim(), language: values.language },
      {
        onSuccess: () => {
          form.resetDirty();
          void applyLanguage(values.language);
          notifySuccess(t('profile.saved'));
        },
      },
    );
  });

  return (
    <Card>
      <Title order={4}>{t('profile.details')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('profile.detailsHint')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('fields.email')} value={user.email} readOnly disabled name="email" />
          <TextInput label={t('fields.name')} name="name" required {...form.getInputProps('name')} />
          <Select
            label={t('fields.language')}
            name="language"
            allowDeselect={false}
            data={languages.map((language) => ({ value: language, label: t(`language.native.${language}`) }))}
            {...form.getInputProps('language')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={updateProfile.isPending} disabled={!form.isDirty()}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ChangePasswordCard() {
  const { t } = useTranslation();
  const changePassword = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('validation.required')),
      newPassword: (value) =>
        value.length >= MIN_PASSWORD_LENGTH ? null : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH }),
      confirmPassword: (value, values) => (value === values.newPassword ? null : t('validation.passwordsDiffer')),
    },
  });

  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess(t('profile.passwordChanged'));
        },
        onError: (error) => {
          const fieldErrors = fieldErrorsOf(error);
          if (Object.keys(fieldErrors).length > 0) form.setErrors(fieldErrors);
          else notifyError(error);
        },
      },
    );
  });

  return (
    <Card>
      <Title order={4}>{t('profile.changePassword')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('profile.changePasswordHint')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <PasswordInput
            label={t('fields.currentPassword')}
            name="currentPassword"
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('fields.newPassword')}
            description={t('passwordPolicy.rule', { count: MIN_PASSWORD_LENGTH })}
            name="newPassword"
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label={t('fields.confirmPassword')}
            name="confirmPassword"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirmPassword')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={changePassword.isPending}>
              {t('profile.updatePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.subtitle')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ProfileDetailsCard />
        <ChangePasswordCard />
      </SimpleGrid>
    </>
  );
}
