import { Anchor, Badge, Card, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api.ts';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import type { ContactRole } from './companies.api.ts';

/** The companies a guest is a contact of, with their roles (on the guest profile). Nothing when none. */
export function GuestCompanies({ guestId }: { guestId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const allowed = hasPermission(user, 'companies:read');
  const companies = useQuery({
    queryKey: ['companies', 'of-guest', guestId],
    queryFn: ({ signal }) =>
      api.get<{ items: { companyId: string; name: string; roles: ContactRole[] }[] }>(
        `/guests/${encodeURIComponent(guestId)}/companies`,
        signal,
      ),
    enabled: allowed,
  });
  const items = companies.data?.items ?? [];
  if (!allowed || items.length === 0) return null;
  return (
    <Card withBorder mb="md" data-testid="guest-companies">
      <Text fw={500} mb="xs">
        {t('companies.guest.title')}
      </Text>
      {items.map((c) => (
        <Group key={c.companyId} gap="xs">
          <Anchor component={Link} to={`/companies/${c.companyId}`}>
            {c.name}
          </Anchor>
          {c.roles.map((role) => (
            <Badge key={role} variant="light" size="sm">
              {t(`companies.roles.${role}`)}
            </Badge>
          ))}
        </Group>
      ))}
    </Card>
  );
}
