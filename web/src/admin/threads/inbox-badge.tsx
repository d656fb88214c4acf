import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { useLiveWaitingCount } from './live-count.ts';

/** The menu's count of threads waiting for a staff reply (live; polled every minute while the stream is down). */
export function InboxBadge() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const count = useLiveWaitingCount(hasPermission(user, 'threads:read'));
  if (!count) return null;
  return (
    <Badge
      size="sm"
      color="red"
      variant="filled"
      circle={count < 10}
      aria-label={t('threads.waitingCount', { count })}
      data-testid="nav-inbox-count"
    >
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
