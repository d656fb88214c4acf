import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconCircleCheck, IconInfoCircle, IconMailForward } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams, type Location } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError, fieldErrorsOf } from '../../shared/errors.ts';
import { currentLanguage } from '../../shared/i18n.ts';
import {
  useAccountSite,
  useCustomer,
  useForgotPassword,
  useRegister,
  useSignIn,
  useTokenPassword,
} from '../account.api.ts';

const MIN_PASSWORD = 10;
const isEmail = (v: string) => /^\S+@\S+\.\S+$/.test(v.trim());

export function AuthCard({
  title,
  subtitle,
  children,
  testId,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t('account.title')}`);
  return (
    <Card shadow="md" p={32} radius="lg" data-testid={testId}>
      <Stack gap={4} mb="lg">
        <Title order={2}>{title}</Title>
        {subtitle ? (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        ) : null}
      </Stack>
      {children}
    </Card>
  );
}

function ErrorAlert({ error, testId }: { error: unknown; testId: string }) {
  if (!error) return null;
  const color = isApiError(error) && (error.status === 429 || error.status === 403) ? 'orange' : 'red';
  return (
    <Alert color={color} icon={<IconAlertCircle size={18} />} role="alert" data-testid={testId}>
      {describeError(error)}
    </Alert>
  );
}

export function Done({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Stack align="center" ta="center" gap="sm" data-testid={testId}>
      <ThemeIcon size={56} radius="xl" variant="light" color="teal">
        <IconCircleCheck size={30} />
      </ThemeIcon>
      <Title order={3}>{title}</Title>
      {children}
    </Stack>
  );
}

/** the sign-in page (works at /account/sign-in even when the booking site hides its link). */
export function SignInPage() {
  const { t } = useTranslation();
  const customer = useCustomer();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: Location } | null)?.from;
  const returnPath = from ? `${from.pathname}${from.search}` : '/';
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (isEmail(v) ? null : t('validation.email')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });
  if (customer.data) return <Navigate to={returnPath} replace />;

  return (
    <AuthCard
      title={t('accountArea.signIn.title')}
      subtitle={t('accountArea.signIn.subtitle')}
      testId="account-sign-in-card"
    >
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          signIn.mutate(
            { email: v.email.trim(), password: v.password },
            { onSuccess: () => void navigate(returnPath, { replace: true }) },
          ),
        )}
      >
        <Stack>
          <ErrorAlert error={signIn.error} testId="account-sign-in-error" />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            data-testid="sign-in-email"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            data-testid="sign-in-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to="/forgot-password" size="sm" data-testid="forgot-password-link">
              {t('accountArea.signIn.forgot')}
            </Anchor>
          </Group>
          <Button type="submit" fullWidth loading={signIn.isPending} data-testid="sign-in-submit">
            {t('accountArea.signIn.submit')}
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            {t('accountArea.signIn.noAccount')}{' '}
            <Anchor component={Link} to="/register" data-testid="register-link">
              {t('accountArea.signIn.register')}
            </Anchor>
          </Text>
          <Text size="sm" c="dimmed" ta="center">
            <Anchor href="/book/register-company" data-testid="register-company-link">
              {t('companyRegistration.site.link')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}

/** registration; with validation the registrant is told to wait for the hotel. */
export function RegisterPage() {
  const { t } = useTranslation();
  const site = useAccountSite();
  const register = useRegister();
  const form = useForm({
    initialValues: { email: '', firstName: '', lastName: '', phone: '', password: '', marketingConsent: false },
    validate: {
      email: (v) => (isEmail(v) ? null : t('validation.email')),
      password: (v) =>
        !v || v.length >= MIN_PASSWORD ? null : t('validation.passwordLength', { count: MIN_PASSWORD }),
      firstName: (v) => (v.trim() ? null : t('validation.required')),
      lastName: (v) => (v.trim() ? null : t('validation.required')),
    },
  });

  if (register.data) {
    const pending = register.data.status === 'new';
    return (
      <AuthCard title={t('accountArea.register.title')} testId="account-register-card">
        <Done title={t('accountArea.register.doneTitle')} testId="register-done">
          <Text c="dimmed">
            {t(form.values.password ? 'accountArea.register.doneTextVerify' : 'accountArea.register.doneText', {
              email: form.values.email.trim().toLowerCase(),
            })}
          </Text>
          {pending ? (
            <Alert color="blue" icon={<IconInfoCircle size={18} />} ta="left" data-testid="register-pending">
              {t('accountArea.register.pending')}
            </Alert>
          ) : null}
          <Button component={Link} to="/sign-in" variant="light" mt="sm">
            {t('accountArea.backToSignIn')}
          </Button>
        </Done>
      </AuthCard>
    );
  }

  const submit = form.onSubmit((v) =>
    register.mutate(
      {
        email: v.email.trim(),
        firstName: v.firstName.trim(),
        lastName: v.lastName.trim(),
        phone: v.phone.trim() || null,
        language: currentLanguage(),
        marketingConsent: v.marketingConsent,
        ...(v.password ? { password: v.password } : {}),
      },
      { onError: (e) => form.setErrors(fieldErrorsOf(e)) },
    ),
  );
  return (
    <AuthCard
      title={t('accountArea.register.title')}
      subtitle={t('accountArea.register.subtitle')}
      testId="account-register-card"
    >
      <form noValidate onSubmit={submit}>
        <Stack>
          {site.data?.registrationMode === 'validation' ? (
            <Alert color="blue" icon={<IconInfoCircle size={18} />}>
              {t('accountArea.register.validationNotice')}
            </Alert>
          ) : null}
          <ErrorAlert
            error={register.error && !Object.keys(fieldErrorsOf(register.error)).length ? register.error : null}
            testId="register-error"
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t('accountArea.fields.firstName')}
              required
              autoComplete="given-name"
              data-testid="register-first-name"
              {...form.getInputProps('firstName')}
            />
            <TextInput
              label={t('accountArea.fields.lastName')}
              required
              autoComplete="family-name"
              data-testid="register-last-name"
              {...form.getInputProps('lastName')}
            />
          </SimpleGrid>
          <TextInput
            label={t('fields.email')}
            type="email"
            required
            autoComplete="email"
            description={t('accountArea.register.emailHint')}
            data-testid="register-email"
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('accountArea.fields.phone')}
            type="tel"
            autoComplete="tel"
            data-testid="register-phone"
            {...form.getInputProps('phone')}
          />
          <PasswordInput
            label={t('accountArea.register.passwordLabel')}
            description={t('accountArea.register.passwordHint', { count: MIN_PASSWORD })}
            autoComplete="new-password"
            data-testid="register-password"
            {...form.getInputProps('password')}
          />
          <Checkbox
            label={t('accountArea.fields.marketingConsent')}
            {...form.getInputProps('marketingConsent', { type: 'checkbox' })}
          />
          <Button type="submit" fullWidth loading={register.isPending} data-testid="register-submit">
            {t('accountArea.register.submit')}
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            {t('accountArea.register.haveAccount')}{' '}
            <Anchor component={Link} to="/sign-in">
              {t('accountArea.signIn.submit')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}

/** Forgotten password: always the same answer, whether or not the e-mail has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const forgot = useForgotPassword();
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (isEmail(v) ? null : t('validation.email')) },
  });
  return (
    <AuthCard
      title={t('accountArea.forgot.title')}
      subtitle={forgot.isSuccess ? undefined : t('accountArea.forgot.subtitle')}
      testId="account-forgot-card"
    >
      {forgot.isSuccess ? (
        <Stack align="center" ta="center" data-testid="forgot-done">
          <ThemeIcon size={56} radius="xl" variant="light">
            <IconMailForward size={28} />
          </ThemeIcon>
          <Text>{t('accountArea.forgot.done', { email: form.values.email.trim() })}</Text>
          <Button component={Link} to="/sign-in" variant="light">
            {t('accountArea.backToSignIn')}
          </Button>
        </Stack>
      ) : (
        <form noValidate onSubmit={form.onSubmit((v) => forgot.mutate(v.email.trim()))}>
          <Stack>
            <ErrorAlert error={forgot.error} testId="forgot-error" />
            <TextInput
              label={t('fields.email')}
              type="email"
              required
              autoFocus
              autoComplete="email"
              data-testid="forgot-email"
              {...form.getInputProps('email')}
            />
            <Button type="submit" fullWidth loading={forgot.isPending} data-testid="forgot-submit">
              {t('accountArea.forgot.submit')}
            </Button>
            <Anchor component={Link} to="/sign-in" size="sm" ta="center">
              {t('accountArea.backToSignIn')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}

/** Sets the password from the e-mail's one-time link: `set` (new account, A-2) or `reset`. */
export function TokenPasswordPage({ kind }: { kind: 'set' | 'reset' }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const mutation = useTokenPassword(kind);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length >= MIN_PASSWORD ? null : t('validation.passwordLength', { count: MIN_PASSWORD })),
      confirm: (v, values) => (v === values.password ? null : t('validation.passwordsDiffer')),
    },
  });
  const title = t(`accountArea.${kind}Password.title`);

  if (mutation.data) {
    return (
      <AuthCard title={title} testId="account-token-password-card">
        <Done title={t('accountArea.passwordSaved')} testId="token-password-done">
          {mutation.data.canSignIn ? (
            <>
              <Text c="dimmed">{t('accountArea.canSignInNow')}</Text>
              <Button component={Link} to="/sign-in" mt="sm" data-testid="go-sign-in">
                {t('accountArea.signIn.submit')}
              </Button>
            </>
          ) : (
            <Alert color="blue" icon={<IconInfoCircle size={18} />} ta="left" data-testid="token-password-pending">
              {t('accountArea.register.pending')}
            </Alert>
          )}
        </Done>
      </AuthCard>
    );
  }

  const tokenProblem = isApiError(mutation.error) && mutation.error.code.startsWith('token_');
  return (
    <AuthCard title={title} subtitle={t(`accountArea.${kind}Password.subtitle`)} testId="account-token-password-card">
      {!token ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />}>
          {t('errors.token_invalid')}
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((v) =>
            mutation.mutate({ token, password: v.password }, { onError: (e) => form.setErrors(fieldErrorsOf(e)) }),
          )}
        >
          <Stack>
            {mutation.error && !tokenProblem && !fieldErrorsOf(mutation.error).password ? (
              <ErrorAlert error={mutation.error} testId="token-password-error" />
            ) : null}
            {tokenProblem ? (
              <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="token-password-error">
                <Stack gap={6}>
                  <Text size="sm">{describeError(mutation.error)}</Text>
                  <Anchor component={Link} to="/forgot-password" size="sm">
                    {t('accountArea.askNewLink')}
                  </Anchor>
                </Stack>
              </Alert>
            ) : null}
            <PasswordInput
              label={t('fields.newPassword')}
              description={t('passwordPolicy.rule', { count: MIN_PASSWORD })}
              required
              autoFocus
              autoComplete="new-password"
              data-testid="new-password"
              {...form.getInputProps('password')}
            />
            <PasswordInput
              label={t('fields.confirmPassword')}
              required
              autoComplete="new-password"
              data-testid="confirm-password"
              {...form.getInputProps('confirm')}
            />
            <Button type="submit" fullWidth loading={mutation.isPending} data-testid="token-password-submit">
              {t('accountArea.savePassword')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
