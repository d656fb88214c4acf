import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, type Location } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError } from '../../shared/errors.ts';
import { FullPageLoader } from '../session/session-gates.tsx';
import { useSessionQuery, useSignIn } from '../session/session.api.ts';
import { AuthLayout } from './auth-layout.tsx';

/** Where to go after signing in: the page that asked for it, else the dashboard. */
function useReturnPath(): string {
  const location = useLocation();
  const from = (location.state as { from?: Location } | null)?.from;
  return from ? `${from.pathname}${from.search}` : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('signIn.title')} · ${t('app.name')}`);
  const session = useSessionQuery();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) => (value ? null : t('validation.required')),
    },
  });

  if (session.isPending) return <FullPageLoader />;
  if (session.data) return <Navigate to={returnPath} replace />;

  const submit = form.onSubmit((values) => {
    signIn.mutate(
      { email: values.email.trim(), password: values.password },
      { onSuccess: () => void navigate(returnPath, { replace: true }) },
    );
  });

  const error = signIn.error;
  return (
    <AuthLayout>
      <Stack gap={4} mb="lg">
        <Title order={2}>{t('signIn.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('signIn.subtitle')}
        </Text>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error ? (
            <Alert
              color={isApiError(error) && error.status === 429 ? 'orange' : 'red'}
              icon={<IconAlertCircle size={18} />}
              role="alert"
              data-testid="sign-in-error"
            >
              {describeError(error)}
            </Alert>
          ) : null}
          <TextInput
            label={t('fields.email')}
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('fields.password')}
            name="password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" fullWidth loading={signIn.isPending} mt="xs">
            {t('signIn.submit')}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            {t('signIn.forgotHint')}
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
