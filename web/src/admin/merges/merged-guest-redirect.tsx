import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { useEffect } from 'react';
import { Navigate } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';

/** The survivor's id when a guest request answered 404 `guest_merged` (the profile was merged away). */
export function survivorOf(error: unknown): string | null {
  if (!isApiError(error) || error.status !== 404 || error.code !== 'guest_merged') return null;
  const detail = error.details.find((d) => d.field === 'survivorId') ?? error.details[0];
  return detail?.message ?? null;
}

let lastNotice = '';

/** Follows a merged-away profile to the one it was merged into, and says so. */
export function MergedGuestRedirect({ fromId, survivorId }: { fromId: string; survivorId: string }) {
  useEffect(() => {
    // StrictMode runs effects twice: one notice per redirect.
    if (lastNotice === fromId) return;
    lastNotice = fromId;
    setTimeout(() => (lastNotice = ''), 2_000);
    notifications.show({
      color: 'blue',
      title: i18next.t('duplicates.redirect.title'),
      message: i18next.t('duplicates.redirect.message'),
    });
  }, [fromId]);
  return <Navigate to={`/guests/${encodeURIComponent(survivorId)}`} replace />;
}
