import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { useWaitingCount } from './threads.api.ts';

/** The menu's count of threads waiting for a staff reply (refreshed every minute). */
export function InboxBadge() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const count = useWaitingCount(hasPermission(user, 'threads:read'));
  if (!count.data) return null;
  return (
    <Badge
      size="sm"
      color="red"
      variant="filled"
      circle={count.data < 10}
      aria-label={t('threads.waitingCount', { count: count.data })}
      data-testid="nav-inbox-count"
    >
      {count.data > 99 ? '99+' : count.data}
    </Badge>
  );
}
