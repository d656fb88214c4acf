import { Alert, Anchor, Button, Loader, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import { useVerifyEmail } from '../account.api.ts';
import { AuthCard, Done } from './auth.pages.tsx';

/** Issue 11 (19): the link of `account.verify_email` — confirms the e-mail once, then offers sign-in. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useVerifyEmail();
  const sent = useRef(false);
  useEffect(() => {
    // The link is single-use: send it once even when effects run twice (React strict mode).
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);

  const title = t('accountArea.verifyEmail.title');
  if (verify.data) {
    return (
      <AuthCard title={title} testId="account-verify-email-card">
        <Done title={t('accountArea.verifyEmail.done')} testId="verify-email-done">
          {verify.data.canSignIn ? (
            <Button component={Link} to="/sign-in" mt="sm" data-testid="go-sign-in">
              {t('accountArea.signIn.submit')}
            </Button>
          ) : (
            <Alert color="blue" icon={<IconInfoCircle size={18} />} ta="left" data-testid="verify-email-pending">
              {verify.data.status === 'new'
                ? t('accountArea.register.pending')
                : t('accountArea.verifyEmail.noPassword')}
            </Alert>
          )}
        </Done>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title} testId="account-verify-email-card">
      {!token || verify.error ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="verify-email-error">
          <Stack gap={6}>
            <Text size="sm">{token ? describeError(verify.error) : t('errors.token_invalid')}</Text>
            <Anchor component={Link} to="/sign-in" size="sm">
              {t('accountArea.backToSignIn')}
            </Anchor>
          </Stack>
        </Alert>
      ) : (
        <Stack align="center">
          <Loader />
          <Text c="dimmed">{t('accountArea.verifyEmail.working')}</Text>
        </Stack>
      )}
    </AuthCard>
  );
}
