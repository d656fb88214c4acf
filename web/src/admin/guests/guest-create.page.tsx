import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { notifySuccess } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { GuestForm } from './guest-form.tsx';

/** A new guest profile entered by staff (source "manual" unless they say otherwise). */
export function GuestCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  return (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/guests">
          {t('nav.guests')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('guests.createTitle')}
        </Text>
      </Breadcrumbs>
      <PageHeader title={t('guests.createTitle')} description={t('guests.createDescription')} />
      {hasPermission(user, 'guests:write') ? (
        <GuestForm
          onCancel={() => void navigate('/guests')}
          onSaved={(guest) => {
            notifySuccess(t('guests.created', { name: `${guest.firstName} ${guest.lastName}`.trim() }));
            void navigate(`/guests/${guest.id}`);
          }}
        />
      ) : (
        <ForbiddenState />
      )}
    </>
  );
}
