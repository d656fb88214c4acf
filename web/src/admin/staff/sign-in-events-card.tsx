import { Alert, Badge, Card, Skeleton, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';

interface SignInEvent {
  id: string;
  kind: 'source_delayed' | 'account_slowed';
  subjectType: 'staff' | 'customer';
  email: string;
  ip: string | null;
  failures: number;
  createdAt: string;
}

/** Sign-in protection: the accounts and addresses slowed down after wrong passwords (issue 11 point 12). */
export function SignInEventsCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const events = useQuery({
    queryKey: ['security', 'sign-in-events'],
    queryFn: ({ signal }) => api.get<{ items: SignInEvent[] }>('/security/sign-in-events?limit=50', signal),
  });

  return (
    <Card mt="lg" data-testid="sign-in-events">
      <Title order={4}>{t('signInEvents.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('signInEvents.description')}
      </Text>
      {events.isError ? (
        <Alert color="red">{describeError(events.error)}</Alert>
      ) : events.isPending ? (
        <Skeleton h={28} />
      ) : events.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('signInEvents.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('signInEvents.when')}</Table.Th>
                <Table.Th>{t('signInEvents.account')}</Table.Th>
                <Table.Th>{t('signInEvents.what')}</Table.Th>
                <Table.Th>{t('signInEvents.from')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.items.map((event) => (
                <Table.Tr key={event.id} data-testid="sign-in-event">
                  <Table.Td>{format.dateTime(event.createdAt)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={event.subjectType === 'staff' ? 'indigo' : 'teal'} mr="xs">
                      {t(`signInEvents.${event.subjectType}`)}
                    </Badge>
                    {event.email}
                  </Table.Td>
                  <Table.Td>{t(`signInEvents.${event.kind}`, { failures: event.failures })}</Table.Td>
                  <Table.Td>{event.ip ?? t('signInEvents.anywhere')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
