import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { ItemList, User } from '../../shared/types.ts';
import type { ThreadStatus } from './threads.api.ts';

const statusColors: Record<ThreadStatus, string> = { open: 'blue', waiting_for_guest: 'yellow', closed: 'gray' };

export function ThreadStatusBadge({ status }: { status: ThreadStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColors[status]} data-testid="thread-status">
      {t(`threads.status.${status}`)}
    </Badge>
  );
}

/** A date and time in the UI language. */
export function useDateTime() {
  const { i18n } = useTranslation();
  return (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * The staff a thread can be assigned to: everyone (with staff:read), otherwise just the signed-in user.
 * `label(id)` names an assignee.
 */
export function useAssignees() {
  const user = useCurrentUser();
  const mayList = hasPermission(user, 'staff:read', 'staff:write');
  // Same key as the staff page's list: one cache.
  const staff = useQuery({
    queryKey: ['staff'],
    queryFn: ({ signal }) => api.get<ItemList<User>>('/staff', signal),
    enabled: mayList,
  });
  const people = mayList && staff.data ? staff.data.items.filter((s) => s.active) : [user];
  const options = people.map((s) => ({ value: s.id, label: s.name || s.email }));
  const label = (id: string | null) =>
    id ? (options.find((o) => o.value === id)?.label ?? (id === user.id ? user.name : id)) : null;
  return { options, label, me: user.id };
}
