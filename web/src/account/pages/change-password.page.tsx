import { Alert, Button, Card, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { describeError, fieldErrorsOf, notifySuccess } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { useChangePassword } from '../account.api.ts';

const MIN_PASSWORD = 10;

/** change the password (the current one is checked; other devices are signed out). */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm({
    initialValues: { current: '', new: '', confirm: '' },
    validate: {
      current: (v) => (v ? null : t('validation.required')),
      new: (v) => (v.length >= MIN_PASSWORD ? null : t('validation.passwordLength', { count: MIN_PASSWORD })),
      confirm: (v, values) => (v === values.new ? null : t('validation.passwordsDiffer')),
    },
  });
  const submit = form.onSubmit((v) =>
    change.mutate(
      { current: v.current, new: v.new },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess(t('accountArea.password.changed'));
        },
        onError: (e) => form.setErrors(fieldErrorsOf(e)),
      },
    ),
  );
  return (
    <>
      <PageHeader title={t('accountArea.nav.password')} description={t('accountArea.password.subtitle')} />
      <Card withBorder radius="lg" p="lg" maw={520}>
        <form noValidate onSubmit={submit} data-testid="change-password-form">
          <Stack>
            {change.error && !Object.keys(fieldErrorsOf(change.error)).length ? (
              <Alert color="red">{describeError(change.error)}</Alert>
            ) : null}
            <PasswordInput
              label={t('fields.currentPassword')}
              required
              autoComplete="current-password"
              data-testid="current-password"
              {...form.getInputProps('current')}
            />
            <PasswordInput
              label={t('fields.newPassword')}
              required
              autoComplete="new-password"
              description={t('passwordPolicy.rule', { count: MIN_PASSWORD })}
              data-testid="change-new-password"
              {...form.getInputProps('new')}
            />
            <PasswordInput
              label={t('fields.confirmPassword')}
              required
              autoComplete="new-password"
              data-testid="change-confirm-password"
              {...form.getInputProps('confirm')}
            />
            <Button type="submit" loading={change.isPending} data-testid="change-password-submit">
              {t('accountArea.password.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
    </>
  );
}
