import { Alert, Anchor, Button, Card, Checkbox, List, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError, fieldErrorsOf } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { forgetCustomer, useDeleteAccount, type AccountDeletion } from '../delete-account.api.ts';

/** The bookings a 409 account_has_upcoming_bookings names (`bookings.<id>`), and whether the hotel holds one. */
function refusalOf(error: unknown): { bookings: { id: string; label: string }[]; atHotel: boolean } | null {
  if (!isApiError(error) || error.code !== 'account_has_upcoming_bookings') return null;
  return {
    bookings: error.details.flatMap((d) =>
      d.field?.startsWith('bookings.') ? [{ id: d.field.slice('bookings.'.length), label: d.message }] : [],
    ),
    atHotel: error.details.some((d) => d.code === 'upcoming_booking_at_hotel'),
  };
}

/** Issue 12: the guest deletes their own account (password to confirm; refused with upcoming bookings). */
export function DeleteAccountPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteAccount();
  const [password, setPassword] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const refusal = refusalOf(remove.error);
  const fieldErrors = fieldErrorsOf(remove.error);
  const passwordError =
    isApiError(remove.error) && remove.error.code === 'wrong_password'
      ? t('privacyFlows.account.wrongPassword')
      : fieldErrors.password;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password || !confirmed) return;
    remove.mutate(password, {
      // The signed-out customer's cache is dropped on the next page (here the area would redirect first).
      onSuccess: (result) => void navigate('/deleted', { replace: true, state: result }),
    });
  };
  return (
    <>
      <PageHeader title={t('privacyFlows.account.title')} description={t('privacyFlows.account.subtitle')} />
      <Card withBorder radius="lg" p="lg" maw={620}>
        <form noValidate onSubmit={submit} data-testid="delete-account-form">
          <Stack>
            <div>
              <Title order={5} mb={6}>
                {t('privacyFlows.account.whatHappens')}
              </Title>
              <List size="sm" spacing={4}>
                <List.Item>{t('privacyFlows.account.now')}</List.Item>
                <List.Item>{t('privacyFlows.account.erased')}</List.Item>
                <List.Item>{t('privacyFlows.account.kept')}</List.Item>
              </List>
            </div>
            {refusal ? (
              <Alert color="orange" title={t('privacyFlows.account.refusedTitle')} data-testid="delete-account-refused">
                {refusal.bookings.length ? (
                  <Stack gap={4}>
                    <Text size="sm">{t('privacyFlows.account.refusedText')}</Text>
                    {refusal.bookings.map((b) => (
                      <Anchor key={b.id} component={Link} to={`/bookings/${b.id}`} size="sm">
                        {b.label}
                      </Anchor>
                    ))}
                  </Stack>
                ) : null}
                {refusal.atHotel ? <Text size="sm">{t('privacyFlows.account.refusedHotel')}</Text> : null}
              </Alert>
            ) : remove.error && !passwordError ? (
              <Alert color="red">{describeError(remove.error)}</Alert>
            ) : null}
            <PasswordInput
              label={t('privacyFlows.account.password')}
              description={t('privacyFlows.account.passwordHint')}
              required
              autoComplete="current-password"
              value={password}
              error={passwordError}
              onChange={(e) => setPassword(e.currentTarget.value)}
              data-testid="delete-account-password"
            />
            <Checkbox
              label={t('privacyFlows.account.confirm')}
              checked={confirmed}
              onChange={(e) => setConfirmed(e.currentTarget.checked)}
              data-testid="delete-account-confirm"
            />
            <Button
              type="submit"
              color="red"
              leftSection={<IconTrash size={16} />}
              disabled={!password || !confirmed}
              loading={remove.isPending}
              data-testid="delete-account-submit"
            >
              {t('privacyFlows.account.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
    </>
  );
}

/** After the deletion: what happened and what the hotel keeps, and for how long. */
export function AccountDeletedPage() {
  const { t } = useTranslation();
  const result = useLocation().state as AccountDeletion | null;
  const queryClient = useQueryClient();
  useEffect(() => forgetCustomer(queryClient), [queryClient]);
  if (!result) return <Navigate to="/sign-in" replace />;
  return (
    <Card withBorder radius="lg" p="xl" data-testid="account-deleted">
      <Stack>
        <IconCircleCheck size={40} color="var(--mantine-color-teal-6)" />
        <Title order={3}>{t('privacyFlows.account.doneTitle')}</Title>
        <Text>
          {t(result.profileErased ? 'privacyFlows.account.doneErased' : 'privacyFlows.account.doneAccountOnly')}
        </Text>
        {result.bookingsKept ? (
          <Text size="sm" c="dimmed">
            {t('privacyFlows.account.doneKept', { count: result.bookingsKept })}
          </Text>
        ) : null}
        <Text size="sm" c="dimmed">
          {t('privacyFlows.account.doneBackups', { count: result.backupDays })}
        </Text>
        <Anchor component={Link} to="/sign-in">
          {t('privacyFlows.account.doneBack')}
        </Anchor>
      </Stack>
    </Card>
  );
}
