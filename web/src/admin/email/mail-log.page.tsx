import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Divider,
  Drawer,
  EmptyState,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMailForward, IconRefresh, IconSearch, IconSend } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { describeError, notifyError, notifySuccess } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import {
  EMAIL_EVENTS,
  EMAIL_STATUSES,
  useEmailMessage,
  useEmailMessages,
  useReleaseHeld,
  useRetryMessage,
  type EmailEvent,
  type EmailMessageSummary,
  type EmailStatus,
} from './email.api.ts';

const STATUS_COLORS: Record<EmailStatus, string> = {
  queued: 'blue',
  sending: 'cyan',
  sent: 'teal',
  failed: 'red',
  held: 'orange',
};

export function StatusBadge({ status }: { status: EmailStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      style={{ flexShrink: 0, minWidth: 'max-content' }}
      data-testid="email-status"
    >
      {t(`email.status.${status}`)}
    </Badge>
  );
}

/** The mail log (M-4): every message Clientela sent or is about to send, with retry. */
export function MailLogPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canRead = hasPermission(user, 'messages:read');
  const canWrite = hasPermission(user, 'messages:write');
  const [status, setStatus] = useState<EmailStatus | null>(null);
  const [event, setEvent] = useState<EmailEvent | null>(null);
  const [to, setTo] = useState('');
  const [debouncedTo] = useDebouncedValue(to, 300);
  const [openId, setOpenId] = useState<string | null>(null);
  const release = useReleaseHeld();

  return (
    <>
      <PageHeader
        title={t('nav.mailLog')}
        description={t('sections.mailLog')}
        actions={
          canWrite ? (
            <Button
              variant="light"
              leftSection={<IconMailForward size={18} />}
              loading={release.isPending}
              data-testid="email-release-held"
              onClick={() =>
                release.mutate(undefined, {
                  onSuccess: ({ released }) => notifySuccess(t('email.log.released', { count: released })),
                  onError: notifyError,
                })
              }
            >
              {t('email.log.releaseHeld')}
            </Button>
          ) : null
        }
      />
      {canRead ? (
        <Stack gap="md">
          <Card>
            <Group gap="md" wrap="wrap" align="flex-end">
              <TextInput
                label={t('email.log.recipient')}
                placeholder={t('email.log.recipientPlaceholder')}
                leftSection={<IconSearch size={16} />}
                value={to}
                onChange={(e) => setTo(e.currentTarget.value)}
                w={280}
                data-testid="email-filter-to"
              />
              <Select
                label={t('email.log.status')}
                placeholder={t('email.log.anyStatus')}
                data={EMAIL_STATUSES.filter((s) => s !== 'sending').map((value) => ({
                  value,
                  label: t(`email.status.${value}`),
                }))}
                value={status}
                onChange={(value) => setStatus(value)}
                clearable
                w={200}
                data-testid="email-filter-status"
              />
              <Select
                label={t('email.log.event')}
                placeholder={t('email.log.anyEvent')}
                data={EMAIL_EVENTS.map((value) => ({ value, label: t(`email.events.${value}`) }))}
                value={event}
                onChange={(value) => setEvent(value)}
                clearable
                w={300}
              />
            </Group>
          </Card>
          <MessagesTable filters={{ status, event, to: debouncedTo }} onOpen={setOpenId} />
        </Stack>
      ) : (
        <ForbiddenState />
      )}
      <MessageDrawer id={openId} canRetry={canWrite} onClose={() => setOpenId(null)} />
    </>
  );
}

function MessagesTable({
  filters,
  onOpen,
}: {
  filters: { status: EmailStatus | null; event: EmailEvent | null; to: string };
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const messages = useEmailMessages(filters);
  const filtered = Boolean(filters.status || filters.event || filters.to.trim());

  if (messages.isError) {
    if (isApiError(messages.error) && messages.error.status === 403) return <ForbiddenState />;
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(messages.error)}
      </Alert>
    );
  }
  const items = messages.data?.pages.flatMap((p) => p.items) ?? [];
  if (messages.data && items.length === 0) {
    return (
      <Card py={56}>
        <EmptyState
          icon={<IconSend size={28} />}
          variant="light"
          title={filtered ? t('email.log.noMatchTitle') : t('email.log.emptyTitle')}
          description={filtered ? t('email.log.noMatchDescription') : t('email.log.emptyDescription')}
        />
      </Card>
    );
  }

  const when = (m: EmailMessageSummary) => {
    if (m.status === 'sent' && m.sentAt) return t('email.log.sentAt', { date: format.dateTime(m.sentAt) });
    if (m.status === 'queued' && m.attempts > 0 && m.nextAttemptAt)
      return t('email.log.nextAttempt', { when: format.relative(m.nextAttemptAt) });
    return null;
  };

  return (
    <Card p={0}>
      <Table.ScrollContainer minWidth={1000}>
        <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('email.log.created')}</Table.Th>
              <Table.Th>{t('email.log.recipient')}</Table.Th>
              <Table.Th>{t('email.log.subject')}</Table.Th>
              <Table.Th>{t('email.log.event')}</Table.Th>
              <Table.Th>{t('email.log.status')}</Table.Th>
              <Table.Th>{t('email.log.attempts')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {messages.isPending
              ? [0, 1, 2].map((row) => (
                  <Table.Tr key={row}>
                    <Table.Td colSpan={6}>
                      <Skeleton h={28} />
                    </Table.Td>
                  </Table.Tr>
                ))
              : items.map((m) => (
                  <Table.Tr
                    key={m.id}
                    onClick={() => onOpen(m.id)}
                    style={{ cursor: 'pointer' }}
                    data-testid="email-row"
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{format.dateTime(m.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.to}</Text>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="sm" truncate="end">
                        {m.subject}
                      </Text>
                      {when(m) ? (
                        <Text size="xs" c="dimmed">
                          {when(m)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`email.events.${m.event}`, { defaultValue: m.event })}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <StatusBadge status={m.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.attempts}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {messages.hasNextPage ? (
        <Group justify="center" p="md">
          <Button variant="default" onClick={() => void messages.fetchNextPage()} loading={messages.isFetchingNextPage}>
            {t('email.log.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function MessageDrawer({ id, canRetry, onClose }: { id: string | null; canRetry: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const message = useEmailMessage(id);
  const retry = useRetryMessage();
  const m = message.data;

  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={t('email.log.detailTitle')}
      data-testid="email-drawer"
    >
      {message.isError ? (
        <Alert color="red">{describeError(message.error)}</Alert>
      ) : !m ? (
        <Stack>
          <Skeleton h={24} />
          <Skeleton h={120} />
          <Skeleton h={300} />
        </Stack>
      ) : (
        <Stack gap="md">
          <Group justify="space-between">
            <StatusBadge status={m.status} />
            {canRetry && m.status !== 'sent' ? (
              <Button
                leftSection={<IconRefresh size={16} />}
                loading={retry.isPending}
                data-testid="email-retry"
                onClick={() =>
                  retry.mutate(m.id, {
                    onSuccess: () => notifySuccess(t('email.log.retried')),
                    onError: notifyError,
                  })
                }
              >
                {m.status === 'held' ? t('email.log.sendNow') : t('email.log.retry')}
              </Button>
            ) : null}
          </Group>
          {m.status === 'held' ? <Alert color="orange">{t('email.log.heldExplanation')}</Alert> : null}
          {m.lastError && m.status !== 'held' ? (
            <Alert color={m.status === 'failed' ? 'red' : 'yellow'} title={t('email.log.lastError')}>
              <Text size="sm" style={{ wordBreak: 'break-word' }}>
                {m.lastError}
              </Text>
            </Alert>
          ) : null}
          <SimpleGrid cols={2} spacing="md">
            <Fact label={t('email.log.recipient')}>{m.to}</Fact>
            <Fact label={t('email.log.event')}>{t(`email.events.${m.event}`, { defaultValue: m.event })}</Fact>
            <Fact label={t('email.log.language')}>
              {t(`email.languages.${m.language}`, { defaultValue: m.language })}
            </Fact>
            <Fact label={t('email.log.created')}>{format.dateTime(m.createdAt)}</Fact>
            <Fact label={t('email.log.attempts')}>{m.attempts}</Fact>
            {m.sentAt ? <Fact label={t('email.log.sent')}>{format.dateTime(m.sentAt)}</Fact> : null}
            {m.nextAttemptAt && m.status === 'queued' ? (
              <Fact label={t('email.log.nextAttemptLabel')}>{format.dateTime(m.nextAttemptAt)}</Fact>
            ) : null}
            {m.messageId ? (
              <Fact label={t('email.log.messageId')}>
                <Code>{m.messageId}</Code>
              </Fact>
            ) : null}
          </SimpleGrid>
          <Divider />
          <Fact label={t('email.log.subject')}>
            <Text fw={600} data-testid="email-detail-subject">
              {m.subject}
            </Text>
          </Fact>
          <Card withBorder bg="var(--mantine-color-gray-0)" p="md">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="email-detail-body">
              {m.bodyText}
            </Text>
          </Card>
          {m.linksRevealed ? (
            <RevealedLinks bodyText={m.bodyText} />
          ) : (
            <Text size="xs" c="dimmed">
              {t('email.log.tokensMasked')}
            </Text>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

/** Issue 11 (19): without SMTP, an owner may open the one-time links of a message that never left. */
function RevealedLinks({ bodyText }: { bodyText: string }) {
  const { t } = useTranslation();
  const links = [...new Set(bodyText.match(/https?:\/\/\S+[?&]token=[^\s"'<>]+/g) ?? [])];
  return (
    <Alert color="blue" title={t('email.log.linksRevealedTitle')} data-testid="email-links-revealed">
      <Stack gap={6}>
        <Text size="sm">{t('email.log.linksRevealed')}</Text>
        {links.map((href) => (
          <Anchor
            key={href}
            href={href}
            target="_blank"
            rel="noreferrer"
            size="sm"
            data-testid="email-open-link"
            style={{ wordBreak: 'break-all' }}
          >
            {t('email.log.openLink')}
          </Anchor>
        ))}
      </Stack>
    </Alert>
  );
}
